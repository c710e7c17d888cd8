// What is installed in a root (the host "/" or an unpacked image), read with
// the package family's own library: libapt-pkg for a dpkg status file, librpm
// for an rpmdb. Used by `check` (bindep's default mode).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace locidep::backends {

class InstalledDatabase {
 public:
  virtual ~InstalledDatabase() = default;
  // The installed version of NAME as bindep's query for this family reports
  // it, or nullopt when not installed. dpkg: the package's Version when its
  // status is "installed". rpm: "[epoch:]version-release" of the first package
  // that provides NAME (a capability or a file path, like `rpm -q --whatprovides`).
  virtual std::optional<std::string> installed_version(const std::string& name) const = 0;
  // <0, 0, >0 with the family's own version comparison (apt's debVS, rpm's rpmvercmp on EVR).
  virtual int compare_versions(const std::string& left, const std::string& right) const = 0;
};

// ROOT/var/lib/dpkg/status. Throws Error(environment) when it cannot be read.
std::unique_ptr<InstalledDatabase> open_dpkg_database(const std::filesystem::path& root);

// The rpmdb inside ROOT: ROOT/usr/lib/sysimage/rpm, else ROOT/var/lib/rpm
// (never the host's when ROOT is not "/"). Throws Error(environment) when none
// is found or it cannot be opened, naming the path and the format if known
// (SUSE's ndb cannot be read by Debian's librpm).
std::unique_ptr<InstalledDatabase> open_rpm_database(const std::filesystem::path& root);

}  // namespace locidep::backends
