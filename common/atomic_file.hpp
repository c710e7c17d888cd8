// Output files are written whole or not at all: to a temporary file beside
// the target (common/temp_file.hpp), flushed, then renamed over it.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string_view>

namespace locidep {

// Throws Error(environment) naming the path when it cannot be written; no
// temporary file is left behind then.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);
// The same with the contents in PIECES, written one after the other (a
// header and a large payload need not be joined in memory first).
void write_file_atomically(const std::filesystem::path& path,
                           std::initializer_list<std::string_view> pieces);

}  // namespace locidep
