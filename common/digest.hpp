// SHA-256 digests of bytes and files, as lowercase hex: input digests of
// plans and locks, cache keys, and (with `sync`) downloads checked against
// signed metadata.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace locidep {

std::string sha256_hex(std::string_view bytes);
// Reads the file in blocks. Throws Error(environment) when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace locidep
