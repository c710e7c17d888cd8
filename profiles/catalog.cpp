// The distro catalogue: DIR/distros.yaml. The schema is strict (unknown keys
// are errors) so that a typo in a user's own catalogue is reported with its
// position instead of silently changing a plan.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "profiles/detail.hpp"
#include "profiles/profiles.hpp"
#include "profiles/yaml_reader.hpp"

#ifndef LOCIDEP_PROFILES_SOURCE_DATA_DIR
#error "LOCIDEP_PROFILES_SOURCE_DATA_DIR must name profiles/data in the source tree"
#endif

namespace locidep::profiles {

namespace {

constexpr const char* catalog_file_name = "distros.yaml";

using detail::entries_of;
using detail::Entry;
using detail::name_value;
using detail::string_value;
using detail::type_name;
using detail::YamlSource;

Backend backend_value(const YamlSource& source, const YAML::Node& node, const YAML::Mark& mark,
                      const std::string& what) {
  const std::string text = string_value(source, node, mark, what);
  if (const auto backend = backend_named(text)) return *backend;
  source.fail(mark,
              fmt::format("{}: unknown backend '{}'; expected {}", what, text, backend_choices()));
}

// A distro and where its names were written, for duplicate-name errors.
struct ParsedDistro {
  Distro distro;
  YAML::Mark id_mark;
  std::vector<YAML::Mark> alias_marks;
};

// A distro's `os_release:` mapping, keys lower-cased as python-distro does.
void read_os_release(const YamlSource& source, const Entry& entry, const std::string& field,
                     Distro& distro) {
  const YAML::Node& value = entry.value;
  if (!value.IsMap()) {
    source.fail(entry.value_mark(),
                fmt::format("{}: expected a mapping of os-release fields, found {}", field,
                            type_name(value)));
  }
  for (const Entry& field_entry : entries_of(source, value, field, true)) {
    distro.os_release.fields[detail::ascii_lower(field_entry.key)] =
        string_value(source, field_entry.value, field_entry.value_mark(),
                     fmt::format("{}.{}", field, field_entry.key));
  }
}

// A distro's `data:` mapping: its bundled repositories, base image and names.
void read_data(const YamlSource& source, const Entry& entry, const std::string& field,
               Distro& distro) {
  const YAML::Node& value = entry.value;
  if (!value.IsMap()) {
    source.fail(entry.value_mark(),
                fmt::format("{}: expected a mapping, found {}", field, type_name(value)));
  }
  for (const Entry& data_entry : entries_of(source, value, field)) {
    const std::string data_field = fmt::format("{}.{}", field, data_entry.key);
    if (data_entry.key == "repositories") {
      for (const auto& path : detail::string_list(source, data_entry, data_field)) {
        distro.repositories.emplace_back(path);
      }
    } else if (data_entry.key == "base_status") {
      distro.base_status =
          string_value(source, data_entry.value, data_entry.value_mark(), data_field);
    } else if (data_entry.key == "names") {
      distro.names = string_value(source, data_entry.value, data_entry.value_mark(), data_field);
    } else if (data_entry.key == "base_packages") {
      distro.base_packages =
          string_value(source, data_entry.value, data_entry.value_mark(), data_field);
    } else {
      source.fail(
          data_entry.key_node.Mark(),
          fmt::format("{}: unknown key; expected repositories, base_status, base_packages or names",
                      data_field));
    }
  }
}

// The keys every distro needs, and a platform that bindep derives from its
// os_release in the family its backend installs.
void check_distro(const YamlSource& source, const YAML::Node& node,
                  const std::set<std::string>& present, const std::string& what,
                  const YAML::Mark& os_release_mark, Distro& distro) {
  for (const char* required :
       {"id", "name", "backend", "architecture", "base_image", "os_release"}) {
    if (!present.contains(required)) {
      source.fail(node.Mark(), fmt::format("{}: missing key '{}'", what, required));
    }
  }

  if (distro.os_release.get("id").empty()) {
    source.fail(
        os_release_mark,
        fmt::format("{}: os_release: missing ID (bindep names the platform after it)", what));
  }
  try {
    distro.platform = derive_platform(distro.os_release);
  } catch (const Error& error) {
    source.fail(os_release_mark, fmt::format("{}: os_release: {}", what, error.what()));
  }
  const PackageFamily wanted = family_of(distro.backend);
  if (distro.platform.family != wanted) {
    source.fail(
        os_release_mark,
        fmt::format(
            "{}: backend {} installs {} packages, but bindep's platform for this os_release "
            "is in the {} family",
            what, to_string(distro.backend), to_string(wanted), to_string(distro.platform.family)));
  }
}

ParsedDistro distro_from(const YamlSource& source, const YAML::Node& node, std::size_t index) {
  std::string what = fmt::format("distros[{}]", index);
  if (!node.IsMap())
    source.fail(node.Mark(),
                fmt::format("{}: expected a mapping, found {}", what, type_name(node)));

  ParsedDistro parsed;
  Distro& distro = parsed.distro;
  YAML::Mark os_release_mark = node.Mark();
  std::set<std::string> present;
  const std::vector<Entry> entries = entries_of(source, node, what);
  // Once the id is known, messages name the distro by it.
  for (const Entry& entry : entries) {
    if (entry.key == "id") {
      parsed.id_mark = entry.value_mark();
      distro.id = name_value(source, entry.value, parsed.id_mark, what + ": id");
      what = fmt::format("distro '{}'", distro.id);
    }
  }
  for (const Entry& entry : entries) {
    const std::string& key = entry.key;
    const YAML::Node& value = entry.value;
    present.insert(key);
    const std::string field = fmt::format("{}: {}", what, key);
    if (key == "id") {
      continue;
    } else if (key == "name") {
      distro.name = string_value(source, value, entry.value_mark(), field);
    } else if (key == "aliases") {
      if (!value.IsSequence()) {
        source.fail(entry.value_mark(),
                    fmt::format("{}: expected a list, found {}", field, type_name(value)));
      }
      for (const YAML::Node& alias : value) {
        const YAML::Mark mark = alias.Mark().is_null() ? entry.value_mark() : alias.Mark();
        distro.aliases.push_back(name_value(source, alias, mark, field));
        parsed.alias_marks.push_back(mark);
      }
    } else if (key == "backend") {
      distro.backend = backend_value(source, value, entry.value_mark(), field);
    } else if (key == "architecture") {
      distro.architecture = string_value(source, value, entry.value_mark(), field);
    } else if (key == "base_image") {
      distro.base_image = detail::checked_word(
          source, entry.value_mark(), field, string_value(source, value, entry.value_mark(), field),
          grammar::image_reference);
    } else if (key == "os_release") {
      os_release_mark = entry.key_node.Mark();
      read_os_release(source, entry, field, distro);
    } else if (key == "data") {
      read_data(source, entry, field, distro);
    } else if (key == "platform" || key == "atoms" || key == "platform_atoms") {
      source.fail(
          entry.key_node.Mark(),
          fmt::format("{}: platform atoms are never listed; they are derived from os_release",
                      field));
    } else {
      source.fail(entry.key_node.Mark(),
                  fmt::format("{}: unknown key; expected id, name, aliases, backend, "
                              "architecture, base_image, os_release or data",
                              field));
    }
  }
  check_distro(source, node, present, what, os_release_mark, distro);
  return parsed;
}

}  // namespace

Catalog Catalog::load(const std::filesystem::path& directory) {
  const std::filesystem::path file = directory / catalog_file_name;
  // Named members, not a structured binding: the lambda below captures the
  // source, and clang 14 (clang-tidy's) cannot capture a binding.
  const auto loaded = YamlSource::load(file.string());
  const YamlSource& source = loaded.first;
  const YAML::Node& root = loaded.second;
  if (!root.IsMap()) {
    source.fail(root.Mark(),
                fmt::format("expected a mapping with a 'distros' list, found {}", type_name(root)));
  }

  Catalog catalog;
  catalog.directory_ = directory;
  std::optional<YAML::Node> distros;
  for (const Entry& entry : entries_of(source, root, "catalogue")) {
    if (entry.key != "distros") {
      source.fail(entry.key_node.Mark(),
                  fmt::format("unknown key '{}'; expected 'distros'", entry.key));
    }
    distros = entry.value;
  }
  if (!distros) source.fail(root.Mark(), "missing key 'distros'");
  if (!distros->IsSequence()) {
    source.fail(distros->Mark(),
                fmt::format("distros: expected a list, found {}", type_name(*distros)));
  }

  // Every id and alias names exactly one distro.
  std::map<std::string, std::string> owner;
  std::size_t index = 0;
  for (const YAML::Node& entry : *distros) {
    ParsedDistro parsed = distro_from(source, entry, index++);
    const std::string& id = parsed.distro.id;
    const auto claim = [&](const std::string& name, const char* kind, const YAML::Mark& mark) {
      const auto [it, inserted] = owner.emplace(name, id);
      if (inserted) return;
      if (it->second == name) {
        source.fail(mark, fmt::format("distro '{}': {} '{}' is already the id of an earlier distro",
                                      id, kind, name));
      }
      source.fail(mark, fmt::format("distro '{}': {} '{}' is already used by distro '{}'", id, kind,
                                    name, it->second));
    };
    claim(id, "id", parsed.id_mark);
    for (std::size_t i = 0; i < parsed.distro.aliases.size(); ++i) {
      claim(parsed.distro.aliases[i], "alias", parsed.alias_marks[i]);
    }
    // Bundled data is named relative to the catalogue folder.
    Distro& distro = parsed.distro;
    for (auto& repository : distro.repositories) repository = directory / repository;
    if (!distro.base_status.empty()) distro.base_status = directory / distro.base_status;
    if (!distro.base_packages.empty()) distro.base_packages = directory / distro.base_packages;
    if (!distro.names.empty()) distro.names = directory / distro.names;
    catalog.distros_.push_back(std::move(parsed.distro));
  }
  return catalog;
}

Catalog Catalog::load_default() { return load(default_directory()); }

std::filesystem::path Catalog::default_directory() {
  namespace fs = std::filesystem;
  if (const char* from_env = std::getenv("LOCIDEP_CATALOG_DIR"); from_env && *from_env) {
    return from_env;
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(executable.parent_path() / ".." / "share" / "locidep" / "profiles");
  candidates.emplace_back(LOCIDEP_PROFILES_SOURCE_DATA_DIR);
  for (const fs::path& directory : candidates) {
    if (fs::is_regular_file(directory / catalog_file_name, ec)) return directory.lexically_normal();
  }
  std::string tried;
  for (const fs::path& directory : candidates) {
    tried +=
        (tried.empty() ? "" : ", ") + (directory / catalog_file_name).lexically_normal().string();
  }
  throw Error(
      ExitCode::environment,
      fmt::format("cannot find the distro catalogue (tried {}); set LOCIDEP_CATALOG_DIR", tried));
}

const Distro& Catalog::find(std::string_view id_or_alias) const {
  for (const Distro& distro : distros_) {
    if (distro.id == id_or_alias) return distro;
  }
  for (const Distro& distro : distros_) {
    for (const std::string& alias : distro.aliases) {
      if (alias == id_or_alias) return distro;
    }
  }
  std::string known;
  for (const Distro& distro : distros_) known += (known.empty() ? "" : ", ") + distro.id;
  throw Error(ExitCode::bad_input,
              fmt::format("unknown distro '{}'; known: {}", id_or_alias, known));
}

}  // namespace locidep::profiles
