// Reading back a lock file written by `plan --format lock`, so that diff can
// compare it with another lock file or with a fresh plan.
#pragma once

#include <filesystem>

#include "planner/plan.hpp"

namespace locidep::planner {

// Whether PATH looks like one of our lock files (its first lines say so).
bool is_lock_file(const std::filesystem::path& path);

// Throws Error(bad_input) with file:line:col when it is not a lock file we
// can read.
Plan read_lock_file(const std::filesystem::path& path);

}  // namespace locidep::planner
