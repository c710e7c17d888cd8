#include "planner/lock_reader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>

#include "common/error.hpp"
#include "common/text_file.hpp"

namespace locidep::planner {

namespace {

constexpr std::string_view lock_header = "# locidep lock file";

[[noreturn]] void fail(const std::filesystem::path& path, const YAML::Mark& mark,
                       const std::string& message) {
  if (mark.is_null() || mark.line < 0)
    throw Error(ExitCode::bad_input, fmt::format("{}: {}", path.string(), message));
  throw Error(ExitCode::bad_input, message,
              SourceLocation{path.string(),
                             static_cast<std::size_t>(mark.line) + 1,
                             static_cast<std::size_t>(mark.column) + 1,
                             {}});
}

std::string text_at(const std::filesystem::path& path, const YAML::Node& node, const char* key) {
  const YAML::Node value = node[key];
  if (!value || !value.IsScalar()) fail(path, node.Mark(), fmt::format("expected '{}' here", key));
  return value.Scalar();
}

profiles::Backend backend_at(const std::filesystem::path& path, const YAML::Node& node) {
  const std::string name = text_at(path, node, "backend");
  const auto backend = profiles::backend_named(name);
  if (!backend) {
    fail(path, node["backend"].Mark(),
         fmt::format("unknown backend '{}'; expected {}", name, profiles::backend_choices()));
  }
  return *backend;
}

}  // namespace

bool is_lock_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string first_line;
  return in && std::getline(in, first_line) && first_line.starts_with(lock_header);
}

Plan read_lock_file(const std::filesystem::path& path) {
  const std::string text = read_text_file(path);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    fail(path, error.mark, "invalid YAML: " + error.msg);
  }
  if (!root.IsMap() || !root["lock_version"])
    fail(path, root.Mark(), "not a locidep lock file (no lock_version)");
  if (root["lock_version"].as<std::string>() != "1") {
    fail(path, root["lock_version"].Mark(),
         "unsupported lock_version; this locidep reads version 1");
  }
  Plan plan;
  plan.distro = text_at(path, root, "distro");
  plan.backend = backend_at(path, root);
  plan.architecture = text_at(path, root, "architecture");
  plan.base_image = text_at(path, root, "base_image");
  for (const auto& input : root["inputs"]) {
    plan.inputs.push_back({text_at(path, input, "path"), text_at(path, input, "sha256")});
  }
  for (const auto& node : root["services"]) {
    ServicePlan service;
    service.service = text_at(path, node, "service");
    for (const auto& profile : node["profiles"])
      service.profiles.push_back(profile.as<std::string>());
    for (const auto& item_node : node["install"]) {
      InstallItem item;
      item.name = text_at(path, item_node, "name");
      item.version = text_at(path, item_node, "version");
      item.arch = text_at(path, item_node, "arch");
      item.role = text_at(path, item_node, "role") == "build" ? Role::build : Role::runtime;
      item.direct = text_at(path, item_node, "direct") == "true";
      item.source = text_at(path, item_node, "source");
      if (item_node["checksum"]) item.checksum = item_node["checksum"].as<std::string>();
      if (item_node["installed_size"])
        item.installed_size = item_node["installed_size"].as<std::uint64_t>();
      service.install.push_back(std::move(item));
    }
    for (const auto& item_node : node["purge"]) {
      service.purge.push_back({text_at(path, item_node, "name"),
                               text_at(path, item_node, "version"),
                               text_at(path, item_node, "arch")});
    }
    for (const auto& item_node : node["unavailable"]) {
      service.unavailable.push_back({text_at(path, item_node, "name"),
                                     text_at(path, item_node, "source"),
                                     text_at(path, item_node, "problem")});
    }
    for (const auto& item_node : node["met"]) {
      service.met.push_back({text_at(path, item_node, "name"), text_at(path, item_node, "source")});
    }
    for (const auto& requirement : node["pip"])
      service.pip.push_back(requirement.as<std::string>());
    plan.services.push_back(std::move(service));
  }
  return plan;
}

}  // namespace locidep::planner
