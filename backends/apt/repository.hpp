// Loading Debian package indexes into a libsolv Pool, with the fields
// libsolv drops kept as custom attributes, through a .solv cache.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/apt/stanza.hpp"
#include "backends/solv/pool.hpp"
#include "common/cache_settings.hpp"

namespace locidep::apt {

// The custom attribute keys (interned per pool).
struct AptKeys {
  solv::StringId priority;        // "required", "important", …
  solv::StringId essential;       // flag
  solv::StringId protected_;      // flag
  solv::StringId source_name;     // Source: name, or the package name
  solv::StringId source_version;  // Source: (version), or the package version
  // The first package name of each Pre-Depends then Depends item, in
  // declaration order: apt walks them in that order, and .solv images
  // store dependency arrays reordered.
  solv::StringId depends_order;
  // Where the package's name first appears in its index (its own stanza, or
  // an earlier stanza's relationship or Provides field): apt numbers its
  // packages in that order and, when nothing else tells two providers of a
  // virtual package apart, takes the one numbered last.
  solv::StringId mention;
  static AptKeys in(solv::Pool& pool);
  std::vector<solv::StringId> string_keys() const {
    return {priority, source_name, source_version, depends_order};
  }
  std::vector<solv::StringId> flag_keys() const { return {essential, protected_}; }
};

// Where .solv images are cached. Disabled when `directory` is empty.
// Format of our .solv images; bump when the attributes we store change.
inline constexpr std::string_view solv_format_tag = "locidep-apt-7";

struct LoadedIndex {
  std::filesystem::path source;
  std::string checksum;  // SHA-256 of the index file as stored (compressed)
  int packages = 0;
  bool from_cache = false;
};

// "a (>= 1) | b, c:any" → "a c".
std::string first_names(std::string_view field);

// Adds TEXT (a Packages index or installed dpkg status stanzas) to REPO and
// attaches the extra fields. Returns the new solvables.
std::vector<solv::SolvableId> add_packages_text(solv::Pool& pool, solv::RepoView repo,
                                                std::string_view text);

// Loads one index file into a new repository of POOL named after the file.
//
// Cache: the image is stored as <dir>/<sha256 of the index>-<libsolv
// version>-<format tag>.solv, so it is content-addressed and never stale.
// Hashing a 19 MB list costs more than loading its image, so the checksum
// of a path is remembered (solv::remembered_digest, shared with the rpm
// backend) with the file's size, mtime (ns) and inode; when those still
// match, the remembered checksum is used without reading the file. Any change of the
// file changes its mtime, so the index is then re-hashed and, if its
// content changed, re-parsed. Images are written atomically; a cache that
// cannot be written is skipped silently (it is only a speed-up).
LoadedIndex load_index(solv::Pool& pool, const std::filesystem::path& index,
                       const CacheSettings& cache);

// Adds the installed stanzas of a base image (dpkg status) to REPO, through
// the same image cache, the image named by the sha256 of the stanzas: a warm
// run parses no status text (and needs no libsolvext). Returns how many
// packages were added. REPO may be made anew (same name) if an image is damaged.
int add_installed_packages(solv::Pool& pool, solv::RepoView& repo,
                           std::string_view installed_stanzas, const CacheSettings& cache);

}  // namespace locidep::apt
