// locidep diff on LOCI's real files at 11 dates: the direct changes it
// reports are exactly the differences of `locidep list` on the two files for
// each service's profiles and the transitive ones those of the two plans'
// install sets; a file against itself differs in nothing; two lock files
// differ exactly as the bindep files they were planned from.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/planner/diff_oracle.hpp"
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
  fs::path scratch_;
};

// LOCI's bindep.txt at all 11 dates of the corpus, oldest first.
std::vector<std::string> dated_files() {
  std::vector<std::string> names;
  if (!fs::exists(loci_dir)) return names;
  for (const auto& entry : fs::directory_iterator(loci_dir)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("bindep.txt@")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());  // the suffix starts with the date
  return names;
}

// Every pair of consecutive dates on every distro with bundled data: the
// direct entries are the difference of `locidep list` for each service's
// profiles, the transitive ones the difference of the two plans' install
// sets (tests/planner/diff_oracle.hpp).
class LociDatesDiffTest : public DiffTest, public testing::WithParamInterface<std::string> {};

TEST_P(LociDatesDiffTest, DiffIsTheDifferenceOfListsAndPlans) {
  const auto files = dated_files();
  ASSERT_EQ(files.size(), 11u) << "the corpus holds LOCI's bindep.txt at 11 dates";
  const locidep::test::DiffOracle oracle(scratch_ / "cache", {});
  int differing = 0;
  for (std::size_t i = 0; i + 1 < files.size(); ++i) {
    differing += oracle.check({loci_dir / files[i], GetParam(), {}},
                              {loci_dir / files[i + 1], GetParam(), {}}, {"--distro", GetParam()});
  }
  // Eleven years of LOCI history change something on every distro.
  EXPECT_GT(differing, 0);
}

INSTANTIATE_TEST_SUITE_P(BundledDistros, LociDatesDiffTest,
                         testing::Values("debian-bookworm", "opensuse-leap-15.6",
                                         "centos-stream-9"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

TEST_F(DiffTest, AFileAgainstItselfDiffersInNothing) {
  const fs::path file = loci_dir / dated_files().front();
  const auto json = locidep({"diff", file.string(), file.string(), "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out), nlohmann::json::parse(R"({"services": []})"));
  const auto text = locidep({"diff", file.string(), file.string()});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "");
}

TEST_F(DiffTest, LockFilesDifferAsTheirBindepFiles) {
  const fs::path old_file = loci_dir / dated_files()[0];
  const fs::path new_file = loci_dir / dated_files()[3];
  // openSUSE's base image already meets some requests (openssl, …): lock
  // files must carry those too.
  for (const char* distro : {"debian-bookworm", "opensuse-leap-15.6", "centos-stream-9"}) {
    const auto old_lock = scratch_ / (std::string(distro) + ".old.lock.yaml");
    const auto new_lock = scratch_ / (std::string(distro) + ".new.lock.yaml");
    for (const auto& [file, lock] :
         {std::pair{old_file, old_lock}, std::pair{new_file, new_lock}}) {
      const auto plan = locidep({"plan", "--distro", distro, "-f", file.string(), "--format",
                                 "lock", "--skip-unavailable"});
      ASSERT_EQ(plan.exit_code, 0) << plan.err;
      std::ofstream(lock) << plan.out;
    }
    const auto from_files = locidep(
        {"diff", old_file.string(), new_file.string(), "--format", "json", "--distro", distro});
    const auto from_locks =
        locidep({"diff", old_lock.string(), new_lock.string(), "--format", "json"});
    const auto mixed = locidep(
        {"diff", old_lock.string(), new_file.string(), "--format", "json", "--distro", distro});
    EXPECT_EQ(from_files.exit_code, 1) << from_files.err;
    EXPECT_EQ(from_locks.exit_code, 1) << from_locks.err;
    EXPECT_EQ(from_locks.out, from_files.out) << distro;
    EXPECT_EQ(mixed.out, from_files.out) << distro;
  }
}

TEST_F(DiffTest, MarkdownIsATablePerService) {
  const fs::path file = loci_dir / dated_files().back();
  const auto markdown = locidep({"diff", file.string(), (loci_dir / dated_files().front()).string(),
                                 "--format", "markdown", "--service", "nova"});
  EXPECT_EQ(markdown.exit_code, 1) << markdown.err;
  EXPECT_NE(markdown.out.find("### nova on debian-bookworm"), std::string::npos) << markdown.out;
  EXPECT_NE(markdown.out.find("| change | package | version | why |"), std::string::npos);
}

}  // namespace
