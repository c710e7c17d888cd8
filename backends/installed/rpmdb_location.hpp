// Finding an image root's rpmdb and making it readable: shared by `check`
// (rpm_database.cpp, through librpm) and the rpm backend's --base-root
// (backends/rpm, through libsolv's rpmdb reader, which uses librpm too).
//
// Debian's librpm needs help (docs: rpm-side.md §2): its %_dbpath is ~/.rpmdb,
// it has no ndb backend, and with rpm 4.18 nothing reads the rpm config unless
// we do. So the db is located here, inside the root, and named explicitly.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace locidep::backends {

enum class RpmdbFormat { sqlite, ndb, bdb };

struct LocatedRpmdb {
  std::filesystem::path directory;  // resolved, on the host
  std::filesystem::path file;       // resolved, on the host
  std::string
      dbpath;  // the directory inside the root, as %_dbpath wants it ("/usr/lib/sysimage/rpm")
  RpmdbFormat format;
};

// ROOT/usr/lib/sysimage/rpm first (Fedora ≥ 36, openSUSE), then
// ROOT/var/lib/rpm (symlinks resolved inside ROOT); files rpmdb.sqlite,
// Packages.db, Packages, most preferred first. nullopt when there is none.
std::optional<LocatedRpmdb> find_rpmdb(const std::filesystem::path& root);
// "no rpm database in ROOT: looked for … in … and …".
std::string describe_rpmdb_search(const std::filesystem::path& root);
// find_rpmdb, or Error(environment) with describe_rpmdb_search.
LocatedRpmdb locate_rpmdb(const std::filesystem::path& root);

// %_db_backend for the format ("sqlite", else rpm's read-only bdb reader).
const char* rpm_db_backend(RpmdbFormat format);

// A directory of our own under $TMPDIR, removed with its content.
class PrivateDirectory {
 public:
  PrivateDirectory();
  ~PrivateDirectory();
  PrivateDirectory(const PrivateDirectory&) = delete;
  PrivateDirectory& operator=(const PrivateDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// rpm's sqlite db is in WAL mode: even a read-only open needs to create
// rpmdb.sqlite-shm beside it, so it fails on a read-only image or a root the
// user cannot write to (`rpm -q` fails there too). Then a private copy of the
// db file (and its uncommitted -wal, if any) is made, laid out as in the
// root: librpm is given the copy's folder as its root. nullptr when the db
// can be read where it is. Throws Error(environment) when copying fails.
std::unique_ptr<PrivateDirectory> private_copy_if_read_only(const LocatedRpmdb& located);

// rpm 4.18 reads no configuration by itself; without it the db backend is
// "dummy" and nothing is found. Done once per process; Error(environment)
// when librpm cannot read it.
void read_rpm_config_once();

}  // namespace locidep::backends
