// Every scenario of fixtures/apt/requests.txt is also stored as libsolv
// testcases (fixtures/apt/testcases/KIND-ID/{install,purge}/testcase.t, written
// by the differential test with LOCIDEP_WRITE_TESTCASES=1). They replay
// without apt-get or the snapshot: same jobs, same result.
#include <gtest/gtest.h>

#include <filesystem>

#include "backends/solv/solver.hpp"

namespace locidep::solv {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> testcases() {
  std::vector<fs::path> found;
  const fs::path root = fs::path(LOCIDEP_FIXTURES_DIR) / "apt" / "testcases";
  if (!fs::exists(root)) return found;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().filename() == "testcase.t") found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

TEST(StoredTestcases, ReplayWithTheRecordedResult) {
  const auto all = testcases();
  if (all.empty()) GTEST_SKIP() << "no testcases under fixtures/apt/testcases";
  for (const fs::path& file : all) {
    EXPECT_EQ(replay_testcase(file), "") << file;
  }
  RecordProperty("testcases", static_cast<int>(all.size()));
}

}  // namespace
}  // namespace locidep::solv
