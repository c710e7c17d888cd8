// Reading user-supplied text files safely: a clear error (never a crash or
// garbage output) for files that are missing, huge, binary or not UTF-8.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace locidep {

// Larger inputs are refused: no real bindep file comes near this, and a
// mistaken argument (an image, a log) must not be slurped into memory.
inline constexpr std::size_t max_text_file_bytes = 16 * 1024 * 1024;

// Reads the whole file. Throws Error(bad_input) naming the file when it cannot
// be read, is larger than max_text_file_bytes, holds a NUL byte, or is not
// valid UTF-8 (the error gives line and column of the first bad byte).
std::string read_text_file(const std::filesystem::path& path);

// The same checks on text already in memory (standard input); display_name is
// what errors call it ("<stdin>").
void check_text(std::string_view text, const std::string& display_name);

// Universal newlines, as Python's text mode reads files: "\r\n" and a lone
// "\r" become "\n".
std::string normalize_newlines(std::string_view text);

// Number of code points in a UTF-8 string (the text is known to be valid).
std::size_t utf8_length(std::string_view text);

}  // namespace locidep
