#include "backends/solv/source_memo.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <sstream>

#include "backends/solv/pool.hpp"
#include "backends/solv/rpm_readers.hpp"
#include "common/cache_entry.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"

namespace locidep::solv {

namespace fs = std::filesystem;

SourceMemo::SourceMemo(const fs::path& file, std::string_view purpose,
                       const fs::path& cache_directory, const std::string& state) {
  std::error_code error;
  const fs::path absolute = fs::absolute(file, error);
  path_ =
      cache_directory / "sources" / sha256_hex(fmt::format("{}\n{}", absolute.string(), purpose));
  identity_ = fmt::format("{} {} {}", state, purpose, absolute.string());
}

std::optional<SourceMemo> SourceMemo::by_stat(const fs::path& file, std::string_view purpose,
                                              const std::optional<fs::path>& cache_directory) {
  struct stat info {};
  if (!cache_directory || ::stat(file.c_str(), &info) != 0) return std::nullopt;
  return SourceMemo(
      file, purpose, *cache_directory,
      fmt::format("{} {} {}", static_cast<long long>(info.st_size),
                  static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec,
                  static_cast<unsigned long long>(info.st_ino)));
}

std::optional<SourceMemo> SourceMemo::by_content(const fs::path& file, std::string_view purpose,
                                                 const std::optional<fs::path>& cache_directory) {
  if (!cache_directory) return std::nullopt;
  const std::string digest = file_digest(file, "sha256");
  if (digest.empty()) return std::nullopt;
  return SourceMemo(file, purpose, *cache_directory, "sha256:" + digest);
}

namespace {
constexpr std::string_view memo_kind = "source-memo-1";
}  // namespace

std::optional<std::vector<std::string>> SourceMemo::recall() const {
  const std::optional<std::string> payload = read_cache_entry(path_, memo_kind, identity_);
  if (!payload) return std::nullopt;
  std::istringstream in(*payload);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

void SourceMemo::remember(const std::vector<std::string>& lines) const {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  try {
    write_cache_entry(path_, memo_kind, identity_, text);
  } catch (const Error&) {
    // A memo only saves reading the file again.
  }
}

std::string remembered_digest(const fs::path& file, const std::string& algorithm,
                              const CacheSettings& cache) {
  const std::optional<SourceMemo> memo = SourceMemo::by_stat(file, algorithm, cache.directory);
  if (memo && !cache.refresh) {
    if (const auto lines = memo->recall(); lines && lines->size() == 1 && !lines->front().empty()) {
      return lines->front();
    }
  }
  const std::string digest = file_digest(file, algorithm);
  if (memo && !digest.empty()) memo->remember({digest});
  return digest;
}

}  // namespace locidep::solv
