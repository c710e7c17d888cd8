// Catalog::load_cached: the parsed distros.yaml kept as JSON in the cache
// folder. The YAML parse (yaml-cpp) cost a warm `resolve` more than its
// solve; the JSON is a few hundred microseconds. The file names the YAML's
// identity (path, size, modification time in ns, inode) inside, and is used
// only when all of it still holds; it is written only after a successful
// parse, so every error still comes from the YAML with its position.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "profiles/profiles.hpp"

namespace locidep::profiles {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* cache_format = "locidep-catalog-1";

std::optional<std::string> identity_of(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return std::nullopt;
  std::error_code error;
  const fs::path absolute = fs::absolute(file, error);
  return fmt::format(
      "{} {} {} {} {}", cache_format, static_cast<long long>(info.st_size),
      static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec,
      static_cast<unsigned long long>(info.st_ino), absolute.string());
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
  const auto identity = cache_directory ? identity_of(file) : std::nullopt;
  if (!identity) return load(directory);
  const fs::path cached =
      *cache_directory / fmt::format("catalog-{:016x}.json", std::hash<std::string>{}(*identity));
  if (std::ifstream in{cached}) {
    try {
      const json document = json::parse(in);
      if (document.at("identity").get<std::string>() == *identity) {
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
      }
    } catch (const json::exception&) {
      // A damaged or older cache file: parse the YAML again and replace it.
    }
  }
  Catalog catalog = load(directory);
  json document{{"identity", *identity}, {"distros", json::array()}};
  for (const Distro& distro : catalog.distros_) document["distros"].push_back(to_json(distro));
  std::error_code error;
  fs::create_directories(cached.parent_path(), error);
  try {
    write_file_atomically(cached, document.dump());
  } catch (const Error&) {
    // The cache only saves parsing the YAML again.
  }
  return catalog;
}

}  // namespace locidep::profiles
