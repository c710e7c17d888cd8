// locidep diff on LOCI's real files at several dates: the direct changes it
// reports are exactly the differences of `locidep list` on the two files
// for each service's profiles; a file against itself differs in nothing; two
// lock files differ exactly as the bindep files they were planned from.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path loci_dir = fs::path(LOCIDEP_SHARED_DIR) / "corpus" / "loci";

class DiffTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(loci_dir)) GTEST_SKIP() << "skipped: " << loci_dir << " is absent";
    scratch_ = fs::temp_directory_path() / ("locidep-diff-test-" + std::to_string(::getpid()));
    fs::create_directories(scratch_);
  }
  void TearDown() override {
    if (!scratch_.empty()) fs::remove_all(scratch_);
  }
  locidep::test::ProcessResult locidep(std::vector<std::string> arguments) {
    arguments.push_back("--cache-dir");
    arguments.push_back((scratch_ / "cache").string());
    return locidep::test::run_process(LOCIDEP_BINARY, arguments);
  }
  std::set<std::string> listed(const fs::path& file, const std::vector<std::string>& profiles) {
    std::vector<std::string> arguments = {"list", "-f", file.string(), "--distro", "debian-bookworm"};
    arguments.insert(arguments.end(), profiles.begin(), profiles.end());
    const auto result = locidep::test::run_process(LOCIDEP_BINARY, arguments);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::set<std::string> names;
    std::string line;
    std::istringstream lines(result.out);
    while (std::getline(lines, line)) {
      if (!line.empty()) names.insert(line);
    }
    return names;
  }
  fs::path scratch_;
};

const std::vector<std::string> dated_files = {
    "bindep.txt@2018-03-08_7a9855e", "bindep.txt@2018-12-10_a605fc8", "bindep.txt@2020-12-18_c1a5896",
    "bindep.txt@2022-09-20_8ac5d33", "bindep.txt@2023-07-11_ec70407", "bindep.txt@2025-06-03_80e995b",
    "bindep.txt@2026-03-25_3069ce1"};

TEST_F(DiffTest, DirectChangesAreTheDifferenceOfTheLists) {
  for (std::size_t i = 0; i + 1 < dated_files.size(); ++i) {
    const fs::path old_file = loci_dir / dated_files[i];
    const fs::path new_file = loci_dir / dated_files[i + 1];
    const auto diff = locidep({"diff", old_file.string(), new_file.string(), "--format", "json"});
    ASSERT_TRUE(diff.exit_code == 0 || diff.exit_code == 1) << diff.err;
    const auto document = nlohmann::json::parse(diff.out);
    const auto plan = locidep({"plan", "--distro", "debian-bookworm", "-f", new_file.string(), "--format", "json", "--skip-unavailable"});
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    // Keep the parsed document alive: a range-for over a member of a
    // temporary would walk freed memory.
    const auto planned = nlohmann::json::parse(plan.out);
    for (const auto& service : planned.at("services")) {
      const auto profiles = service.at("profiles").get<std::vector<std::string>>();
      const auto old_names = listed(old_file, profiles);
      const auto new_names = listed(new_file, profiles);
      std::set<std::string> expected_added, expected_removed, reported_added, reported_removed;
      std::set_difference(new_names.begin(), new_names.end(), old_names.begin(), old_names.end(),
                          std::inserter(expected_added, expected_added.end()));
      std::set_difference(old_names.begin(), old_names.end(), new_names.begin(), new_names.end(),
                          std::inserter(expected_removed, expected_removed.end()));
      for (const auto& entry : document.at("services")) {
        if (entry.at("service") != service.at("service")) continue;
        for (const auto& added : entry.at("added")) {
          if (added.at("direct")) reported_added.insert(added.at("name").get<std::string>());
        }
        for (const auto& removed : entry.at("removed")) {
          if (removed.at("direct")) reported_removed.insert(removed.at("name").get<std::string>());
        }
      }
      EXPECT_EQ(reported_added, expected_added) << dated_files[i] << " -> " << dated_files[i + 1] << ", "
                                                << service.at("service");
      EXPECT_EQ(reported_removed, expected_removed) << dated_files[i] << " -> " << dated_files[i + 1] << ", "
                                                    << service.at("service");
    }
    EXPECT_EQ(diff.exit_code, document.at("services").empty() ? 0 : 1);
  }
}

TEST_F(DiffTest, AFileAgainstItselfDiffersInNothing) {
  const fs::path file = loci_dir / dated_files.front();
  const auto json = locidep({"diff", file.string(), file.string(), "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out), nlohmann::json::parse(R"({"services": []})"));
  const auto text = locidep({"diff", file.string(), file.string()});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "");
}

TEST_F(DiffTest, LockFilesDifferAsTheirBindepFiles) {
  const fs::path old_file = loci_dir / dated_files[0];
  const fs::path new_file = loci_dir / dated_files[3];
  for (const auto& [file, lock] : {std::pair{old_file, scratch_ / "old.lock.yaml"}, std::pair{new_file, scratch_ / "new.lock.yaml"}}) {
    const auto plan = locidep({"plan", "--distro", "debian-bookworm", "-f", file.string(), "--format", "lock", "--skip-unavailable"});
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    std::ofstream(lock) << plan.out;
  }
  const auto from_files = locidep({"diff", old_file.string(), new_file.string(), "--format", "json"});
  const auto from_locks = locidep({"diff", (scratch_ / "old.lock.yaml").string(), (scratch_ / "new.lock.yaml").string(), "--format", "json"});
  const auto mixed = locidep({"diff", (scratch_ / "old.lock.yaml").string(), new_file.string(), "--format", "json"});
  EXPECT_EQ(from_files.exit_code, 1) << from_files.err;
  EXPECT_EQ(from_locks.exit_code, 1) << from_locks.err;
  EXPECT_EQ(from_locks.out, from_files.out);
  EXPECT_EQ(mixed.out, from_files.out);
}

TEST_F(DiffTest, AcrossDistroReleasesAndFormats) {
  const fs::path file = loci_dir / dated_files.back();
  const auto markdown = locidep({"diff", file.string(), (loci_dir / dated_files.front()).string(), "--format", "markdown", "--service", "nova"});
  EXPECT_EQ(markdown.exit_code, 1) << markdown.err;
  EXPECT_NE(markdown.out.find("### nova on debian-bookworm"), std::string::npos) << markdown.out;
  EXPECT_NE(markdown.out.find("| change | package | version | why |"), std::string::npos);
}

}  // namespace
