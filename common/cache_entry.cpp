#include "common/cache_entry.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <sstream>

#include "common/atomic_file.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"

namespace locidep {

namespace {

constexpr std::string_view entry_magic = "locidep-cache-1";
// A header is a few hundred bytes; a longer first line is damage.
constexpr std::size_t longest_header = 1024;

struct FileCloser {
  void operator()(FILE* file) const noexcept {
    if (file) std::fclose(file);
  }
};

std::string header_of(std::string_view kind, std::string_view source, std::string_view payload) {
  return fmt::format("{} {} {} {} {}\n", entry_magic, kind, sha256_hex(source), sha256_hex(payload),
                     payload.size());
}

std::optional<std::string> read_whole(const std::filesystem::path& path) {
  const std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return std::nullopt;
  struct stat info {};
  if (::fstat(fileno(file.get()), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
  if (std::fread(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) return std::nullopt;
  return bytes;
}

}  // namespace

std::optional<std::string> read_cache_entry(const std::filesystem::path& path,
                                            std::string_view kind, std::string_view source) {
  std::optional<std::string> bytes = read_whole(path);
  if (!bytes) return std::nullopt;
  const std::size_t end = bytes->find('\n');
  // No newline (npos) is longer than any header too.
  if (end > longest_header) return std::nullopt;
  std::istringstream header(bytes->substr(0, end));
  std::string magic, entry_kind, source_digest, payload_digest;
  std::size_t size = 0;
  if (!(header >> magic >> entry_kind >> source_digest >> payload_digest >> size))
    return std::nullopt;
  if (magic != entry_magic || entry_kind != kind || source_digest != sha256_hex(source))
    return std::nullopt;
  bytes->erase(0, end + 1);
  if (bytes->size() != size || sha256_hex(*bytes) != payload_digest) return std::nullopt;
  return bytes;
}

void write_cache_entry(const std::filesystem::path& path, std::string_view kind,
                       std::string_view source, std::string_view payload) {
  if (kind.empty() || kind.find_first_of(" \t\r\n") != std::string_view::npos) {
    throw Error(ExitCode::environment,
                fmt::format("{}: cache entry kind '{}' is not one word", path.string(), kind));
  }
  if (path.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
  }
  write_file_atomically(path, {header_of(kind, source, payload), payload});
}

}  // namespace locidep
