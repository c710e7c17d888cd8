// Where locidep keeps what it can rebuild (.solv images, parsed catalogues,
// module caches): one setting for every backend and for the catalogue.
#pragma once

#include <filesystem>
#include <optional>

namespace locidep {

struct CacheSettings {
  std::optional<std::filesystem::path> directory;  // no caching when empty
  // Entries are rebuilt from their sources and rewritten, never read: the
  // second try of a solve that failed on cached data (planner/backends.cpp).
  bool refresh = false;
  // OVERRIDE (--cache-dir), else $LOCIDEP_CACHE_DIR, else
  // $XDG_CACHE_HOME/locidep, else $HOME/.cache/locidep.
  static CacheSettings resolve(const std::optional<std::filesystem::path>& override_directory);
};

}  // namespace locidep
