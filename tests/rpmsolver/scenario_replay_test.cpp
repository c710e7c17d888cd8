// Every recorded dnf/zypper scenario (fixtures/rpm/scenarios/*.json) put to
// our backend in-process: the install and remove sets (name=[epoch:]version-
// release.arch) equal the real tool's, and what the tool refused we refuse.
// Scenarios on the real CentOS Stream 9 BaseOS read it from
// ../shared/corpus/rpm and skip, saying so, when it is absent.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "backends/solv/rpm_readers.hpp"
#include "backends/solv/solver.hpp"
#include "common/digest.hpp"
#include "tests/rpmsolver/scenario_support.hpp"
#include "tests/support/files.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;

fs::path cache_directory() { return fs::temp_directory_path() / "locidep-rpmsolver-test-cache"; }

std::string set_difference_text(const std::set<std::string>& ours,
                                const std::set<std::string>& tools) {
  std::ostringstream text;
  for (const auto& item : ours) {
    if (!tools.contains(item)) text << "  + " << item << " (only ours)\n";
  }
  for (const auto& item : tools) {
    if (!ours.contains(item)) text << "  - " << item << " (only the tool's)\n";
  }
  return text.str();
}

class RecordedScenario : public testing::TestWithParam<std::string> {};

TEST_P(RecordedScenario, OurAnswerEqualsTheTools) {
  const Scenario scenario = load_scenario(GetParam());
  if (const auto missing = missing_data(scenario); !missing.empty()) GTEST_SKIP() << missing;
  if (const auto limitation = known_tool_limitation(scenario); !limitation.empty())
    GTEST_SKIP() << limitation;
  rpm::RpmSystem system = build_system(scenario, cache_directory());
  const OurAnswer ours = run_scenario(system, scenario);
  if (scenario.status == "refused") {
    EXPECT_TRUE(ours.refused) << scenario.id << ": the tool refused ("
                              << scenario.record.at("answer").value("message", "")
                              << "), we did not:\n"
                              << set_difference_text(ours.install, {});
    return;
  }
  ASSERT_FALSE(ours.refused) << scenario.id << ": we refused:\n" << ours.message;
  EXPECT_EQ(ours.install, scenario.install) << scenario.id << ":\n"
                                            << set_difference_text(ours.install, scenario.install);
  EXPECT_EQ(ours.removed, scenario.removed) << scenario.id << ":\n"
                                            << set_difference_text(ours.removed, scenario.removed);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RecordedScenario, testing::ValuesIn(scenario_ids()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test_name_of(info.param);
                         });

// Each scenario's solve written as a libsolv testcase (testcase_write)
// replays to the same result in a pool that knows nothing of our policy.
TEST_P(RecordedScenario, OurTestcaseReplaysInPlainLibsolv) {
  const Scenario scenario = load_scenario(GetParam());
  if (const auto missing = missing_data(scenario); !missing.empty()) GTEST_SKIP() << missing;
  rpm::RpmSystem system = build_system(scenario, cache_directory());
  const fs::path directory = fs::temp_directory_path() / ("locidep-rpmsolver-tc-" + scenario.id);
  fs::remove_all(directory);
  run_scenario(system, scenario, directory);
  bool any = false;
  for (const char* part : {"install", "remove"}) {
    const fs::path testcase = directory / part / "testcase.t";
    if (!fs::exists(testcase)) continue;
    any = true;
    EXPECT_EQ(solv::replay_testcase(testcase), "") << scenario.id << ": " << testcase;
  }
  fs::remove_all(directory);
  if (!any) GTEST_SKIP() << "refused before solving (no testcase)";
}

// ------------------------------------------------------ stored testcases
//
// fixtures/rpmsolver/testcases/ID.t: each scenario's solve by our backend as
// a libsolv testcase (our policy spelled out: pool flags, hidden module
// packages, setarch jobs, allowuninstall), its repositories shared with
// fixtures/rpm/testcases/repos (the recorder's conversions of the same data;
// the real BaseOS only as its cut), the installed set in repos/. Replayed
// without dnf, zypper or our backend. LOCIDEP_UPDATE_RPM_TESTCASES=1
// rewrites them from our current solve.

