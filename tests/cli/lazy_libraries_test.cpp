// locidep links none of libsolvext, librpm and libapt-pkg: they are opened
// when a command first needs them (common/shared_library.hpp). These tests
// watch the dynamic loader (LD_DEBUG=files, glibc's own trace on stderr) of
// real runs: a warm `resolve` loads none of them, a cold one and `check` on
// a dpkg root load what they need and still answer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;

class TemporaryCache {
 public:
  TemporaryCache()
      : path_(fs::temp_directory_path() /
              ("locidep-lazy-libraries-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TemporaryCache() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs locidep with the loader's file trace on; the trace goes to its stderr.
ProcessResult run_traced(const std::vector<std::string>& arguments) {
  const char* saved = std::getenv("LD_DEBUG");
  const std::optional<std::string> previous =
      saved ? std::optional<std::string>(saved) : std::nullopt;
  ::setenv("LD_DEBUG", "files", 1);
  ProcessResult run = run_process(LOCIDEP_BINARY, arguments);
  if (previous) {
    ::setenv("LD_DEBUG", previous->c_str(), 1);
  } else {
    ::unsetenv("LD_DEBUG");
  }
  return run;
}

// Whether the trace shows the loader opening a file whose name (without its
// directory) starts with NAME: "file=libsolvext.so.1 [0];  dynamically
// loaded by …", "file=/…/locidep-dpkg.so [0]; …".
bool loaded(const ProcessResult& run, const std::string& name) {
  for (auto at = run.err.find("file="); at != std::string::npos;
       at = run.err.find("file=", at + 1)) {
    const auto start = at + 5;
    const auto end = run.err.find_first_of(" \n", start);
    const std::string file =
        run.err.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (fs::path(file).filename().string().starts_with(name)) return true;
  }
  return false;
}

const std::vector<std::string> lazy_libraries = {"libsolvext.so", "librpm.so", "librpmio.so",
                                                 "libapt-pkg.so", "locidep-dpkg.so"};

void expect_none_loaded(const ProcessResult& run, const std::string& what) {
  for (const auto& library : lazy_libraries)
    EXPECT_FALSE(loaded(run, library)) << what << " loaded " << library;
}

TEST(LazyLibraries, VersionLoadsNone) {
  const ProcessResult run = run_traced({"--version"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The trace is there (else the test proves nothing): libsolv is linked.
  EXPECT_TRUE(loaded(run, "libsolv.so")) << run.err.substr(0, 2000);
  expect_none_loaded(run, "--version");
}

// The bundled data of both families: the cold run reads rpm-md or Debian
// indexes (libsolvext's readers), the warm one only .solv images.
class WarmResolve : public testing::TestWithParam<std::string> {};

TEST_P(WarmResolve, LoadsNoneOfTheLazyLibraries) {
  TemporaryCache cache;
  const std::vector<std::string> arguments = {
      "resolve", "--distro", GetParam(), "--format", "json", "--cache-dir", cache.path().string(),
      "python3"};
  const ProcessResult cold = run_traced(arguments);
  ASSERT_EQ(cold.exit_code, 0) << cold.err.substr(cold.err.size() > 4000 ? cold.err.size() - 4000
                                                                         : 0);
  EXPECT_TRUE(loaded(cold, "libsolvext.so"))
      << "the cold run read its metadata without libsolvext?";
  const ProcessResult warm = run_traced(arguments);
  ASSERT_EQ(warm.exit_code, 0) << warm.err.substr(warm.err.size() > 4000 ? warm.err.size() - 4000
                                                                         : 0);
  EXPECT_EQ(warm.out, cold.out);
  expect_none_loaded(warm, "a warm resolve on " + GetParam());
}

INSTANTIATE_TEST_SUITE_P(BundledData, WarmResolve,
                         testing::Values("centos-stream-9", "opensuse-leap-15.6",
                                         "debian-bookworm"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '-' || c == '.') c = '_';
                           }
                           return name;
                         });

TEST(LazyLibraries, CheckOnADpkgRootOpensTheDpkgModule) {
  const fs::path fixtures = LOCIDEP_FIXTURES_DIR;
  const ProcessResult run =
      run_traced({"check", "--root", (fixtures / "roots/debian-check").string(), "-f",
                  (fixtures / "rules/check.txt").string()});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_TRUE(loaded(run, "libapt-pkg.so")) << run.err.substr(0, 4000);
  EXPECT_TRUE(loaded(run, "locidep-dpkg.so")) << run.err.substr(0, 4000);
  EXPECT_FALSE(loaded(run, "librpm.so"));
}

}  // namespace
}  // namespace locidep::test
