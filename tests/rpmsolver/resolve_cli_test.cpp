// `locidep resolve` for zypper and dnf distros, as a process, against the
// real tools' recorded answers: every install scenario of
// fixtures/rpm/scenarios (dnf 4.14 / zypper 1.14 on the same repositories,
// base and request; docs/rpm-oracles.md) is put to the command line
// (`--repo` per repository, `--base-packages`, `--recommends`,
// `--enable-module`) and its JSON install set compared with the tool's;
// refusals must exit 2 with the refusal on stderr. The removal scenarios
// start from a recorded installed state, which `resolve` cannot be given;
// they are replayed in-process by rpmsolver_scenario_test.
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

fs::path cache_directory() {
  static const fs::path directory = [] {
    const fs::path path =
        fs::temp_directory_path() / ("locidep-rpm-resolve-cli-" + std::to_string(::getpid()));
    fs::create_directories(path);
    return path;
  }();
  return directory;
}

class CacheCleanup : public testing::Environment {
 public:
  void TearDown() override { fs::remove_all(cache_directory()); }
};
const auto* const cleanup = testing::AddGlobalTestEnvironment(new CacheCleanup);

std::vector<std::string> install_scenarios() {
  std::vector<std::string> ids;
  for (const auto& id : scenario_ids()) {
    if (load_scenario(id).record.at("action") == "install") ids.push_back(id);
  }
  return ids;
}

class ResolveCommandAgainstTheTool : public testing::TestWithParam<std::string> {};

TEST_P(ResolveCommandAgainstTheTool, SameInstallSetOrSameRefusal) {
  const Scenario scenario = load_scenario(GetParam());
  if (const auto missing = missing_data(scenario); !missing.empty())
    GTEST_SKIP() << "skipped: " << missing;
  if (const auto limitation = known_tool_limitation(scenario); !limitation.empty()) {
    GTEST_SKIP() << "skipped: " << limitation;
  }
  const auto arguments = resolve_arguments(scenario, cache_directory());
  const ProcessResult run = run_process(LOCIDEP_BINARY, arguments);
  std::string command = "locidep";
  for (const auto& argument : arguments) command += " " + argument;
  if (scenario.status == "refused") {
    EXPECT_EQ(run.exit_code, 2) << command << "\n" << run.out << run.err;
    EXPECT_NE(run.err.find("the request cannot be satisfied"), std::string::npos) << command << "\n"
                                                                                  << run.err;
    return;
  }
  ASSERT_EQ(run.exit_code, 0) << command << "\n" << run.err;
  const json answer = json::parse(run.out);
  const std::set<std::string> ours = resolve_install_set(answer);
  EXPECT_EQ(ours, scenario.install) << command;
  EXPECT_TRUE(answer.at("purge").empty());
}

INSTANTIATE_TEST_SUITE_P(Recorded, ResolveCommandAgainstTheTool,
                         testing::ValuesIn(install_scenarios()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test_name_of(info.param);
                         });

// The tools' sentences for a word nothing matches, and exit 2.
TEST(ResolveCommand, UnknownWordIsRefusedInTheToolsWords) {
  const fs::path cache = cache_directory();
  const auto zypper =
      run_process(LOCIDEP_BINARY, {"resolve", "--distro", "opensuse-leap-15.6", "--cache-dir",
                                   cache.string(), "sudo", "mod_auth_mellon"});
  EXPECT_EQ(zypper.exit_code, 2) << zypper.err;
  EXPECT_NE(zypper.err.find("mod_auth_mellon: No provider of 'mod_auth_mellon' found."),
            std::string::npos)
      << zypper.err;
  EXPECT_TRUE(zypper.out.empty()) << zypper.out;
  const auto dnf = run_process(LOCIDEP_BINARY, {"resolve", "--distro", "centos-stream-9",
                                                "--cache-dir", cache.string(), "redhat-lsb-core"});
  EXPECT_EQ(dnf.exit_code, 2) << dnf.err;
  EXPECT_NE(dnf.err.find("redhat-lsb-core: No match for argument: redhat-lsb-core"),
            std::string::npos)
      << dnf.err;
  EXPECT_NE(dnf.err.find("Error: Unable to find a match: redhat-lsb-core"), std::string::npos)
      << dnf.err;
}

}  // namespace
}  // namespace locidep::test
