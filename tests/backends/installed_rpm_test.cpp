// rpm side of backends/installed: real rpmdbs built in temporary roots with
// Debian's rpmbuild and rpm, queried through locidep and through
// `rpm -q --whatprovides` (bindep's own command), which must agree.
#include <gtest/gtest.h>
#include <unistd.h>

#include <functional>
#include <memory>
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
using test::have_program;
using test::run_process;

struct TestPackage {
  std::string name;
  std::string header;  // Epoch/Version/Release/Provides lines
  std::vector<std::string> files;
};

const std::vector<TestPackage>& test_packages() {
  static const std::vector<TestPackage> packages{
      {"locidep-alpha",
       "Epoch: 2\nVersion: 1.2.3\nRelease: 4\nProvides: fake-cap = 9.9\n",
       {"/usr/share/locidep-test/file.txt"}},
      {"locidep-beta",
       "Version: 0.9~rc1\nRelease: 1.el9\nProvides: shared-cap\nProvides: "
       "/usr/bin/locidep-virtual\n",
       {"/usr/share/locidep-test/beta.txt"}},
      {"locidep-gamma",
       "Epoch: 0\nVersion: 3.0\nRelease: 2\nProvides: shared-cap = 3.0\n",
       {"/usr/bin/locidep-gamma"}},
  };
  return packages;
}

std::string spec_for(const TestPackage& package) {
  std::string spec = "Name: " + package.name + "\n" + package.header +
                     "Summary: locidep test package\nLicense: MIT\nBuildArch: noarch\n"
                     "AutoReqProv: no\n\n%description\nlocidep test package\n\n%install\n";
  for (const auto& file : package.files) {
    spec += "mkdir -p %{buildroot}" + fs::path(file).parent_path().string() + "\n";
    spec += "echo " + package.name + " > %{buildroot}" + file + "\n";
  }
  spec += "\n%files\n";
  for (const auto& file : package.files) spec += file + "\n";
  return spec;
}

// One root per rpmdb location we support, all holding the same three packages.
struct RpmRoot {
  std::string label;
  std::string dbpath;            // as given to `rpm --dbpath`
  std::string var_lib_rpm_link;  // when set, var/lib/rpm is this symlink
  fs::path path;
};

class RpmDatabaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (const char* tool : {"rpm", "rpmbuild"}) {
      if (!have_program(tool)) {
        skip_reason_ = std::string(tool) + " not found (apt-get install rpm)";
        return;
      }
    }
    work_ = std::make_unique<test::TempDir>();
    const fs::path top = work_->path() / "rpmbuild";
    for (const auto& package : test_packages()) {
      const fs::path spec = work_->path() / (package.name + ".spec");
      test::write_file(spec, spec_for(package));
      // HOME: no ~/.rpmmacros of whoever runs the tests.
      const auto built = run_process("env", {"HOME=" + work_->path().string(), "rpmbuild", "-bb",
                                             "--define", "_topdir " + top.string(), spec.string()});
      if (built.exit_code != 0) {
        setup_error_ = "rpmbuild failed for " + package.name + ":\n" + built.out + built.err;
        return;
      }
    }
    std::vector<std::string> rpm_files;
    for (const auto& entry : fs::directory_iterator(top / "RPMS/noarch")) {
      rpm_files.push_back(entry.path().string());
    }
    if (rpm_files.size() != test_packages().size()) {
      setup_error_ =
          "rpmbuild did not leave one rpm per package in " + (top / "RPMS/noarch").string();
      return;
    }
    roots_ = {
        {"sysimage", "/usr/lib/sysimage/rpm", "", {}},
        {"var_lib_rpm", "/var/lib/rpm", "", {}},
        // An image whose var/lib/rpm is an absolute symlink: it must be read
        // inside the image, not followed to the host's /opt/rpmdb.
        {"absolute_symlink", "/opt/rpmdb", "/opt/rpmdb", {}},
    };
    for (auto& root : roots_) {
      root.path = work_->path() / ("root-" + root.label);
      fs::create_directories(root.path);
      std::vector<std::string> arguments{"--root", root.path.string(), "--dbpath",      root.dbpath,
                                         "-i",     "--nodeps",         "--force-debian"};
      arguments.insert(arguments.end(), rpm_files.begin(), rpm_files.end());
      const auto installed = run_process("rpm", arguments);
      if (installed.exit_code != 0) {
        setup_error_ = "rpm -i failed in " + root.label + ":\n" + installed.out + installed.err;
        return;
      }
      fs::create_directory_symlink("locidep-test", root.path / "usr/share/locidep-link");
      if (!root.var_lib_rpm_link.empty()) {
        fs::create_directories(root.path / "var/lib");
        fs::create_directory_symlink(root.var_lib_rpm_link, root.path / "var/lib/rpm");
      }
    }
  }

  static void TearDownTestSuite() { work_.reset(); }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
  }

  // bindep's command and reading: rc != 0 → not installed, else the second
  // field of the first line.
  static std::optional<std::string> rpm_whatprovides(const RpmRoot& root,
                                                     const std::string& query) {
    const auto result =
        run_process("rpm", {"--root", root.path.string(), "--dbpath", root.dbpath, "--qf",
                            "%{NAME} %|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\n", "--whatprovides",
                            "-q", query});
    if (result.exit_code != 0) return std::nullopt;
    const auto first_line = result.out.substr(0, result.out.find('\n'));
    const auto fields = test::split_words(first_line, ' ');
    if (fields.size() < 2) return std::nullopt;
    return fields[1];
  }

  static inline std::string skip_reason_;
  static inline std::string setup_error_;
  static inline std::unique_ptr<test::TempDir> work_;
  static inline std::vector<RpmRoot> roots_;
};

