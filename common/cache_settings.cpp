#include "common/cache_settings.hpp"

#include <cstdlib>

namespace locidep {

namespace fs = std::filesystem;

CacheSettings CacheSettings::resolve(const std::optional<fs::path>& override_directory) {
  if (override_directory) return {*override_directory};
  if (const char* dir = std::getenv("LOCIDEP_CACHE_DIR"); dir && *dir) return {fs::path(dir)};
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir)
    return {fs::path(dir) / "locidep"};
  if (const char* home = std::getenv("HOME"); home && *home)
    return {fs::path(home) / ".cache" / "locidep"};
  return {};
}

}  // namespace locidep
