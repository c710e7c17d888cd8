// Command-line cases as data: each folder of fixtures/cli/ is one run of the
// locidep executable (or of it invoked as `bindep`).
//   args     one argument a line; {fixtures} and {shared} are replaced by
//            those folders; a first line "@bindep" runs the program as bindep
//   stdin    optional: fed to standard input
//   cwd/     optional: the working directory (else the case folder itself)
//   stdout   expected standard output, byte for byte
//   exit     expected exit code
//   stderr   optional: a text the standard error must contain
//   needs    optional: "shared" when the case reads ../shared
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;
using locidep::test::read_file;
const fs::path fixtures_dir = LOCIDEP_FIXTURES_DIR;
const fs::path shared_dir = LOCIDEP_SHARED_DIR;

std::string substitute(std::string text) {
  const std::pair<std::string, std::string> replacements[] = {{"{fixtures}", fixtures_dir.string()},
                                                              {"{shared}", shared_dir.string()}};
  for (const auto& [from, to] : replacements) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  const auto root = fixtures_dir / "cli";
  if (!fs::exists(root)) return names;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// "ID-VERSION_ID" of the host, from /etc/os-release (e.g. "debian-12").
std::string host_release() {
  std::istringstream lines(read_file("/etc/os-release"));
  std::string line, id, version;
  auto value = [](std::string text) {
    if (text.size() >= 2 && (text.front() == '"' || text.front() == '\''))
      text = text.substr(1, text.size() - 2);
    return text;
  };
  while (std::getline(lines, line)) {
    if (line.starts_with("ID=")) id = value(line.substr(3));
    if (line.starts_with("VERSION_ID=")) version = value(line.substr(11));
  }
  return id + "-" + version;
}

// The plan cases must not write caches into the user's home.
class PrivateCache : public testing::Environment {
 public:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("locidep-cli-cache-" + std::to_string(::getpid()));
    ::setenv("LOCIDEP_CACHE_DIR", directory_.c_str(), 1);
  }
  void TearDown() override { fs::remove_all(directory_); }

 private:
  fs::path directory_;
};
const auto* const private_cache = testing::AddGlobalTestEnvironment(new PrivateCache);

class CliCase : public testing::TestWithParam<std::string> {};

TEST_P(CliCase, MatchesExpectedOutputAndExitCode) {
  const fs::path dir = fixtures_dir / "cli" / GetParam();
  if (fs::exists(dir / "needs")) {
    std::istringstream needs(read_file(dir / "needs"));
    std::string need;
    while (std::getline(needs, need)) {
      if (need == "shared" && !fs::exists(shared_dir / "corpus")) {
        GTEST_SKIP() << "skipped: needs " << shared_dir << ", which is absent";
      }
      if (need.starts_with("host:") && need.substr(5) != host_release()) {
        GTEST_SKIP() << "skipped: the expected output is that of a " << need.substr(5)
                     << " host; this host is " << host_release();
      }
    }
  }
  std::vector<std::string> arguments;
  std::string program = LOCIDEP_BINARY;
  {
    std::istringstream lines(read_file(dir / "args"));
    std::string line;
    bool first = true;
    while (std::getline(lines, line)) {
      if (first && line == "@bindep") {
        // The `bindep` symlink the build makes beside the executable.
        program = (fs::path(LOCIDEP_BINARY).parent_path() / "bindep").string();
      } else {
        arguments.push_back(substitute(line));
      }
      first = false;
    }
  }
  const std::string stdin_text = fs::exists(dir / "stdin") ? read_file(dir / "stdin") : "";
  const fs::path working_directory = fs::exists(dir / "cwd") ? dir / "cwd" : dir;
  const auto result = locidep::test::run_process(program, arguments, working_directory, stdin_text);
  EXPECT_EQ(result.out, substitute(read_file(dir / "stdout"))) << "stderr: " << result.err;
  EXPECT_EQ(result.exit_code, std::stoi(read_file(dir / "exit"))) << "stderr: " << result.err;
  if (fs::exists(dir / "stderr")) {
    auto expected = substitute(read_file(dir / "stderr"));
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    EXPECT_NE(result.err.find(expected), std::string::npos)
        << "stderr lacks: " << expected << "\nstderr was:\n"
        << result.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CliCase, testing::ValuesIn(case_names()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
