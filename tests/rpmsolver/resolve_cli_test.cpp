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

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
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

// libsolvext's known leak when it reads an rpmdb (tests/lsan.supp:
// repo_add_rpmdb) is only recognised with full stacks: libsolv has no frame
// pointers, so ASan's fast unwinder stops inside it. The locidep child that
// reads an rpmdb unwinds the slow way (a no-op without a sanitizer).
class FullStacksForChildren {
 public:
  FullStacksForChildren() {
    const char* current = std::getenv("ASAN_OPTIONS");
    if (current) saved_ = current;
    const std::string options =
        (saved_ ? *saved_ + ":" : std::string()) + "fast_unwind_on_malloc=0";
    ::setenv("ASAN_OPTIONS", options.c_str(), 1);
  }
  ~FullStacksForChildren() {
    if (saved_) {
      ::setenv("ASAN_OPTIONS", saved_->c_str(), 1);
    } else {
      ::unsetenv("ASAN_OPTIONS");
    }
  }
  FullStacksForChildren(const FullStacksForChildren&) = delete;
  FullStacksForChildren& operator=(const FullStacksForChildren&) = delete;

 private:
  std::optional<std::string> saved_;
};

// --base-root: the rpmdb of an image root (made by rpm itself, never the
// host's) is the base: a package it holds is not installed again.
TEST(ResolveCommand, BaseRootRpmdbIsTheBase) {
  for (const char* tool : {"rpm", "rpmbuild"}) {
    if (!have_program(tool)) GTEST_SKIP() << tool << " is not installed";
  }
  const fs::path work = cache_directory() / "base-root";
  const fs::path top = work / "build";
  fs::create_directories(top / "SPECS");
  std::ofstream(top / "SPECS" / "sudo.spec")
      << "Name: sudo\nVersion: 1.9.5p2\nRelease: 7.el9\nSummary: s\nLicense: MIT\nBuildArch: "
         "x86_64\n"
         "AutoReqProv: no\n%description\nd\n%files\n";
  const auto built =
      run_process("rpmbuild", {"-bb", "--quiet", "--define", "_topdir " + top.string(),
                               (top / "SPECS" / "sudo.spec").string()});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  const auto installed =
      run_process("rpm", {"--root", (work / "root").string(), "--dbpath", "/usr/lib/sysimage/rpm",
                          "-i", "--justdb", "--nodeps", "--force-debian",
                          (top / "RPMS" / "x86_64" / "sudo-1.9.5p2-7.el9.x86_64.rpm").string()});
  ASSERT_EQ(installed.exit_code, 0) << installed.err;

  const fs::path baseos =
      fs::path(LOCIDEP_SOURCE_DIR) / "profiles/data/repos/centos-stream-9/baseos";
  const std::vector<std::string> common{
      "resolve",       "--distro",    "centos-stream-9",         "--repo",
      baseos.string(), "--cache-dir", cache_directory().string()};
  auto with_root = common;
  with_root.insert(with_root.end(), {"--base-root", (work / "root").string(), "sudo"});
  const auto on_root = [&] {
    const FullStacksForChildren full_stacks;
    return run_process(LOCIDEP_BINARY, with_root);
  }();
  ASSERT_EQ(on_root.exit_code, 0) << on_root.err;
  EXPECT_EQ(on_root.out, "install: 0 new, 0 upgraded\n");
  auto empty = common;
  empty.push_back("sudo");
  const auto on_empty = run_process(LOCIDEP_BINARY, empty);
  ASSERT_EQ(on_empty.exit_code, 0) << on_empty.err;
  EXPECT_NE(on_empty.out.find("  sudo 1.9.5p2-7.el9 x86_64\n"), std::string::npos) << on_empty.out;
  // --base-packages and --base-root exclude each other (CLI11), exit 2.
  with_root.insert(with_root.end() - 1, {"--base-packages", "x"});
  EXPECT_EQ(run_process(LOCIDEP_BINARY, with_root).exit_code, 2);
}

}  // namespace
}  // namespace locidep::test
