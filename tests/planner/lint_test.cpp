// locidep lint: each check on a fixture of our own, LOCI's own history (the
// SUSE names fixed upstream in 2019 are found in the 2018 file and gone from
// the 2019 one), our catalogue lints clean, and the exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path fixtures = LOCIDEP_FIXTURES_DIR;
const fs::path source = LOCIDEP_SOURCE_DIR;
const fs::path loci_dir = fs::path(LOCIDEP_SHARED_DIR) / "corpus" / "loci";

nlohmann::json lint_json(const std::vector<std::string>& arguments, int expected_exit) {
  std::vector<std::string> full = {"lint", "--format", "json"};
  full.insert(full.end(), arguments.begin(), arguments.end());
  const auto result = locidep::test::run_process(LOCIDEP_BINARY, full);
  EXPECT_EQ(result.exit_code, expected_exit) << result.err;
  return nlohmann::json::parse(result.out).at("findings");
}

bool has_finding(const nlohmann::json& findings, const std::string& check, const std::string& text,
                 int line = -1) {
  for (const auto& finding : findings) {
    if (finding.at("check") == check &&
        finding.at("message").get<std::string>().find(text) != std::string::npos &&
        (line < 0 || finding.at("line") == line)) {
      return true;
    }
  }
  return false;
}

TEST(Lint, EachCheckOnAFixture) {
  const auto findings =
      lint_json({(fixtures / "lint" / "problems.txt").string(), "--distro", "debian"}, 1);
  EXPECT_TRUE(has_finding(findings, "or-not-and", "(apache python3)", 3)) << findings.dump(2);
  EXPECT_FALSE(has_finding(findings, "or-not-and", "", 4)) << "services OR'ed are meant";
  EXPECT_TRUE(has_finding(findings, "duplicate-rule", "repeats line 2", 5)) << findings.dump(2);
  EXPECT_TRUE(has_finding(findings, "no-platform", "plan9-tools", 6)) << findings.dump(2);
  EXPECT_TRUE(has_finding(findings, "no-such-package", "nearest names: libvirt-daemon-system", 7))
      << findings.dump(2);
}

TEST(Lint, ParseErrorsAreFindingsWithTheirPosition) {
  const auto findings =
      lint_json({(fixtures / "lint" / "broken.txt").string(), "--distro", "debian"}, 1);
  ASSERT_EQ(findings.size(), 1u) << findings.dump(2);
  EXPECT_EQ(findings[0].at("check"), "parse");
  EXPECT_EQ(findings[0].at("severity"), "error");
  EXPECT_EQ(findings[0].at("line"), 2);
  EXPECT_EQ(findings[0].at("column"), 7);
}

TEST(Lint, UnreadableInputIsExitTwo) {
  const auto result = locidep::test::run_process(
      LOCIDEP_BINARY, {"lint", (fixtures / "lint" / "absent.txt").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("absent.txt"), std::string::npos) << result.err;
}

TEST(Lint, GithubAnnotations) {
  const auto result = locidep::test::run_process(
      LOCIDEP_BINARY, {"lint", "--format", "github", "--distro", "debian",
                       (fixtures / "lint" / "broken.txt").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.out.starts_with("::error file=")) << result.out;
  EXPECT_NE(result.out.find(",line=2,col=7,title=locidep parse::"), std::string::npos)
      << result.out;
}

TEST(Lint, OurCatalogueIsClean) {
  const auto findings =
      lint_json({(source / "profiles/data/loci/bindep.txt").string(),
                 (source / "profiles/data/loci/pydep.txt").string(), "--distro", "all"},
                0);
  EXPECT_TRUE(findings.empty()) << findings.dump(2);
}

TEST(Lint, FindsTheSuseNamesLociFixedIn2019) {
  if (!fs::exists(loci_dir)) GTEST_SKIP() << "skipped: " << loci_dir << " is absent";
  // 8fd2f37 (2019-01) replaced device-mapper-multipath and
  // iscsi-initiator-utils with SUSE's multipath-tools and open-iscsi/libiscsi.
  const auto before =
      lint_json({(loci_dir / "bindep.txt@2018-12-10_a605fc8").string(), "--distro", "opensuse"}, 1);
  const auto after =
      lint_json({(loci_dir / "bindep.txt@2019-09-16_c94e375").string(), "--distro", "opensuse"}, 1);
  for (const char* name : {"'device-mapper-multipath'", "'iscsi-initiator-utils'"}) {
    EXPECT_TRUE(has_finding(before, "no-such-package", name)) << name << "\n" << before.dump(2);
    EXPECT_FALSE(has_finding(after, "no-such-package", name)) << name;
  }
}

}  // namespace