fs::path stored_directory() { return fs::path(LOCIDEP_FIXTURES_DIR) / "rpmsolver" / "testcases"; }

// The recorder's testtags file for a repository of the scenario, relative to
// stored_directory().
std::string shared_repo_file(const Scenario& scenario, const std::string& repo) {
  const std::string data = scenario.record.at("repos").get<std::string>();
  const std::string suffix = scenario.tool == rpm::Tool::zypper ? "-primary" : "";
  std::string file;
  if (data == "leap" && repo == "oss") file = "leap-oss-primary";
  if (data == "cs9" && (repo == "baseos" || repo == "appstream")) file = "cs9-" + repo + suffix;
  if (data == "cs9-real" && repo == "baseos") file = "cs9-real-baseos" + suffix;
  return file.empty() ? "" : "../../rpm/testcases/repos/" + file + ".repo.gz";
}

// "#>install name-evr.arch@repo" lines → {"name=evr.arch"}, and whether problems were recorded.
std::set<std::string> recorded_steps(const std::string& testcase, const std::string& step,
                                     bool* problems) {
  std::set<std::string> found;
  std::istringstream lines(testcase);
  std::string line;
  const std::string prefix = "#>" + step + " ";
  while (std::getline(lines, line)) {
    if (line.rfind("#>problem", 0) == 0 && problems) *problems = true;
    if (line.rfind(prefix, 0) != 0) continue;
    std::string nevra = line.substr(prefix.size());
    nevra = nevra.substr(0, nevra.find('@'));
    // name-evr.arch → name=evr.arch: the name ends before the version's dash.
    const auto release_dash = nevra.rfind('-', nevra.rfind('.'));
    const auto version_dash = nevra.rfind('-', release_dash - 1);
    found.insert(nevra.substr(0, version_dash) + "=" + nevra.substr(version_dash + 1));
  }
  return found;
}

void write_stored_testcase(const Scenario& scenario, const fs::path& written) {
  std::ostringstream out;
  out << "# " << scenario.id << ": " << scenario.record.value("title", "") << "\n"
      << "# tool: " << rpm::to_string(scenario.tool) << " "
      << scenario.record.value("tool_version", "") << "; its answer: " << scenario.status
      << " (fixtures/rpm/scenarios/" << scenario.id << ".json)\n"
      << "# written from locidep's own solve (tests/rpmsolver, LOCIDEP_UPDATE_RPM_TESTCASES=1)\n";
  std::istringstream lines(read_file(written / "testcase.t"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("repo ", 0) == 0) {
      std::istringstream fields(line);
      std::string keyword, name, priority, format, file;
      fields >> keyword >> name >> priority >> format >> file;
      std::string target;
      if (name == "@System") {
        const std::string bytes = read_file(written / file);
        target = "repos/system-" +
                 sha256_hex(solv::read_decompressed(written / file)).substr(0, 12) + ".repo.gz";
        fs::create_directories(stored_directory() / "repos");
        std::ofstream(stored_directory() / target, std::ios::binary) << bytes;
      } else {
        target = shared_repo_file(scenario, name);
        ASSERT_FALSE(target.empty())
            << scenario.id << ": no shared testtags file for repository " << name;
      }
      out << keyword << " " << name << " " << priority << " " << format << " " << target << "\n";
    } else if (line.rfind("result ", 0) == 0) {
      const std::string kinds = line.substr(7, line.rfind(' ') - 7);
      out << "result " << kinds << " <inline>\n";
      std::istringstream results(read_file(written / "solver.result"));
      std::string result;
      while (std::getline(results, result)) out << "#>" << result << "\n";
    } else {
      out << line << "\n";
    }
  }
  std::ofstream(stored_directory() / (scenario.id + ".t"), std::ios::binary) << out.str();
}