struct Query {
  std::string name;
  std::optional<std::string> expected;
  bool expected_known = true;  // false: whatever rpm answers (several providers)
};

const std::vector<Query>& queries() {
  static const std::vector<Query> list{
      {"locidep-alpha", "2:1.2.3-4"},
      {"fake-cap", "2:1.2.3-4"},
      {"/usr/share/locidep-test/file.txt", "2:1.2.3-4"},
      {"/usr/share/locidep-test//./file.txt", "2:1.2.3-4"},
      {"locidep-beta", "0.9~rc1-1.el9"},
      // provided, not owned: rpm falls back from files to Provides
      {"/usr/bin/locidep-virtual", "0.9~rc1-1.el9"},
      // an explicit Epoch: 0 is printed
      {"locidep-gamma", "0:3.0-2"},
      {"/usr/bin/locidep-gamma", "0:3.0-2"},
      {"shared-cap", std::nullopt, false},
      {"locidep-missing", std::nullopt},
      {"locidep", std::nullopt},
      {"/usr/share/locidep-test/missing.txt", std::nullopt},
      // the directory is not in any %files
      {"/usr/share/locidep-test", std::nullopt},
      // through a directory symlink inside the image: whatever rpm decides
      {"/usr/share/locidep-link/file.txt", std::nullopt, false},
  };
  return list;
}

TEST_F(RpmDatabaseTest, AnswersLikeRpmWhatprovides) {
  for (const auto& root : roots_) {
    SCOPED_TRACE(root.label);
    const auto database = open_rpm_database(root.path);
    for (const auto& query : queries()) {
      const auto ours = database->installed_version(query.name);
      if (query.expected_known) {
        EXPECT_EQ(ours, query.expected) << query.name;
      }
      EXPECT_EQ(ours, rpm_whatprovides(root, query.name)) << "rpm disagrees on " << query.name;
    }
    EXPECT_EQ(database->installed_version(""), std::nullopt);
    const auto shared = database->installed_version("shared-cap");
    EXPECT_TRUE(shared == "0.9~rc1-1.el9" || shared == "0:3.0-2") << shared.value_or("nullopt");
  }
}

TEST_F(RpmDatabaseTest, SysimageIsPreferredOverVarLibRpm) {
  // A root with both: usr/lib/sysimage/rpm holds the packages, var/lib/rpm an
  // empty sqlite db of its own.
  const auto& sysimage = roots_.front();
  test::TempDir scratch;
  const fs::path root = scratch.path() / "root";
  fs::copy(sysimage.path, root, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  ASSERT_EQ(run_process("rpm", {"--root", root.string(), "--dbpath", "/var/lib/rpm", "--initdb"})
                .exit_code,
            0);
  ASSERT_TRUE(fs::exists(root / "var/lib/rpm/rpmdb.sqlite"));
  EXPECT_EQ(open_rpm_database(root)->installed_version("locidep-alpha"), "2:1.2.3-4");
  fs::remove_all(root / "usr/lib/sysimage/rpm");
  EXPECT_EQ(open_rpm_database(root)->installed_version("locidep-alpha"), std::nullopt);
}

TEST_F(RpmDatabaseTest, RelativeRootIsAccepted) {
  const auto& root = roots_.front();
  const fs::path previous = fs::current_path();
  fs::current_path(root.path.parent_path());
  std::unique_ptr<InstalledDatabase> database;
  try {
    database = open_rpm_database(root.path.filename());
  } catch (...) {
    fs::current_path(previous);
    throw;
  }
  fs::current_path(previous);
  EXPECT_EQ(database->installed_version("fake-cap"), "2:1.2.3-4");
}

// A read-only bind mount of a root, unmounted on destruction.
class ReadOnlyMount {
 public:
  ReadOnlyMount(const fs::path& source, const fs::path& target) : target_(target) {
    fs::create_directories(target);
    if (run_process("mount", {"--bind", source.string(), target.string()}).exit_code != 0) return;
    mounted_ = true;
    read_only_ = run_process("mount", {"-o", "remount,ro,bind", target.string()}).exit_code == 0;
  }
  ~ReadOnlyMount() {
    if (mounted_) run_process("umount", {target_.string()});
  }
  ReadOnlyMount(const ReadOnlyMount&) = delete;
  ReadOnlyMount& operator=(const ReadOnlyMount&) = delete;
  bool ready() const { return mounted_ && read_only_; }

 private:
  fs::path target_;
  bool mounted_ = false;
  bool read_only_ = false;
};

// rpm's sqlite db needs rpmdb.sqlite-shm even to read; `rpm -q` fails on a
// read-only image, locidep reads a private copy.
TEST_F(RpmDatabaseTest, ReadOnlyImage) {
  if (geteuid() != 0 || !have_program("mount")) GTEST_SKIP() << "needs root and mount(8)";
  test::TempDir scratch;
  const fs::path image = scratch.path() / "image";
  const fs::path db = image / "var/lib/rpm";
  fs::create_directories(db);
  fs::copy_file(roots_[1].path / "var/lib/rpm/rpmdb.sqlite", db / "rpmdb.sqlite");
  ReadOnlyMount mount(image, scratch.path() / "mnt");
  if (!mount.ready()) GTEST_SKIP() << "cannot make a read-only bind mount here";
  const auto database = open_rpm_database(scratch.path() / "mnt");
  EXPECT_EQ(database->installed_version("fake-cap"), "2:1.2.3-4");
  EXPECT_EQ(database->installed_version("/usr/share/locidep-test/file.txt"), "2:1.2.3-4");
  EXPECT_EQ(database->installed_version("locidep-missing"), std::nullopt);
  EXPECT_FALSE(fs::exists(db / "rpmdb.sqlite-shm"));
}

void expect_environment_error(const std::function<void()>& action,
                              const std::vector<std::string>& needles) {
  try {
    action();
    ADD_FAILURE() << "no error thrown";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::environment);
    for (const auto& needle : needles) {
      EXPECT_NE(std::string(error.what()).find(needle), std::string::npos)
          << "missing '" << needle << "' in: " << error.what();
    }
  }
}

