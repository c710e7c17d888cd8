// `locidep resolve` against the real dnf and zypper, live: every recorded
// install scenario into an empty root (no stub rpmdb to build, so each costs
// one tool run) is run again with the real tool through the harness that
// recorded it (scripts/rpm-data/oracle.py replay) and typed as a `locidep
// resolve` command line; both answers must be the same set of packages (or
// both refusals). The recorded answers of all 86 install scenarios are
// compared in rpmsolver_resolve_cli_test without the tools.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/rpmsolver/scenario_support.hpp"
#include "tests/support/process.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> empty_root_installs() {
  std::vector<std::string> ids;
  for (const auto& id : scenario_ids()) {
    const Scenario scenario = load_scenario(id);
    if (!scenario.remove && !scenario.base) ids.push_back(id);
  }
  return ids;
}

class ResolveAgainstTheLiveTool : public testing::TestWithParam<std::string> {};

TEST_P(ResolveAgainstTheLiveTool, SameInstallSet) {
  const Scenario scenario = load_scenario(GetParam());
  const std::string tool = scenario.tool == rpm::Tool::zypper ? "zypper" : "dnf";
  if (!have_program(tool))
    GTEST_SKIP() << tool << " is not installed (scripts/install-deps.sh --oracles)";
  if (const auto missing = missing_data(scenario); !missing.empty())
    GTEST_SKIP() << "skipped: " << missing;
  if (const auto limitation = known_tool_limitation(scenario); !limitation.empty())
    GTEST_SKIP() << limitation;

  const fs::path file = scenario_directory() / (scenario.id + ".json");
  const auto live = run_process(
      "python3", {(fs::path(LOCIDEP_SOURCE_DIR) / "scripts" / "rpm-data" / "oracle.py").string(),
                  "replay", file.string(), "--shared", LOCIDEP_SHARED_DIR});
  ASSERT_EQ(live.exit_code, 0) << live.err;
  const json replay = json::parse(live.out);
  if (replay.contains("skip")) GTEST_SKIP() << replay.at("skip").get<std::string>();
  const json& theirs = replay.at("answer");

  const fs::path cache =
      fs::temp_directory_path() / ("locidep-rpm-live-" + std::to_string(::getpid()));
  const auto ours = run_process(LOCIDEP_BINARY, resolve_arguments(scenario, cache));
  fs::remove_all(cache);
  if (theirs.at("status") != "ok") {
    EXPECT_EQ(ours.exit_code, 2) << ours.out << ours.err;
    return;
  }
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  std::set<std::string> their_set;
  for (const json& item : theirs.at("install")) their_set.insert(item.get<std::string>());
  EXPECT_EQ(resolve_install_set(json::parse(ours.out)), their_set)
      << tool << " " << replay.value("tool_version", "");
}

INSTANTIATE_TEST_SUITE_P(EmptyRoot, ResolveAgainstTheLiveTool,
                         testing::ValuesIn(empty_root_installs()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test_name_of(info.param);
                         });

}  // namespace
}  // namespace locidep::test
