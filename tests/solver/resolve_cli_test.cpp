// `locidep resolve` end to end on the hand-written universe
// (fixtures/apt/mini): JSON shape, exit codes, refusals explained.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int status = -1;
  std::string out;
};

CommandRun run_locidep(const std::string& arguments, bool with_stderr = false) {
  CommandRun result;
  const std::string command =
      std::string(LOCIDEP_BINARY) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t got;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, got);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string mini_args() {
  const fs::path mini = fs::path(LOCIDEP_FIXTURES_DIR) / "apt" / "mini";
  return "resolve --distro debian-bookworm --repo " + (mini / "Packages").string() +
         " --base-status " + (mini / "status").string() + " --cache-dir " +
         (fs::temp_directory_path() / "locidep-cli-test-cache").string();
}

class ResolveCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(LOCIDEP_BINARY)) GTEST_SKIP() << "locidep is not built: " << LOCIDEP_BINARY;
  }
};

TEST_F(ResolveCommand, JsonInstallAndPurgeSortedByName) {
  const CommandRun result =
      run_locidep(mini_args() + " --format json --purge builddep app builddep");
  ASSERT_EQ(result.status, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  std::vector<std::string> names;
  for (const auto& entry : json.at("install")) {
    names.push_back(entry.at("name"));
    EXPECT_TRUE(entry.contains("version") && entry.contains("arch"));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"app", "builddep", "liba", "libbuild", "mta-real"}));
  std::vector<std::string> purged;
  for (const auto& entry : json.at("purge")) purged.push_back(entry.at("name"));
  EXPECT_EQ(purged, (std::vector<std::string>{"builddep", "libbuild"}));
}

TEST_F(ResolveCommand, TextListsNewAndUpgraded) {
  const CommandRun result = run_locidep(mini_args() + " base-tool liba=1.0-1");
  ASSERT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("base-tool 2.0-1 amd64 (upgrade from 1.0-1)"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("liba 1.0-1 amd64"), std::string::npos) << result.out;
}

TEST_F(ResolveCommand, RefusalsExitTwoWithTheProblem) {
  const CommandRun several = run_locidep(mini_args() + " editor", true);
  EXPECT_EQ(several.status, 2);
  EXPECT_NE(several.out.find("virtual package"), std::string::npos) << several.out;
  EXPECT_NE(several.out.find("editor-a 1.0"), std::string::npos) << several.out;
  const CommandRun unknown = run_locidep(mini_args() + " no-such-thing", true);
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.out.find("Unable to locate package no-such-thing"), std::string::npos)
      << unknown.out;
  const CommandRun broken = run_locidep(mini_args() + " broken", true);
  EXPECT_EQ(broken.status, 2);
  EXPECT_NE(broken.out.find("does-not-exist"), std::string::npos) << broken.out;
  const CommandRun pin = run_locidep(mini_args() + " liba=7", true);
  EXPECT_EQ(pin.status, 2);
  EXPECT_NE(pin.out.find("Version '7' for 'liba' was not found"), std::string::npos) << pin.out;
}

TEST_F(ResolveCommand, WithoutRepoADistroWithoutBundledDataSaysSo) {
  const CommandRun result = run_locidep("resolve --distro debian-trixie git", true);
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.out.find("no bundled repository data"), std::string::npos) << result.out;
}

TEST_F(ResolveCommand, WithoutRepoTheBundledDataIsUsed) {
  const CommandRun result = run_locidep("resolve --distro debian-bookworm --format json git", true);
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("\"name\": \"git\""), std::string::npos) << result.out;
}

}  // namespace
