// Reading Debian `Packages` indexes in any compression apt or a mirror uses,
// and finding them on disk.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace locidep::apt {

enum class Compression { none, gzip, xz, bzip2, zstd, lz4 };

// Detected from the first bytes, never from the file name: apt keeps its
// lists as `.lz4`, which libsolv's reader would silently take as plain text.
Compression detect_compression(std::string_view first_bytes);
const char* to_string(Compression compression);

// The decompressed text of an index. Throws Error(bad_input) naming the file
// when it cannot be read or decoded, is larger than max_index_text_bytes
// (common/bounded_input.hpp) or, compressed, holds a binary byte (checked as
// it decompresses, so a bomb of zeros fails at once).
std::string read_index_text(const std::filesystem::path& path);

// The same, checked as a Packages index (common/deb822_check.hpp): garbage
// or a truncated last stanza is Error(bad_input) at its line, never an empty
// or shorter index.
std::string read_packages_index(const std::filesystem::path& path);

// Decodes a whole LZ4 frame stream (several concatenated frames allowed).
// Throws Error(bad_input) with NAME on corrupt data, binary bytes or text
// past max_index_text_bytes.
std::string decode_lz4(std::string_view compressed, const std::string& name);

// The Packages indexes a --repo argument stands for:
// - a file: itself;
// - a folder: every regular file in it named `Packages`, `Packages.*`,
//   `*_Packages` or `*_Packages.*` (the last two are apt's lists folder),
//   sorted by name; `.diff` folders and partial downloads are skipped.
// Throws Error(bad_input) when the path does not exist or a folder holds none.
std::vector<std::filesystem::path> find_package_indexes(const std::filesystem::path& path);

}  // namespace locidep::apt
