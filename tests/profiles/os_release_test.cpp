// parse_os_release against what python-distro 1.8.0 (shlex, posix mode)
// returns for the same text, and read_os_release's file lookup.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "common/error.hpp"
#include "fixture_paths.hpp"
#include "profiles/profiles.hpp"

namespace locidep::profiles {
namespace {

using Fields = std::map<std::string, std::string>;

TEST(ParseOsRelease, PlainAndQuotedValues) {
  const OsRelease os = parse_os_release(
      "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nID_LIKE=debian\nEMPTY=\"\"\nBARE=\n");
  EXPECT_EQ(os.fields, (Fields{{"name", "Ubuntu"},
                               {"version_id", "22.04"},
                               {"id", "ubuntu"},
                               {"id_like", "debian"},
                               {"empty", ""},
                               {"bare", ""}}));
  EXPECT_EQ(os.get("id"), "ubuntu");
  EXPECT_EQ(os.get("missing"), "");
  EXPECT_TRUE(os.has("empty"));
  EXPECT_FALSE(os.has("missing"));
}

// Expected values: python-distro 1.8.0's os_release_info() for the same text.
TEST(ParseOsRelease, ShellSyntaxAsShlex) {
  const OsRelease os = parse_os_release(
      "# comment line\n"
      "export ID=Ubuntu\n"
      "id='ubuntu'\n"
      "Version_Id=18.04#trailing comment\n"
      "VERSION_CODENAME=\"bi\\onic\"  UBUNTU_CODENAME=bionic\n"
      "NAME=\"Ubu\\\"ntu\\\\\"   # comment after a value\n"
      "PRETTY_NAME=Ubuntu\\ 18.04\n"
      "VERSION=\"18.04 LTS\n(Bionic Beaver)\"\n");
  EXPECT_EQ(os.fields, (Fields{{"id", "ubuntu"},
                               {"version_id", "18.04"},
                               {"version_codename", "bi\\onic"},
                               {"ubuntu_codename", "bionic"},
                               {"name", "Ubu\"ntu\\"},
                               {"pretty_name", "Ubuntu 18.04"},
                               {"version", "18.04 LTS\n(Bionic Beaver)"}}));
}

TEST(ParseOsRelease, QuotesJoinAndHashInsideQuotesIsText) {
  const OsRelease os = parse_os_release(
      "A=\"x\"'y'z\nB=\"#not a comment\"\nC='single \\ backslash'\nD=a\"b "
      "c\"d\n=orphan\nnoequals\n");
  EXPECT_EQ(os.fields, (Fields{{"a", "xyz"},
                               {"b", "#not a comment"},
                               {"c", "single \\ backslash"},
                               {"d", "ab cd"},
                               {"", "orphan"}}));
}

TEST(ParseOsRelease, CarriageReturnsAreWhitespace) {
  const OsRelease os = parse_os_release("ID=debian\r\nVERSION_ID=\"11\"\r\n");
  EXPECT_EQ(os.fields, (Fields{{"id", "debian"}, {"version_id", "11"}}));
}

TEST(ParseOsRelease, UnterminatedQuoteIsAnErrorAtTheQuote) {
  try {
    parse_os_release("ID=debian\nNAME=\"Debian\nVERSION_ID=12\n");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    ASSERT_TRUE(error.location().has_value());
    EXPECT_EQ(error.location()->line, 2u);
    EXPECT_EQ(error.location()->column, 6u);
    EXPECT_EQ(error.location()->line_text, "NAME=\"Debian");
    EXPECT_NE(std::string(error.what()).find("closing \""), std::string::npos) << error.what();
  }
}

TEST(ParseOsRelease, TrailingBackslashIsAnError) {
  EXPECT_THROW(parse_os_release("ID=debian\\"), Error);
}

class TempRoot : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    root_ = std::filesystem::temp_directory_path() /
            ("locidep-profiles-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void write(const std::filesystem::path& inside, const std::string& text) {
    std::filesystem::create_directories((root_ / inside).parent_path());
    std::ofstream(root_ / inside, std::ios::binary) << text;
  }
  std::filesystem::path root_;
};

using ReadOsRelease = TempRoot;

TEST_F(ReadOsRelease, PrefersEtc) {
  write("etc/os-release", "ID=from-etc\n");
  write("usr/lib/os-release", "ID=from-usr-lib\n");
  const auto os = read_os_release(root_);
  ASSERT_TRUE(os.has_value());
  EXPECT_EQ(os->get("id"), "from-etc");
}

TEST_F(ReadOsRelease, FallsBackToUsrLib) {
  write("usr/lib/os-release", "ID=from-usr-lib\n");
  const auto os = read_os_release(root_);
  ASSERT_TRUE(os.has_value());
  EXPECT_EQ(os->get("id"), "from-usr-lib");
}

TEST_F(ReadOsRelease, NeitherFileGivesNothing) {
  write("etc/hostname", "box\n");
  EXPECT_FALSE(read_os_release(root_).has_value());
  EXPECT_FALSE(read_os_release(root_ / "does-not-exist").has_value());
}

// Images ship /etc/os-release as a link to ../usr/lib/os-release (or, in some,
// to the absolute /usr/lib/os-release): both must stay inside the root.
TEST_F(ReadOsRelease, FollowsLinksInsideTheRoot) {
  write("usr/lib/os-release", "ID=linked\n");
  std::filesystem::create_directories(root_ / "etc");
  std::filesystem::create_symlink("/usr/lib/os-release", root_ / "etc/os-release");
  auto os = read_os_release(root_);
  ASSERT_TRUE(os.has_value());
  EXPECT_EQ(os->get("id"), "linked");

  std::filesystem::remove(root_ / "etc/os-release");
  std::filesystem::create_symlink("../usr/lib/os-release", root_ / "etc/os-release");
  os = read_os_release(root_);
  ASSERT_TRUE(os.has_value());
  EXPECT_EQ(os->get("id"), "linked");
}

TEST_F(ReadOsRelease, DanglingEtcLinkFallsBackToUsrLib) {
  write("usr/lib/os-release", "ID=fallback\n");
  std::filesystem::create_directories(root_ / "etc");
  std::filesystem::create_symlink("/nowhere/os-release", root_ / "etc/os-release");
  const auto os = read_os_release(root_);
  ASSERT_TRUE(os.has_value());
  EXPECT_EQ(os->get("id"), "fallback");
}

TEST_F(ReadOsRelease, ErrorsNameTheFile) {
  write("etc/os-release", "ID=x\nNAME='open\n");
  try {
    read_os_release(root_);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    ASSERT_TRUE(error.location().has_value());
    EXPECT_EQ(error.location()->file, (root_ / "etc/os-release").string());
    EXPECT_EQ(error.location()->line, 2u);
    EXPECT_EQ(error.location()->column, 6u);
  }
}

TEST_F(ReadOsRelease, InvalidUtf8IsBadInput) {
  write("etc/os-release", "ID=x\nNAME=\"\xff\"\n");
  try {
    read_os_release(root_);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
  }
}

TEST(ReadOsReleaseFixtures, UsrLibOnlyRoot) {
  const auto os = read_os_release(testing::fixtures_dir() / "osrel" / "usr-lib-only");
  ASSERT_TRUE(os.has_value());
  EXPECT_EQ(os->get("version_codename"), "bookworm");
}

}  // namespace
}  // namespace locidep::profiles
