#include "profiles/services.hpp"

#include <fmt/format.h>

#include <set>

#include "common/error.hpp"
#include "profiles/yaml_reader.hpp"

namespace locidep::profiles {

namespace {

using detail::entries_of;
using detail::Entry;
using detail::name_value;
using detail::string_list;
using detail::type_name;
using detail::YamlSource;

void require_map(const YamlSource& source, const YAML::Node& node, const YAML::Mark& mark,
                 const std::string& what) {
  if (!node.IsMap())
    source.fail(mark, fmt::format("{}: expected a mapping, found {}", what, type_name(node)));
}

Service service_from(const YamlSource& source, const YAML::Node& node, std::size_t index) {
  std::string what = fmt::format("services[{}]", index);
  require_map(source, node, node.Mark(), what);
  Service service;
  bool has_name = false;
  for (const Entry& entry : entries_of(source, node, what)) {
    if (entry.key == "name") {
      service.name = name_value(source, entry.value, entry.value_mark(), what + ": name");
      has_name = true;
    } else if (entry.key == "profiles") {
      service.profiles = string_list(source, entry, what + ": profiles", grammar::profile_word);
    } else if (entry.key == "pip") {
      service.pip_packages = string_list(source, entry, what + ": pip", grammar::pip_name);
    } else {
      source.fail(
          entry.key_node.Mark(),
          fmt::format("{}: unknown key '{}'; expected name, profiles or pip", what, entry.key));
    }
  }
  if (!has_name) source.fail(node.Mark(), fmt::format("{}: missing key 'name'", what));
  return service;
}

Backend bootstrap_backend(const YamlSource& source, const Entry& entry) {
  if (const auto backend = backend_named(entry.key)) return *backend;
  source.fail(entry.key_node.Mark(), fmt::format("bootstrap: unknown backend '{}'; expected {}",
                                                 entry.key, backend_choices()));
}

}  // namespace

ServiceCatalog ServiceCatalog::load(const std::filesystem::path& directory) {
  const auto file = directory / "services.yaml";
  const auto [source, root] = YamlSource::load(file.string());
  require_map(source, root, root.Mark(), "service catalogue");
  ServiceCatalog catalog;
  catalog.directory_ = directory;
  std::set<std::string> present;
  for (const Entry& entry : entries_of(source, root, "service catalogue")) {
    present.insert(entry.key);
    if (entry.key == "build_profiles") {
      catalog.build_profiles_ = string_list(source, entry, "build_profiles", grammar::profile_word);
    } else if (entry.key == "rules") {
      require_map(source, entry.value, entry.value_mark(), "rules");
      for (const Entry& rules : entries_of(source, entry.value, "rules")) {
        std::vector<std::filesystem::path> paths;
        for (const auto& name : string_list(source, rules, "rules: " + rules.key))
          paths.push_back(directory / name);
        if (rules.key == "bindep")
          catalog.bindep_files_ = std::move(paths);
        else if (rules.key == "pydep")
          catalog.pydep_files_ = std::move(paths);
        else
          source.fail(rules.key_node.Mark(),
                      fmt::format("rules: unknown key '{}'; expected bindep or pydep", rules.key));
      }
    } else if (entry.key == "bootstrap") {
      require_map(source, entry.value, entry.value_mark(), "bootstrap");
      for (const Entry& backend_entry : entries_of(source, entry.value, "bootstrap")) {
        const std::string what = "bootstrap: " + backend_entry.key;
        require_map(source, backend_entry.value, backend_entry.value_mark(), what);
        const Backend backend = bootstrap_backend(source, backend_entry);
        // Bootstrap packages reach the install command as they are written.
        const detail::WordCheck package_name = family_of(backend) == PackageFamily::dpkg
                                                   ? grammar::debian_package_name
                                                   : grammar::rpm_package_name;
        BootstrapPackages packages;
        for (const Entry& part : entries_of(source, backend_entry.value, what)) {
          if (part.key == "runtime")
            packages.runtime = string_list(source, part, what + ": runtime", package_name);
          else if (part.key == "build")
            packages.build = string_list(source, part, what + ": build", package_name);
          else
            source.fail(
                part.key_node.Mark(),
                fmt::format("{}: unknown key '{}'; expected runtime or build", what, part.key));
        }
        catalog.bootstrap_[backend] = std::move(packages);
      }
    } else if (entry.key == "services") {
      if (!entry.value.IsSequence()) {
        source.fail(entry.value_mark(),
                    fmt::format("services: expected a list, found {}", type_name(entry.value)));
      }
      std::set<std::string> names;
      std::size_t index = 0;
      for (const YAML::Node& node : entry.value) {
        Service service = service_from(source, node, index++);
        if (!names.insert(service.name).second) {
          source.fail(node.Mark(), fmt::format("service '{}' is listed twice", service.name));
        }
        catalog.services_.push_back(std::move(service));
      }
    } else {
      source.fail(
          entry.key_node.Mark(),
          fmt::format("unknown key '{}'; expected build_profiles, rules, bootstrap or services",
                      entry.key));
    }
  }
  for (const char* required : {"services", "rules"}) {
    if (!present.contains(required))
      source.fail(root.Mark(), fmt::format("missing key '{}'", required));
  }
  return catalog;
}

const Service& ServiceCatalog::find(std::string_view name) const {
  for (const auto& service : services_) {
    if (service.name == name) return service;
  }
  std::string known;
  for (const auto& service : services_) known += (known.empty() ? "" : ", ") + service.name;
  throw Error(ExitCode::bad_input, fmt::format("unknown service '{}'; known: {}", name, known));
}

ServiceCatalog ServiceCatalog::for_project(std::filesystem::path directory,
                                           std::vector<std::filesystem::path> bindep_files) {
  ServiceCatalog catalog;
  catalog.directory_ = std::move(directory);
  Service project;
  project.name = std::string(project_service_name);
  project.bindep_profiles = true;
  catalog.services_.push_back(std::move(project));
  catalog.bindep_files_ = std::move(bindep_files);
  return catalog;
}

std::set<std::string> ServiceCatalog::catalogue_profiles() const {
  std::set<std::string> names(build_profiles_.begin(), build_profiles_.end());
  for (const auto& service : services_) {
    names.insert(service.name);
    names.insert(service.profiles.begin(), service.profiles.end());
  }
  return names;
}

const BootstrapPackages& ServiceCatalog::bootstrap(Backend backend) const {
  static const BootstrapPackages none;
  const auto it = bootstrap_.find(backend);
  return it == bootstrap_.end() ? none : it->second;
}

}  // namespace locidep::profiles
