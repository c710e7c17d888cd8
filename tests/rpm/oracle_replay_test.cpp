// The recorded rpm oracle answers (fixtures/rpm/scenarios/*.json) still hold:
// each scenario is run again with the real dnf or zypper through the harness
// that recorded it (scripts/rpm-data/oracle.py replay), and its install and
// remove sets (or its refusal) must equal the record. The libsolv testcases
// beside them (fixtures/rpm/testcases/) must still replay under testsolv as
// STATUS.tsv says. A missing tool or missing shared data skips, naming it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path rpm_fixtures() { return fs::path(LOCIDEP_FIXTURES_DIR) / "rpm"; }
fs::path harness() { return fs::path(LOCIDEP_SOURCE_DIR) / "scripts" / "rpm-data" / "oracle.py"; }

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

std::vector<std::string> scenario_ids() {
  std::vector<std::string> ids;
  const auto dir = rpm_fixtures() / "scenarios";
  if (!fs::is_directory(dir)) return ids;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::set<std::string> string_set(const json& answer, const char* key) {
  std::set<std::string> out;
  if (answer.contains(key)) {
    for (const auto& item : answer.at(key)) out.insert(item.get<std::string>());
  }
  return out;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

class RecordedOracleAnswer : public testing::TestWithParam<std::string> {};

TEST_P(RecordedOracleAnswer, StillHoldsWithTheRealTool) {
  const auto file = rpm_fixtures() / "scenarios" / (GetParam() + ".json");
  const json record = read_json(file);
  const auto tool = record.at("tool").get<std::string>();
  if (!have_program(tool))
    GTEST_SKIP() << tool << " is not installed (scripts/install-deps.sh --oracles)";
  for (const char* helper : {"python3", "rpm", "rpmbuild"}) {
    if (!have_program(helper)) GTEST_SKIP() << helper << " is not installed";
  }

  const auto run = run_process(
      "python3", {harness().string(), "replay", file.string(), "--shared", LOCIDEP_SHARED_DIR});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json replay = json::parse(run.out);
  if (replay.contains("skip")) GTEST_SKIP() << replay.at("skip").get<std::string>();

  const json& recorded = record.at("answer");
  const json& now = replay.at("answer");
  const auto recorded_status = recorded.at("status").get<std::string>();
  ASSERT_EQ(now.at("status").get<std::string>(), recorded_status)
      << GetParam() << ": " << now.dump(1) << "\nrecorded with " << record.at("tool_version");
  EXPECT_EQ(string_set(now, "install"), string_set(recorded, "install")) << GetParam();
  EXPECT_EQ(string_set(now, "remove"), string_set(recorded, "remove")) << GetParam();
  // Refusal messages are compared only against the same tool version.
  if (recorded_status != "ok" && replay.at("tool_version") == record.at("tool_version")) {
    EXPECT_EQ(now.value("message", ""), recorded.value("message", "")) << GetParam();
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, RecordedOracleAnswer, testing::ValuesIn(scenario_ids()),
                         test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RecordedOracleAnswer);

// STATUS.tsv rows: id, tool, tool answer, verdict, policy probe, diff.
std::map<std::string, std::string> testcase_verdicts() {
  std::map<std::string, std::string> verdicts;
  std::ifstream in(rpm_fixtures() / "testcases" / "STATUS.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::istringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, '\t')) cells.push_back(cell);
    if (cells.size() >= 4) verdicts[cells[0]] = cells[3];
  }
  return verdicts;
}

TEST(RpmTestcases, EveryScenarioHasATestcaseAndAVerdict) {
  const auto verdicts = testcase_verdicts();
  const auto ids = scenario_ids();
  ASSERT_FALSE(ids.empty()) << "no scenarios under " << rpm_fixtures();
  for (const auto& id : ids) {
    EXPECT_TRUE(fs::exists(rpm_fixtures() / "testcases" / (id + ".t"))) << id;
    EXPECT_TRUE(verdicts.contains(id)) << id << " is not in STATUS.tsv";
  }
}

TEST(RpmTestcases, EnoughRequestsPerTool) {
  std::map<std::string, int> installs, removals;
  for (const auto& id : scenario_ids()) {
    const json record = read_json(rpm_fixtures() / "scenarios" / (id + ".json"));
    auto& count = record.at("action") == "install" ? installs : removals;
    ++count[record.at("tool").get<std::string>()];
  }
  for (const char* tool : {"dnf", "zypper"}) {
    EXPECT_GE(installs[tool], 30) << tool;
    EXPECT_GE(removals[tool], 8) << tool;
  }
}

class LibsolvTestcase : public testing::TestWithParam<std::string> {};

TEST_P(LibsolvTestcase, ReplaysAsStatusSays) {
  if (!have_program("testsolv")) GTEST_SKIP() << "testsolv is not installed (libsolv-tools)";
  const auto verdicts = testcase_verdicts();
  const auto verdict = verdicts.find(GetParam());
  ASSERT_NE(verdict, verdicts.end()) << GetParam();
  const auto run = run_process("testsolv", {GetParam() + ".t"}, rpm_fixtures() / "testcases");
  // agrees / both refuse: the result in the file is what plain libsolv gives;
  // differs: plain libsolv gives something else (the tool's answer is the
  // file's result), until the backend's policy closes the gap.
  if (verdict->second == "differs") {
    EXPECT_EQ(run.exit_code, 1) << GetParam() << " now agrees: update STATUS.tsv\n" << run.out;
  } else {
    EXPECT_EQ(run.exit_code, 0) << GetParam() << "\n" << run.out << run.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Testcases, LibsolvTestcase, testing::ValuesIn(scenario_ids()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(LibsolvTestcase);

}  // namespace
}  // namespace locidep::test
