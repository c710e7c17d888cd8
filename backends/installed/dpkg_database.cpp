// The dpkg side of `check`: ROOT/var/lib/dpkg/status read with libapt-pkg's
// deb822 parser, answering what `dpkg-query -W -f '${Package} ${Status} ${Version}\n'`
// tells bindep. libapt-pkg is behind locidep-dpkg.so (dpkg_status_module.hpp),
// opened here on first use.
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "backends/installed/dpkg_status_module.hpp"
#include "backends/installed/installed_database.hpp"
#include "backends/installed/root_path.hpp"
#include "common/bounded_input.hpp"
#include "common/deb822_check.hpp"
#include "common/error.hpp"
#include "common/shared_library.hpp"

namespace locidep::backends {
namespace fs = std::filesystem;

namespace {

struct DpkgRecord {
  std::string architecture;
  std::string version;
  bool installed = false;
};

// Where locidep-dpkg.so is: PREFIX/lib/locidep/ beside an installed
// PREFIX/bin/locidep, else where the build put it (LOCIDEP_DPKG_MODULE_BUILD_PATH).
std::string dpkg_module_path() {
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path installed = executable.parent_path().parent_path() / "lib" / "locidep" /
                               fs::path(LOCIDEP_DPKG_MODULE_BUILD_PATH).filename();
    if (fs::is_regular_file(installed, error)) return installed.string();
  }
  return LOCIDEP_DPKG_MODULE_BUILD_PATH;
}

const LazyLibrary& dpkg_module() {
  static const LazyLibrary module(dpkg_module_path());
  return module;
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
    static auto* const compare = dpkg_module().function<decltype(::locidep_dpkg_compare_versions)>(
        "locidep_dpkg_compare_versions");
    return compare(left.c_str(), right.c_str());
  }

 private:
  std::unordered_map<std::string, std::vector<DpkgRecord>> records_;
};

[[noreturn]] void fail_to_read(const fs::path& status_path, const std::string& reason) {
  throw Error(ExitCode::environment,
              fmt::format("cannot read the dpkg database {}: {}", status_path.string(), reason));
}

// libapt-pkg skips what it cannot parse, so garbage would read as a database
// with nothing installed: check the file's shape first (exit 3, as any
// database that cannot be read).
void check_status_text(const fs::path& status_path) {
  std::error_code error;
  const auto size = fs::file_size(status_path, error);
  if (error) fail_to_read(status_path, error.message());
  if (size > max_index_text_bytes) {
    fail_to_read(status_path, "larger than " + describe_bytes(max_index_text_bytes) +
                                  ", the cap on one input file");
  }
  std::ifstream in(status_path, std::ios::binary);
  std::string text(size, '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(size)))
    fail_to_read(status_path, "read error");
  try {
    check_deb822(text, status_path.string(), Deb822Kind::dpkg_status, ExitCode::environment);
  } catch (const Error& error) {
    throw Error(ExitCode::environment,
                "cannot read the dpkg database: " + std::string(error.what()), error.location());
  }
}

}  // namespace

std::unique_ptr<InstalledDatabase> open_dpkg_database(const fs::path& root) {
  const fs::path status_path = resolve_in_root(root, "var/lib/dpkg/status");
  std::error_code error;
  const auto status = fs::status(status_path, error);
  if (!fs::exists(status)) fail_to_read(status_path, "no such file");
  if (!fs::is_regular_file(status)) fail_to_read(status_path, "not a regular file");
  check_status_text(status_path);

  static auto* const read_status =
      dpkg_module().function<decltype(::locidep_dpkg_read_status)>("locidep_dpkg_read_status");
  std::unordered_map<std::string, std::vector<DpkgRecord>> records;
  const auto add_record = [](void* context, const char* package, const char* architecture,
                             const char* version, const char* status) {
    auto& into = *static_cast<std::unordered_map<std::string, std::vector<DpkgRecord>>*>(context);
    into[package].push_back(DpkgRecord{architecture, version, status_is_installed(status)});
  };
  std::array<char, 1024> reason{};
  if (read_status(status_path.c_str(), add_record, &records, reason.data(), reason.size()) != 0) {
    fail_to_read(status_path, reason.data());
  }
  return std::make_unique<DpkgDatabase>(std::move(records));
}

}  // namespace locidep::backends
