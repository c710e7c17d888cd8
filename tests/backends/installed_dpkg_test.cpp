// dpkg side of backends/installed: scenario roots under fixtures/installed/dpkg/
// (a status file and expected.tsv each), the real debootstrap minbase status, and
// apt's version ordering, each checked against the real dpkg tools when present.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "backends/installed/installed_database.hpp"
#include "common/error.hpp"
#include "installed_test_support.hpp"
#include "tests/support/process.hpp"

namespace locidep::backends {
namespace {

namespace fs = std::filesystem;
using test::fixtures_dir;
using test::have_program;
using test::run_process;

fs::path dpkg_scenarios() { return fixtures_dir() / "dpkg"; }

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dpkg_scenarios())) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> from_table(const std::string& cell) {
  if (cell == "-") return std::nullopt;
  return cell;
}

// The real dpkg-query on ROOT's admin dir: the version of the first listed
// instance whose third Status word is "installed" (bindep reads the same fields;
// see FirstListedArchitectureIsNotAllThatCounts for the one difference).
std::optional<std::string> dpkg_query_installed(const fs::path& root, const std::string& name) {
  const auto result =
      run_process("dpkg-query", {"--admindir=" + (root / "var/lib/dpkg").string(), "-W", "-f",
                                 "${Package} ${Status} ${Version}\n", name});
  if (result.exit_code != 0) return std::nullopt;
  std::istringstream lines(result.out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto fields = test::split_words(line, ' ');
    if (fields.size() >= 5 && fields[3] == "installed") return fields[4];
  }
  return std::nullopt;
}

bool have_dpkg_query() { return have_program("dpkg-query"); }

void expect_environment_error(const std::function<void()>& action, const std::string& needle) {
  try {
    action();
    ADD_FAILURE() << "no error thrown; expected one mentioning " << needle;
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::environment);
    EXPECT_NE(std::string(error.what()).find(needle), std::string::npos) << error.what();
  }
}

class DpkgScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(DpkgScenario, AnswersAsTheStatusFileSays) {
  const fs::path root = dpkg_scenarios() / GetParam();
  const auto database = open_dpkg_database(root);
  const bool oracle = have_dpkg_query();
  const auto rows = test::read_table(root / "expected.tsv");
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 2u) << "bad row in " << GetParam() << "/expected.tsv";
    const std::string& query = row[0];
    const auto expected = from_table(row[1]);
    EXPECT_EQ(database->installed_version(query), expected) << "query " << query;
    if (oracle) {
      EXPECT_EQ(dpkg_query_installed(root, query), expected) << "dpkg-query disagrees on " << query;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, DpkgScenario, ::testing::ValuesIn(scenario_names()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// bindep's TestDpkg cases, on the not-installed scenario.
TEST(BindepTestDpkg, NotInstalled) {
  const auto database = open_dpkg_database(dpkg_scenarios() / "not-installed");
  EXPECT_EQ(database->installed_version("foo"), std::nullopt);  // deinstall ok config-files
}

TEST(BindepTestDpkg, UnknownPackage) {
  const auto database = open_dpkg_database(dpkg_scenarios() / "not-installed");
  EXPECT_EQ(database->installed_version("unknownpackage"), std::nullopt);
}

TEST(BindepTestDpkg, InstalledVersion) {
  const auto database = open_dpkg_database(dpkg_scenarios() / "not-installed");
  EXPECT_EQ(database->installed_version("present"), "4.0.0-0ubuntu1");
}

// dpkg-query lists libfoo1:amd64 (config-files) before libfoo1:i386 (installed);
// bindep reads only the first line and calls it missing. We report the
// installed architecture.
TEST(DpkgMultiarch, FirstListedArchitectureIsNotAllThatCounts) {
  const fs::path root = dpkg_scenarios() / "multiarch";
  const auto database = open_dpkg_database(root);
  EXPECT_EQ(database->installed_version("libfoo1"), "1.1-1");
  if (!have_dpkg_query()) GTEST_SKIP() << "dpkg-query not found; oracle part skipped";
  const auto listed = run_process("dpkg-query", {"--admindir=" + (root / "var/lib/dpkg").string(),
                                                 "-W", "-f", "${Status}\n", "libfoo1"});
  EXPECT_EQ(listed.out, "deinstall ok config-files\ninstall ok installed\n");
}

struct StatusRecord {
  std::string package, architecture, status, version;
};

// Independent of libapt-pkg: one stanza per blank-line-separated block.
std::vector<StatusRecord> parse_status_by_hand(const std::string& text) {
  std::vector<StatusRecord> records;
  StatusRecord current;
  std::istringstream lines(text + "\n\n");
  std::string line;
  auto field = [&line](const std::string& name) -> std::optional<std::string> {
    if (line.rfind(name + ": ", 0) == 0) return line.substr(name.size() + 2);
    return std::nullopt;
  };
  while (std::getline(lines, line)) {
    if (line.empty()) {
      if (!current.package.empty()) records.push_back(current);
      current = {};
    } else if (auto v = field("Package")) {
      current.package = *v;
    } else if (auto v = field("Architecture")) {
      current.architecture = *v;
    } else if (auto v = field("Status")) {
      current.status = *v;
    } else if (auto v = field("Version")) {
      current.version = *v;
    }
  }
  return records;
}

fs::path minbase_status() {
  return fs::path(test::shared_dir()) / "snapshots/debian-bookworm/minbase-status";
}

TEST(DpkgMinbase, EveryPackageOfTheRealStatusFile) {
  if (!fs::exists(minbase_status())) GTEST_SKIP() << minbase_status() << " not found";
  test::TempDir root;
  const std::string text = test::read_file(minbase_status());
  test::write_file(root.path() / "var/lib/dpkg/status", text);
  const auto records = parse_status_by_hand(text);
  ASSERT_EQ(records.size(), 88u);

  const auto database = open_dpkg_database(root.path());
  std::map<std::string, std::string> by_name;
  for (const auto& record : records) {
    ASSERT_EQ(record.status, "install ok installed") << record.package;
    by_name[record.package] = record.version;
    EXPECT_EQ(database->installed_version(record.package), record.version) << record.package;
    EXPECT_EQ(database->installed_version(record.package + ":" + record.architecture),
              record.version)
        << record.package;
  }
  // The ones a bindep file would name, spelled out.
  for (const char* name : {"dpkg", "bash", "libc6", "base-files", "perl-base"}) {
    ASSERT_TRUE(by_name.count(name)) << name;
    EXPECT_EQ(database->installed_version(name), by_name[name]) << name;
  }
  EXPECT_EQ(database->installed_version("libc6:i386"), std::nullopt);
  EXPECT_EQ(database->installed_version("python3"), std::nullopt);

  if (!have_dpkg_query()) GTEST_SKIP() << "dpkg-query not found; oracle part skipped";
  for (const char* name : {"dpkg", "bash", "libc6", "bsdutils", "python3"}) {
    EXPECT_EQ(database->installed_version(name), dpkg_query_installed(root.path(), name)) << name;
  }
}

TEST(DpkgHost, RootSlashIsTheHostDatabase) {
  if (!fs::exists("/var/lib/dpkg/status") || !have_dpkg_query()) {
    GTEST_SKIP() << "not a dpkg host";
  }
  const auto database = open_dpkg_database("/");
  EXPECT_EQ(database->installed_version("dpkg"), dpkg_query_installed("/", "dpkg"));
  EXPECT_TRUE(database->installed_version("dpkg").has_value());
}

TEST(DpkgErrors, MissingStatusFileNamesThePath) {
  test::TempDir root;
  expect_environment_error([&] { open_dpkg_database(root.path()); },
                           (root.path() / "var/lib/dpkg/status").string());
}

TEST(DpkgErrors, StatusThatIsADirectory) {
  test::TempDir root;
  fs::create_directories(root.path() / "var/lib/dpkg/status");
  expect_environment_error([&] { open_dpkg_database(root.path()); }, "not a regular file");
}

TEST(DpkgErrors, UnreadableStatusFile) {
  if (geteuid() == 0) GTEST_SKIP() << "running as root: file permissions do not stop reads";
  test::TempDir root;
  const fs::path status = root.path() / "var/lib/dpkg/status";
  test::write_file(status, "Package: a\nStatus: install ok installed\nVersion: 1\n");
  fs::permissions(status, fs::perms::none);
  expect_environment_error([&] { open_dpkg_database(root.path()); }, status.string());
}

// An image's absolute symlink points into the image, never at the host.
TEST(DpkgRoot, AbsoluteSymlinkResolvesInsideTheRoot) {
  test::TempDir root;
  test::write_file(root.path() / "srv/dpkg/status",
                   "Package: inside\nStatus: install ok installed\nArchitecture: all\n"
                   "Version: 7\n");
  fs::create_directories(root.path() / "var/lib");
  fs::create_directory_symlink("/srv/dpkg", root.path() / "var/lib/dpkg");
  const auto database = open_dpkg_database(root.path());
  EXPECT_EQ(database->installed_version("inside"), "7");
}

int sign(int value) { return (value > 0) - (value < 0); }

int relation_sign(const std::string& relation) {
  if (relation == "<") return -1;
  if (relation == "=") return 0;
  if (relation == ">") return 1;
  throw std::runtime_error("bad relation " + relation);
}

TEST(DpkgVersions, OrderTableMatchesDpkg) {
  const auto database = open_dpkg_database(dpkg_scenarios() / "empty");
  const bool oracle = have_program("dpkg");
  const auto rows = test::read_table(fixtures_dir() / "dpkg-version-order.tsv");
  ASSERT_GE(rows.size(), 20u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const int expected = relation_sign(row[1]);
    EXPECT_EQ(sign(database->compare_versions(row[0], row[2])), expected)
        << row[0] << " " << row[1] << " " << row[2];
    EXPECT_EQ(sign(database->compare_versions(row[2], row[0])), -expected)
        << row[2] << " vs " << row[0];
    if (oracle) {
      const char* op = expected < 0 ? "lt" : expected == 0 ? "eq" : "gt";
      EXPECT_EQ(run_process("dpkg", {"--compare-versions", row[0], op, row[2]}).exit_code, 0)
          << "dpkg disagrees: " << row[0] << " " << row[1] << " " << row[2];
    }
  }
}

// bindep TestEval's <=, >= and != rows, as the planner will evaluate them.
TEST(DpkgVersions, BindepTestEvalRelations) {
  const auto database = open_dpkg_database(dpkg_scenarios() / "empty");
  const auto cmp = [&](const char* a, const char* b) { return database->compare_versions(a, b); };
  EXPECT_TRUE(cmp("3.5-ubuntu", "4") <= 0);
  EXPECT_FALSE(cmp("4", "3.5-ubuntu") <= 0);
  EXPECT_TRUE(cmp("4", "4") <= 0);
  EXPECT_FALSE(cmp("3.5-ubuntu", "4") > 0);
  EXPECT_TRUE(cmp("4", "3.5-ubuntu") > 0);
  EXPECT_FALSE(cmp("4", "4") > 0);
  EXPECT_FALSE(cmp("3.5-ubuntu", "4") >= 0);
  EXPECT_TRUE(cmp("4", "3.5-ubuntu") >= 0);
  EXPECT_TRUE(cmp("4", "4") >= 0);
  EXPECT_NE(cmp("4", "3.5-ubuntu"), 0);
  EXPECT_EQ(cmp("3.5-ubuntu", "3.5-ubuntu"), 0);
}

}  // namespace
}  // namespace locidep::backends