TEST_P(RecordedScenario, StoredTestcaseGivesTheToolsAnswerWithoutTheTools) {
  const Scenario scenario = load_scenario(GetParam());
  const fs::path stored = stored_directory() / (scenario.id + ".t");
  if (const char* update = std::getenv("LOCIDEP_UPDATE_RPM_TESTCASES");
      update && std::string(update) == "1") {
    if (const auto missing = missing_data(scenario); !missing.empty()) GTEST_SKIP() << missing;
    rpm::RpmSystem system = build_system(scenario, cache_directory());
    const fs::path directory =
        fs::temp_directory_path() / ("locidep-rpmsolver-store-" + scenario.id);
    fs::remove_all(directory);
    run_scenario(system, scenario, directory);
    for (const char* part : {"install", "remove"}) {
      if (fs::exists(directory / part / "testcase.t"))
        write_stored_testcase(scenario, directory / part);
    }
    fs::remove_all(directory);
  }
  if (!fs::exists(stored)) {
    ASSERT_EQ(scenario.status, "refused") << scenario.id << ": no stored testcase " << stored;
    GTEST_SKIP() << "refused before solving (an argument matches nothing): no testcase";
  }
  EXPECT_EQ(solv::replay_testcase(stored), "") << stored;
  const std::string text = read_file(stored);
  bool problems = false;
  const auto installed = recorded_steps(text, "install", &problems);
  const auto erased = recorded_steps(text, "erase", &problems);
  if (scenario.status == "refused") {
    EXPECT_TRUE(problems) << stored << " solves what " << rpm::to_string(scenario.tool)
                          << " refused";
    return;
  }
  EXPECT_FALSE(problems) << stored;
  EXPECT_EQ(installed, scenario.install) << stored;
  EXPECT_EQ(erased, scenario.removed) << stored;
}

// zypper's patterns: `pattern:fips` is the package providing pattern() = fips,
// as openSUSE's zypper installs it (Debian's build cannot: the recorded
// refusal of zypper-leap-pattern is that limitation). Its answer is what
// zypper gives for the pattern's package by name (zypper-leap-pattern-package).
TEST(ZypperPatterns, PatternIsThePackageProvidingIt) {
  Scenario pattern = load_scenario("zypper-leap-pattern");
  const Scenario by_name = load_scenario("zypper-leap-pattern-package");
  pattern.record["request"] = nlohmann::json::array({"pattern:fips"});
  rpm::RpmSystem system = build_system(pattern, cache_directory());
  const OurAnswer ours = run_scenario(system, pattern);
  ASSERT_FALSE(ours.refused) << ours.message;
  EXPECT_EQ(ours.install, by_name.install);
}

// The count: per tool, how many scenarios give the tool's answer.
TEST(RecordedScenarios, AtLeastThirtyEqualPerTool) {
  std::map<std::string, int> equal, total, skipped;
  std::ostringstream failures;
  for (const auto& id : scenario_ids()) {
    const Scenario scenario = load_scenario(id);
    const std::string tool = rpm::to_string(scenario.tool);
    if (!missing_data(scenario).empty() || !known_tool_limitation(scenario).empty()) {
      ++skipped[tool];
      continue;
    }
    ++total[tool];
    rpm::RpmSystem system = build_system(scenario, cache_directory());
    const OurAnswer ours = run_scenario(system, scenario);
    const bool same = scenario.status == "refused"
                          ? ours.refused
                          : (!ours.refused && ours.install == scenario.install &&
                             ours.removed == scenario.removed);
    if (same) {
      ++equal[tool];
    } else {
      failures << " " << id;
    }
  }
  for (const auto& [tool, count] : total) {
    std::cout << "[ rpm scenarios ] " << tool << ": " << equal[tool] << "/" << count
              << " equal to the tool (" << skipped[tool] << " skipped)\n";
  }
  EXPECT_GE(equal["dnf"], 30) << "differ:" << failures.str();
  EXPECT_GE(equal["zypper"], 30) << "differ:" << failures.str();
  EXPECT_EQ(failures.str(), "");
}

}  // namespace
}  // namespace locidep::test