TEST(RpmErrors, NoDatabaseInTheRootNamesWhereItLooked) {
  test::TempDir root;
  fs::create_directories(root.path() / "var/lib/rpm");  // present but empty
  expect_environment_error([&] { open_rpm_database(root.path()); },
                           {(root.path() / "usr/lib/sysimage/rpm").string(),
                            (root.path() / "var/lib/rpm").string(), "rpmdb.sqlite"});
}

TEST(RpmErrors, MissingRoot) {
  test::TempDir scratch;
  const fs::path root = scratch.path() / "absent";
  expect_environment_error([&] { open_rpm_database(root); }, {root.string()});
}

TEST(RpmErrors, DamagedSqliteDatabase) {
  test::TempDir root;
  const fs::path file = root.path() / "usr/lib/sysimage/rpm/rpmdb.sqlite";
  test::write_file(file, std::string(8192, 'x'));
  expect_environment_error([&] { open_rpm_database(root.path()); }, {file.string()});
}

TEST(RpmErrors, DamagedBerkeleyDatabase) {
  test::TempDir root;
  const fs::path file = root.path() / "var/lib/rpm/Packages";
  test::write_file(file, std::string(8192, 'x'));
  expect_environment_error([&] { open_rpm_database(root.path()); }, {file.string()});
}

fs::path sle_ndb() {
  return fs::path(test::shared_dir()) /
         "corpus/base-images/sle-bci-15.3-micro_var-lib-rpm_Packages.db";
}

// A real SLE 15 SP3 ndb rpmdb: Debian's librpm has no ndb backend.
TEST(RpmErrors, SuseNdbIsRefusedClearly) {
  if (!fs::exists(sle_ndb())) GTEST_SKIP() << sle_ndb() << " not found";
  for (const char* dir : {"var/lib/rpm", "usr/lib/sysimage/rpm"}) {
    test::TempDir root;
    const fs::path file = root.path() / dir / "Packages.db";
    fs::create_directories(file.parent_path());
    fs::copy_file(sle_ndb(), file);
    expect_environment_error([&] { open_rpm_database(root.path()); },
                             {file.string(), "ndb", "rpm -qa"});
  }
}

int sign(int value) { return (value > 0) - (value < 0); }

TEST(RpmVersions, OrderTableMatchesLibrpm) {
  // compare_versions needs a database object, not its content.
  test::TempDir root;
  if (!have_program("rpm")) GTEST_SKIP() << "rpm not found (apt-get install rpm)";
  ASSERT_EQ(
      run_process("rpm", {"--root", root.path().string(), "--dbpath", "/var/lib/rpm", "--initdb"})
          .exit_code,
      0);
  const auto database = open_rpm_database(root.path());
  const auto rows = test::read_table(test::fixtures_dir() / "rpm-version-order.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const int expected = row[1] == "<" ? -1 : row[1] == "=" ? 0 : 1;
    EXPECT_EQ(sign(database->compare_versions(row[0], row[2])), expected)
        << row[0] << " " << row[1] << " " << row[2];
    EXPECT_EQ(sign(database->compare_versions(row[2], row[0])), -expected)
        << row[2] << " vs " << row[0];
    const auto oracle = run_process(
        "rpm", {"--eval", "%{lua: print(rpm.vercmp('" + row[0] + "', '" + row[2] + "'))}"});
    EXPECT_EQ(oracle.out, std::to_string(expected) + "\n")
        << "librpm disagrees: " << row[0] << " " << row[1] << " " << row[2];
  }
}

}  // namespace
}  // namespace locidep::backends
