// Catalog::load_cached: the parsed distros.yaml kept as JSON in the cache
// folder. The YAML parse (yaml-cpp) cost a warm `resolve` more than its
// solve; the JSON is a few hundred microseconds. The JSON is a cache entry
// (common/cache_entry.hpp) built from the YAML's path and content digest, and
// is used only when both still hold and its own bytes are whole; it is
// written only after a successful parse, so every error still comes from the
// YAML with its position.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "common/cache_entry.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"
#include "profiles/profiles.hpp"

namespace locidep::profiles {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* cache_format = "locidep-catalog-2";

// What the cached JSON is built from: the YAML's absolute path and content.
// nullopt when the YAML cannot be read (its parse then says why).
std::optional<std::string> source_of(const fs::path& file) {
  std::error_code error;
  const fs::path absolute = fs::absolute(file, error);
  try {
    return fmt::format("{}\n{}", absolute.string(), sha256_file(file));
  } catch (const Error&) {
    return std::nullopt;
  }
}

json to_json(const Distro& distro) {
  json paths = json::array();
  for (const auto& repository : distro.repositories) paths.push_back(repository.string());
  return {{"id", distro.id},
          {"aliases", distro.aliases},
          {"name", distro.name},
          {"backend", to_string(distro.backend)},
          {"architecture", distro.architecture},
          {"base_image", distro.base_image},
          {"os_release", distro.os_release.fields},
          {"repositories", paths},
          {"base_status", distro.base_status.string()},
          {"base_packages", distro.base_packages.string()},
          {"names", distro.names.string()}};
}

// nullopt when the entry names a backend this build does not know: the cache
// is then as good as damaged, and the YAML, parsed again, says what is wrong
// with it and where.
std::optional<Distro> from_json(const json& entry) {
  Distro distro;
  distro.id = entry.at("id").get<std::string>();
  distro.aliases = entry.at("aliases").get<std::vector<std::string>>();
  distro.name = entry.at("name").get<std::string>();
  const auto backend = backend_named(entry.at("backend").get<std::string>());
  if (!backend) return std::nullopt;
  distro.backend = *backend;
  distro.architecture = entry.at("architecture").get<std::string>();
  distro.base_image = entry.at("base_image").get<std::string>();
  distro.os_release.fields = entry.at("os_release").get<std::map<std::string, std::string>>();
  distro.platform = derive_platform(distro.os_release);
  for (const auto& path : entry.at("repositories"))
    distro.repositories.emplace_back(path.get<std::string>());
  distro.base_status = entry.at("base_status").get<std::string>();
  distro.base_packages = entry.at("base_packages").get<std::string>();
  distro.names = entry.at("names").get<std::string>();
  return distro;
}

}  // namespace

Catalog Catalog::load_default(const std::optional<std::filesystem::path>& cache_directory) {
  return load_cached(default_directory(), cache_directory);
}

Catalog Catalog::load_cached(const std::filesystem::path& directory,
                             const std::optional<std::filesystem::path>& cache_directory) {
  const fs::path file = directory / "distros.yaml";
  const auto source = cache_directory ? source_of(file) : std::nullopt;
  if (!source) return load(directory);
  std::error_code error;
  const fs::path cached =
      *cache_directory /
      fmt::format("catalog-{}.json", sha256_hex(fs::absolute(file, error).string()));
  if (const auto payload = read_cache_entry(cached, cache_format, *source)) {
    try {
      const json document = json::parse(*payload);
      Catalog catalog;
      catalog.directory_ = directory;
      bool complete = true;
      for (const json& entry : document.at("distros")) {
        auto distro = from_json(entry);
        if (!distro) {
          complete = false;
          break;
        }
        catalog.distros_.push_back(std::move(*distro));
      }
      if (complete) return catalog;
    } catch (const json::exception&) {
      // Sound bytes of a shape this build does not read: parse the YAML again.
    }
  }
  Catalog catalog = load(directory);
  json document{{"distros", json::array()}};
  for (const Distro& distro : catalog.distros_) document["distros"].push_back(to_json(distro));
  try {
    write_cache_entry(cached, cache_format, *source, document.dump());
  } catch (const Error&) {
    // The cache only saves parsing the YAML again.
  }
  return catalog;
}

}  // namespace locidep::profiles
