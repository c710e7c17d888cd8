// The distro catalogue: DIR/distros.yaml. The schema is strict (unknown keys
// are errors) so that a typo in a user's own catalogue is reported with its
// position instead of silently changing a plan.
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "profiles/detail.hpp"
#include "profiles/profiles.hpp"

#ifndef LOCIDEP_PROFILES_SOURCE_DATA_DIR
#error "LOCIDEP_PROFILES_SOURCE_DATA_DIR must name profiles/data in the source tree"
#endif

namespace locidep::profiles {

const char* to_string(Backend backend) {
  switch (backend) {
    case Backend::apt: return "apt";
    case Backend::zypper: return "zypper";
    case Backend::dnf: return "dnf";
  }
  return "apt";
}

namespace {

constexpr const char* catalog_file_name = "distros.yaml";

// Turns yaml-cpp positions (0-based, columns in bytes) into our errors.
class YamlSource {
 public:
  YamlSource(std::string file, std::string text) : file_(std::move(file)), text_(std::move(text)) {}

  const std::string& text() const { return text_; }

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    if (mark.is_null() || mark.line < 0) {
      throw Error(ExitCode::bad_input, fmt::format("{}: {}", file_, message));
    }
    SourceLocation where;
    where.file = file_;
    where.line = static_cast<std::size_t>(mark.line) + 1;
    where.line_text = line_text(static_cast<std::size_t>(mark.line));
    const std::size_t byte_column =
        std::min(static_cast<std::size_t>(std::max(mark.column, 0)), where.line_text.size());
    where.column = detail::code_points(std::string_view(where.line_text).substr(0, byte_column)) + 1;
    throw Error(ExitCode::bad_input, message, std::move(where));
  }

 private:
  std::string line_text(std::size_t line_index) const {
    std::size_t start = 0;
    for (std::size_t line = 0; line < line_index; ++line) {
      const std::size_t newline = text_.find('\n', start);
      if (newline == std::string::npos) return {};
      start = newline + 1;
    }
    const std::size_t end = text_.find('\n', start);
    return text_.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }

  std::string file_;
  std::string text_;
};

const char* type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Undefined: return "nothing";
  }
  return "nothing";
}

// The keys of a mapping, each with its node, refusing duplicates (yaml-cpp
// keeps both and would silently answer with the first).
std::vector<std::pair<std::string, YAML::Node>> entries_of(const YamlSource& source,
                                                          const YAML::Node& map,
                                                          const std::string& what,
                                                          bool case_insensitive = false) {
  std::vector<std::pair<std::string, YAML::Node>> entries;
  std::map<std::string, std::string> seen;
  for (const auto& pair : map) {
    const YAML::Node& key = pair.first;
    if (!key.IsScalar()) source.fail(key.Mark(), fmt::format("{}: keys must be plain strings", what));
    const std::string name = key.Scalar();
    const std::string folded = case_insensitive ? detail::ascii_lower(name) : name;
    if (const auto it = seen.find(folded); it != seen.end()) {
      source.fail(key.Mark(), fmt::format("{}: duplicate key '{}'{}", what, name,
                                          it->second == name ? "" : fmt::format(" (same as '{}')", it->second)));
    }
    seen.emplace(folded, name);
    entries.emplace_back(name, pair.second);
  }
  return entries;
}

std::string string_value(const YamlSource& source, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) {
    source.fail(node.Mark(), fmt::format("{}: expected a string, found {}{}", what, type_name(node),
                                         node.IsNull() ? " (write \"\" for an empty value)" : ""));
  }
  return node.Scalar();
}

// Ids and aliases are typed on command lines and listed in messages.
std::string name_value(const YamlSource& source, const YAML::Node& node, const std::string& what) {
  std::string name = string_value(source, node, what);
  const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == '+';
  });
  if (!valid) {
    source.fail(node.Mark(), fmt::format("{}: '{}' is not a valid name; expected letters, digits, "
                                         "'.', '-', '_' or '+'",
                                         what, name));
  }
  return name;
}

Backend backend_value(const YamlSource& source, const YAML::Node& node, const std::string& what) {
  const std::string text = string_value(source, node, what);
  if (text == "apt") return Backend::apt;
  if (text == "zypper") return Backend::zypper;
  if (text == "dnf") return Backend::dnf;
  source.fail(node.Mark(), fmt::format("{}: unknown backend '{}'; expected apt, zypper or dnf", what, text));
}

// The package family each backend can install for.
PackageFamily family_of(Backend backend) {
  return backend == Backend::apt ? PackageFamily::dpkg : PackageFamily::rpm;
}

