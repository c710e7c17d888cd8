#include "backends/installed/rpmdb_location.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <system_error>

#include "backends/installed/root_path.hpp"
#include "backends/installed/rpm_library.hpp"
#include "common/error.hpp"

namespace locidep::backends {

namespace fs = std::filesystem;

namespace {

struct RpmdbFile {
  std::string_view name;
  RpmdbFormat format;
};

// Most preferred first: a root converted from bdb/ndb to sqlite may keep the
// old file; sqlite is then the live one.
constexpr std::array<RpmdbFile, 3> rpmdb_files{{
    {"rpmdb.sqlite", RpmdbFormat::sqlite},
    {"Packages.db", RpmdbFormat::ndb},
    {"Packages", RpmdbFormat::bdb},
}};

constexpr std::array<std::string_view, 2> rpmdb_dirs{"usr/lib/sysimage/rpm", "var/lib/rpm"};

[[noreturn]] void fail(const std::string& message) { throw Error(ExitCode::environment, message); }

}  // namespace

std::optional<LocatedRpmdb> find_rpmdb(const fs::path& root) {
  for (const auto dir_name : rpmdb_dirs) {
    const fs::path dir = resolve_in_root(root, fs::path(dir_name));
    std::error_code error;
    if (!fs::is_directory(dir, error)) continue;
    for (const auto& candidate : rpmdb_files) {
      const fs::path file = resolve_in_root(root, fs::path(dir_name) / candidate.name);
      if (!fs::exists(file, error)) continue;
      const std::string dbpath = (fs::path("/") / dir.lexically_relative(root)).generic_string();
      return LocatedRpmdb{dir, file, dbpath, candidate.format};
    }
  }
  return std::nullopt;
}

std::string describe_rpmdb_search(const fs::path& root) {
  return fmt::format(
      "no rpm database in {}: looked for rpmdb.sqlite, Packages.db or Packages in {} and {}",
      root.string(), (root / rpmdb_dirs[0]).string(), (root / rpmdb_dirs[1]).string());
}

LocatedRpmdb locate_rpmdb(const fs::path& root) {
  auto located = find_rpmdb(root);
  if (!located) fail(describe_rpmdb_search(root));
  return *located;
}

const char* rpm_db_backend(RpmdbFormat format) {
  return format == RpmdbFormat::sqlite ? "sqlite" : "bdb_ro";
}

PrivateDirectory::PrivateDirectory() {
  std::string pattern = (fs::temp_directory_path() / "locidep-rpmdb-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    fail(fmt::format("cannot create a temporary directory in {}: {}",
                     fs::temp_directory_path().string(), std::strerror(errno)));
  }
  path_ = pattern;
}

PrivateDirectory::~PrivateDirectory() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::unique_ptr<PrivateDirectory> private_copy_if_read_only(const LocatedRpmdb& located) {
  if (located.format != RpmdbFormat::sqlite || access(located.directory.c_str(), W_OK) == 0) {
    return nullptr;
  }
  auto copy = std::make_unique<PrivateDirectory>();
  const fs::path target = copy->path() / fs::path(located.dbpath).relative_path();
  std::error_code error;
  fs::create_directories(target, error);
  const fs::path wal = fs::path(located.file.string() + "-wal");
  if (!error) fs::copy_file(located.file, target / "rpmdb.sqlite", error);
  if (!error && fs::exists(wal)) fs::copy_file(wal, target / "rpmdb.sqlite-wal", error);
  if (error) {
    fail(
        fmt::format("cannot read the rpm database {}: its directory is read-only and copying it "
                    "to {} failed: {}",
                    located.file.string(), copy->path().string(), error.message()));
  }
  return copy;
}

void read_rpm_config_once() {
  static const bool read_ok = rpm::lib::rpmReadConfigFiles(nullptr, nullptr) == 0;
  if (!read_ok) fail("cannot read the rpm configuration (rpmReadConfigFiles failed)");
}

}  // namespace locidep::backends
