// rpm package data for the zypper and dnf backends: NEVRA strings, rpm-md
// repositories (repomd.xml, primary, filelists, modules.yaml) with their
// checksums verified, base package lists and the rpmdb of an image root.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/solv/pool.hpp"
#include "common/cache_settings.hpp"

namespace locidep::rpm {

// name-[epoch:]version-release.arch, split.
struct Nevra {
  std::string name;
  std::string epoch;  // "" when not written
  std::string version;
  std::string release;
  std::string arch;
  // "[epoch:]version-release", the epoch left out when empty or "0" (libsolv's spelling).
  std::string evr() const;
};

// Splits "NAME-[EPOCH:]VERSION-RELEASE.ARCH"; nullopt when it has not that shape.
std::optional<Nevra> parse_nevra(std::string_view text);

// Where .solv images of rpm-md repositories are cached (as the apt backend's).
// Format of our rpm .solv images; bump when what we store changes.
inline constexpr std::string_view rpm_solv_format_tag = "locidep-rpmmd-3";

// One module stream of a modules.yaml (modulemd v2).
struct ModuleStream {
  std::string name;
  std::string stream;
  std::string version;
  std::string context;
  std::vector<std::string> artifacts;  // NEVRAs ("nginx-1:1.24.0-4.module_el9+….x86_64")
};

struct ModuleMetadata {
  std::vector<ModuleStream> streams;
  std::map<std::string, std::string> default_streams;  // modulemd-defaults: module → stream
  bool empty() const { return streams.empty() && default_streams.empty(); }
};

// Parses modules.yaml text (several YAML documents). Throws Error(bad_input)
// naming SOURCE.
ModuleMetadata parse_modules_yaml(std::string_view text, const std::string& source);

struct RpmmdOptions {
  bool filelists = false;  // dnf reads filelists.xml; zypper never does
  bool modules = true;     // modules.yaml (dnf); zypper knows no modules
  CacheSettings cache;
  // Leave writing the .solv image to the caller (LoadedRepository::
  // pending_image), so it can be written after the file provides pass: the
  // image then records them and later loads skip searching the file lists.
  bool defer_cache_write = false;
};

struct LoadedRepository {
  std::filesystem::path source;  // the folder holding repodata/
  std::string name;              // repository name in the pool
  int packages = 0;
  bool filelists = false;  // filelists.xml was loaded
  bool from_cache = false;
  ModuleMetadata modules;  // from modules.yaml, when the repository has one
  std::optional<std::filesystem::path>
      pending_image;  // with defer_cache_write: where the image goes
};

// Writes REPO's .solv image to IMAGE atomically; a cache that cannot be
// written is skipped silently (it is only a speed-up).
// Long texts nobody here reads (descriptions, summaries, …) are left out.
void write_repository_image(solv::Pool& pool, solv::RepoView repo,
                            const std::filesystem::path& image);

// The rpm-md repository at PATH (its folder, its repodata/ folder or its
// repomd.xml) loaded into a new repository of POOL called NAME. Every file
// read is checked against repomd.xml's checksum first; a mismatch throws
// Error(bad_input) naming the file, the expected and the actual digest.
LoadedRepository load_rpmmd_repository(solv::Pool& pool, const std::filesystem::path& path,
                                       const std::string& name, const RpmmdOptions& options);

// One line of a base package list.
struct BaseListEntry {
  Nevra nevra;
  std::string text;
  std::size_t line = 0;
};

// A package list (NAME-[EPOCH:]VERSION-RELEASE.ARCH a line; '#' comments and
// blank lines skipped). Throws Error(bad_input) at the first malformed line.
std::vector<BaseListEntry> read_base_list(const std::filesystem::path& path);
std::vector<BaseListEntry> parse_base_list(std::string_view text, const std::string& source);

// The installed packages of ROOT's rpmdb added to REPO (librpm through
// libsolv, configured for that root only). SUSE's ndb format cannot be read
// by Debian's librpm: Error(environment) saying so and suggesting
// --base-packages.
std::vector<solv::SolvableId> add_rpmdb_packages(solv::RepoView repo,
                                                 const std::filesystem::path& root);

}  // namespace locidep::rpm