Distro distro_from(const YamlSource& source, const YAML::Node& node, std::size_t index) {
  std::string what = fmt::format("distros[{}]", index);
  if (!node.IsMap()) source.fail(node.Mark(), fmt::format("{}: expected a mapping, found {}", what, type_name(node)));

  Distro distro;
  std::optional<YAML::Node> os_release_node;
  std::set<std::string> present;
  const std::vector<std::pair<std::string, YAML::Node>> entries = entries_of(source, node, what);
  // Name the entry by its id in every message once the id is known.
  for (const auto& [key, value] : entries) {
    if (key == "id") {
      distro.id = name_value(source, value, what + ".id");
      what = fmt::format("distro '{}'", distro.id);
    }
  }
  for (const auto& [key, value] : entries) {
    present.insert(key);
    const std::string field = fmt::format("{}: {}", what, key);
    if (key == "id") {
      continue;
    } else if (key == "name") {
      distro.name = string_value(source, value, field);
    } else if (key == "aliases") {
      if (!value.IsSequence()) {
        source.fail(value.Mark(), fmt::format("{}: expected a list, found {}", field, type_name(value)));
      }
      for (const YAML::Node& alias : value) distro.aliases.push_back(name_value(source, alias, field));
    } else if (key == "backend") {
      distro.backend = backend_value(source, value, field);
    } else if (key == "architecture") {
      distro.architecture = string_value(source, value, field);
    } else if (key == "base_image") {
      distro.base_image = string_value(source, value, field);
    } else if (key == "os_release") {
      if (!value.IsMap()) {
        source.fail(value.Mark(), fmt::format("{}: expected a mapping of os-release fields, found {}", field,
                                              type_name(value)));
      }
      os_release_node = value;
      for (const auto& [os_key, os_value] : entries_of(source, value, field, true)) {
        distro.os_release.fields[detail::ascii_lower(os_key)] =
            string_value(source, os_value, fmt::format("{}.{}", field, os_key));
      }
    } else if (key == "platform" || key == "atoms" || key == "platform_atoms") {
      source.fail(value.Mark().is_null() ? node.Mark() : value.Mark(),
                  fmt::format("{}: platform atoms are never listed; they are derived from os_release",
                              field));
    } else {
      source.fail(value.Mark(), fmt::format("{}: unknown key; expected id, name, aliases, backend, "
                                            "architecture, base_image or os_release",
                                            field));
    }
  }
  for (const char* required : {"id", "name", "backend", "architecture", "base_image", "os_release"}) {
    if (!present.contains(required)) {
      source.fail(node.Mark(), fmt::format("{}: missing key '{}'", what, required));
    }
  }

  try {
    distro.platform = derive_platform(distro.os_release);
  } catch (const Error& error) {
    source.fail(os_release_node->Mark(), fmt::format("{}: os_release: {}", what, error.what()));
  }
  const PackageFamily wanted = family_of(distro.backend);
  if (distro.platform.family != wanted) {
    source.fail(os_release_node->Mark(),
                fmt::format("{}: backend {} needs a {} distro, but bindep sees this os_release as {}", what,
                            to_string(distro.backend), to_string(wanted), to_string(distro.platform.family)));
  }
  return distro;
}

}  // namespace

Catalog Catalog::load(const std::filesystem::path& directory) {
  const std::filesystem::path file = directory / catalog_file_name;
  const YamlSource source(file.string(), normalize_newlines(read_text_file(file)));

  YAML::Node root;
  try {
    root = YAML::Load(source.text());
  } catch (const YAML::Exception& error) {
    source.fail(error.mark, error.msg);
  }
  if (!root.IsMap()) {
    source.fail(root.Mark(), fmt::format("expected a mapping with a 'distros' list, found {}", type_name(root)));
  }

  Catalog catalog;
  catalog.directory_ = directory;
  std::optional<YAML::Node> distros;
  for (const auto& [key, value] : entries_of(source, root, "catalogue")) {
    if (key != "distros") source.fail(value.Mark(), fmt::format("unknown key '{}'; expected 'distros'", key));
    distros = value;
  }
  if (!distros) source.fail(root.Mark(), "missing key 'distros'");
  if (!distros->IsSequence()) {
    source.fail(distros->Mark(), fmt::format("distros: expected a list, found {}", type_name(*distros)));
  }

  // Every id and alias names exactly one distro.
  std::map<std::string, std::string> owner;
  std::size_t index = 0;
  for (const YAML::Node& entry : *distros) {
    Distro distro = distro_from(source, entry, index++);
    const auto claim = [&](const std::string& name, const char* kind) {
      const auto [it, inserted] = owner.emplace(name, distro.id);
      if (!inserted) {
        source.fail(entry.Mark(), fmt::format("distro '{}': {} '{}' is already used by distro '{}'", distro.id,
                                              kind, name, it->second));
      }
    };
    claim(distro.id, "id");
    for (const std::string& alias : distro.aliases) claim(alias, "alias");
    catalog.distros_.push_back(std::move(distro));
  }
  return catalog;
}

Catalog Catalog::load_default() {
  namespace fs = std::filesystem;
  if (const char* from_env = std::getenv("LOCIDEP_CATALOG_DIR"); from_env && *from_env) {
    return load(from_env);
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(executable.parent_path() / ".." / "share" / "locidep" / "profiles");
  candidates.emplace_back(LOCIDEP_PROFILES_SOURCE_DATA_DIR);
  for (const fs::path& directory : candidates) {
    if (fs::is_regular_file(directory / catalog_file_name, ec)) return load(directory.lexically_normal());
  }
  std::string tried;
  for (const fs::path& directory : candidates) {
    tried += (tried.empty() ? "" : ", ") + (directory / catalog_file_name).lexically_normal().string();
  }
  throw Error(ExitCode::environment,
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
  throw Error(ExitCode::bad_input, fmt::format("unknown distro '{}'; known: {}", id_or_alias, known));
}

}  // namespace locidep::profiles
