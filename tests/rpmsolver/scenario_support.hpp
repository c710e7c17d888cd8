// The recorded dnf/zypper scenarios (fixtures/rpm/scenarios/*.json) put to
// our backend in-process: building the RpmSystem a scenario describes and
// comparing its answer with the tool's.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backends/rpm/system.hpp"

namespace locidep::test {

struct Scenario {
  std::string id;
  nlohmann::json record;
  rpm::Tool tool = rpm::Tool::dnf;
  std::vector<std::pair<std::string, std::filesystem::path>> repositories;
  std::optional<std::filesystem::path> base;
  bool remove = false;
  std::string status;                      // the tool's: "ok" or "refused"
  std::set<std::string> install, removed;  // the tool's: name=[epoch:]version-release.arch
};

std::filesystem::path scenario_directory();
std::vector<std::string> scenario_ids();
Scenario load_scenario(const std::string& id);
// Why the scenario cannot run here ("" when it can): missing shared data.
std::string missing_data(const Scenario& scenario);
// Scenarios whose recorded answer is a limitation of Debian's tool build,
// not a policy to copy (the reason), or "".
std::string known_tool_limitation(const Scenario& scenario);

rpm::RpmSystem build_system(const Scenario& scenario, const std::filesystem::path& cache_directory);

struct OurAnswer {
  bool refused = false;
  std::string message;
  std::set<std::string> install, removed;
};
OurAnswer run_scenario(
    rpm::RpmSystem& system, const Scenario& scenario,
    const std::optional<std::filesystem::path>& testcase_directory = std::nullopt);

std::string test_name_of(const std::string& id);

// The `locidep resolve --format json` arguments a user would type for an
// install SCENARIO: its tool's distro, `--repo` per repository,
// `--base-packages`, `--recommends`, `--enable-module`, the words.
std::vector<std::string> resolve_arguments(const Scenario& scenario,
                                           const std::filesystem::path& cache_directory);
// name=[epoch:]version-release.arch of every package of a resolve JSON's install list.
std::set<std::string> resolve_install_set(const nlohmann::json& answer);

}  // namespace locidep::test
