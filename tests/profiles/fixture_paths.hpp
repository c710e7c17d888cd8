// Where the tests find their inputs.
#pragma once

#include <filesystem>

namespace locidep::profiles::testing {

inline std::filesystem::path fixtures_dir() {
  return std::filesystem::path(LOCIDEP_FIXTURES_DIR) / "profiles";
}
inline std::filesystem::path shared_dir() { return std::filesystem::path(LOCIDEP_SHARED_DIR); }
inline std::filesystem::path golden_dir() { return shared_dir() / "golden"; }

}  // namespace locidep::profiles::testing
