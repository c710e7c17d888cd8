// The dpkg side of `check`: ROOT/var/lib/dpkg/status read with libapt-pkg's
// deb822 parser, answering what `dpkg-query -W -f '${Package} ${Status} ${Version}\n'`
// tells bindep.
#include <apt-pkg/debversion.h>
#include <apt-pkg/error.h>
#include <apt-pkg/fileutl.h>
#include <apt-pkg/tagfile.h>
#include <fmt/format.h>

#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "backends/installed/installed_database.hpp"
#include "backends/installed/root_path.hpp"
#include "common/error.hpp"

namespace locidep::backends {
namespace fs = std::filesystem;

namespace {

struct DpkgRecord {
  std::string architecture;
  std::string version;
  bool installed = false;
};

// libapt-pkg reports failures on its global error stack; empty it into one
// message so a later, unrelated apt call does not find our leftovers.
std::string take_apt_errors() {
  std::string joined;
  std::string message;
  while (!_error->empty(GlobalError::DEBUG)) {
    _error->PopMessage(message);
    if (!joined.empty()) joined += "; ";
    joined += message;
  }
  return joined;
}

// bindep: the third word of Status must be "installed" ("install ok installed",
// "hold ok installed", "deinstall ok installed"); config-files, half-installed,
// unpacked, triggers-pending… count as not installed.
bool status_is_installed(const std::string& status) {
  std::istringstream words(status);
  std::string want, flag, state;
  words >> want >> flag >> state;
  return state == "installed";
}

class DpkgDatabase final : public InstalledDatabase {
 public:
  explicit DpkgDatabase(std::unordered_map<std::string, std::vector<DpkgRecord>> records)
      : records_(std::move(records)) {}

  std::optional<std::string> installed_version(const std::string& name) const override {
    // `name:arch` selects one architecture, as dpkg-query does; package names
    // never contain ':'.
    std::string package = name;
    std::optional<std::string> architecture;
    if (const auto colon = name.find(':'); colon != std::string::npos) {
      package = name.substr(0, colon);
      architecture = name.substr(colon + 1);
    }
    const auto found = records_.find(package);
    if (found == records_.end()) return std::nullopt;
    // With several architectures dpkg-query prints one line each and bindep
    // reads only the first; we answer with an installed one wherever it comes,
    // so a config-files leftover of another architecture does not hide it.
    for (const auto& record : found->second) {
      if (architecture && record.architecture != *architecture) continue;
      if (record.installed) return record.version;
    }
    return std::nullopt;
  }

  int compare_versions(const std::string& left, const std::string& right) const override {
    return debVS.CmpVersion(left, right);
  }

 private:
  std::unordered_map<std::string, std::vector<DpkgRecord>> records_;
};

[[noreturn]] void fail_to_read(const fs::path& status_path, const std::string& reason) {
  throw Error(ExitCode::environment,
              fmt::format("cannot read the dpkg database {}: {}", status_path.string(), reason));
}

}  // namespace

std::unique_ptr<InstalledDatabase> open_dpkg_database(const fs::path& root) {
  const fs::path status_path = resolve_in_root(root, "var/lib/dpkg/status");
  std::error_code error;
  const auto status = fs::status(status_path, error);
  if (!fs::exists(status)) fail_to_read(status_path, "no such file");
  if (!fs::is_regular_file(status)) fail_to_read(status_path, "not a regular file");

  take_apt_errors();  // start from a clean error stack
  FileFd file;
  if (!file.Open(status_path.string(), FileFd::ReadOnly)) {
    fail_to_read(status_path, take_apt_errors());
  }
  std::unordered_map<std::string, std::vector<DpkgRecord>> records;
  pkgTagFile tags(&file);
  pkgTagSection section;
  while (tags.Step(section)) {
    std::string package = section.FindS("Package");
    if (package.empty()) continue;
    records[std::move(package)].push_back(DpkgRecord{
        section.FindS("Architecture"),
        section.FindS("Version"),
        status_is_installed(section.FindS("Status")),
    });
  }
  if (_error->PendingError()) fail_to_read(status_path, take_apt_errors());
  take_apt_errors();  // warnings only
  return std::make_unique<DpkgDatabase>(std::move(records));
}

}  // namespace locidep::backends
