// Target platforms: os-release facts, the platform atoms bindep derives from
// them, and the catalogue of distros locidep can plan for.
//
// One code path for every source of os-release facts: the catalogue's YAML,
// the host (/etc/os-release) and an unpacked image root (--root DIR) all go
// through derive_platform(OsRelease).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace locidep::profiles {

// The key=value facts of an os-release file. Keys are stored lower-cased
// ("id", "version_id", …), values unquoted, as python-distro stores them.
struct OsRelease {
  std::map<std::string, std::string> fields;
  // "" when absent.
  std::string get(const std::string& lower_key) const;
  bool has(const std::string& lower_key) const { return fields.contains(lower_key); }
};

// Parses os-release text with shell-like quoting (as python-distro's shlex).
OsRelease parse_os_release(std::string_view text);

// DIR/etc/os-release, else DIR/usr/lib/os-release; nullopt when neither exists.
// Throws Error(bad_input) when a file exists but cannot be read.
std::optional<OsRelease> read_os_release(const std::filesystem::path& root);

enum class PackageFamily { dpkg, rpm, emerge, pacman, apk, unknown };
const char* to_string(PackageFamily family);

struct Platform {
  std::string distro_id;  // normalised as python-distro + bindep do ("opensuse" for opensuse-leap)
  std::string codename;   // lower-cased; may be empty
  std::string release;    // lower-cased; may be empty
  std::vector<std::string> atoms;  // "platform:…", sorted, unique
  PackageFamily family = PackageFamily::unknown;
  bool has_atom(std::string_view atom) const;
};

// bindep's platform detection (bindep-spec.md §3, modern mode: rocky,
// almalinux, oracle in the Red Hat family, manjaro → pacman, pop → dpkg).
// Throws Error(environment) "Unable to determine distro ID" without an ID.
Platform derive_platform(const OsRelease& os_release);

// A package manager locidep plans for. What profiles/ knows of each is in
// backend.cpp (its name and package family); what planning needs is in
// planner/backend_traits.hpp. The values are 0, 1, 2, …: all_backends()
// walks them, so give none an explicit value.
enum class Backend { apt, zypper, dnf };
// The name used in catalogues, plans, lock files and messages.
const char* to_string(Backend backend);
// The package family a backend installs for; a distro's platform must be of it.
PackageFamily family_of(Backend backend);
// Every backend, in the enum's order.
std::span<const Backend> all_backends();
// The backend to_string names NAME; nullopt for any other name.
std::optional<Backend> backend_named(std::string_view name);
// "apt, zypper or dnf": what an "unknown backend" message says was expected.
std::string backend_choices();

struct Distro {
  std::string id;                    // catalogue id, e.g. "opensuse-leap-15.6"
  std::vector<std::string> aliases;  // e.g. "opensuse", "suse"
  std::string name;                  // human name, e.g. "openSUSE Leap 15.6"
  Backend backend = Backend::apt;
  std::string architecture;  // e.g. "amd64" (apt) or "x86_64" (rpm)
  std::string base_image;    // e.g. "opensuse/leap:15.6"
  OsRelease os_release;
  Platform platform;  // derive_platform(os_release)
  // Bundled default data (`data:` in the YAML), absolute; empty when the
  // distro has none and the user must name repositories and a base.
  std::vector<std::filesystem::path> repositories;
  std::filesystem::path base_status;    // apt: the base image's dpkg status file
  std::filesystem::path base_packages;  // zypper/dnf: the base image's package list
  std::filesystem::path
      names;  // every name the full distro has, one a line (lint), may be compressed
  bool has_bundled_data() const { return !repositories.empty(); }
};

class Catalog {
 public:
  // Reads DIR/distros.yaml. Throws Error(bad_input) with file:line:col on bad YAML.
  static Catalog load(const std::filesystem::path& directory);
  // The bundled catalogue: $LOCIDEP_CATALOG_DIR, else the installed
  // share/locidep/profiles beside the executable, else the source tree's.
  static Catalog load_default();
  // The same, through a parse kept in CACHE_DIRECTORY (keyed by the YAML
  // file's path, size, modification time and inode): a warm `resolve` reads
  // a small JSON file instead of parsing YAML. Falls back to load().
  static Catalog load_default(const std::optional<std::filesystem::path>& cache_directory);
  static Catalog load_cached(const std::filesystem::path& directory,
                             const std::optional<std::filesystem::path>& cache_directory);

  const std::vector<Distro>& distros() const { return distros_; }
  // By id or alias. Throws Error(bad_input) listing the known ids.
  const Distro& find(std::string_view id_or_alias) const;
  const std::filesystem::path& directory() const { return directory_; }

 private:
  static std::filesystem::path default_directory();

  std::filesystem::path directory_;
  std::vector<Distro> distros_;
};

}  // namespace locidep::profiles
