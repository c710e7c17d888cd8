// Output files are written whole or not at all: to a temporary file beside
// the target, flushed, then renamed over it.
#pragma once

#include <filesystem>
#include <string_view>

namespace locidep {

// Throws Error(environment) naming the path when it cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace locidep
