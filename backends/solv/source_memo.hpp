// What a cache remembers of a source file (an index's or a metadata file's
// checksum, the records of a repomd.xml), shared by the apt and rpm
// backends: <cache>/sources/<sha256 of the file's absolute path and
// PURPOSE>, a cache entry (common/cache_entry.hpp) built from the file as it
// was (its identity), holding the lines learnt from it. While the file still
// matches and the entry is whole, the memo stands in for reading the file
// again.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/cache_settings.hpp"

namespace locidep::solv {

class SourceMemo {
 public:
  // The file named by its size, mtime (ns) and inode: for large files, which
  // must not be read to be recognised. nullopt without a cache directory or
  // when FILE cannot be stat()ed.
  static std::optional<SourceMemo> by_stat(
      const std::filesystem::path& file, std::string_view purpose,
      const std::optional<std::filesystem::path>& cache_directory);
  // The file named by the sha256 of its content: for small files, so that a
  // rewrite within the file system's timestamp granularity is seen too.
  static std::optional<SourceMemo> by_content(
      const std::filesystem::path& file, std::string_view purpose,
      const std::optional<std::filesystem::path>& cache_directory);

  // The remembered lines, when the memo exists and still describes the file.
  std::optional<std::vector<std::string>> recall() const;
  // Written atomically. A memo that cannot be written is no error: the next
  // run reads the file again.
  void remember(const std::vector<std::string>& lines) const;

 private:
  SourceMemo(const std::filesystem::path& file, std::string_view purpose,
             const std::filesystem::path& cache_directory, const std::string& state);

  std::filesystem::path path_;
  std::string identity_;
};

// The hex digest of FILE with ALGORITHM ("sha256", …; "" when unknown),
// remembered by_stat in the cache when there is one: a warm run does not
// re-hash a 19 MB index. With CACHE.refresh the file is hashed again.
std::string remembered_digest(const std::filesystem::path& file, const std::string& algorithm,
                              const CacheSettings& cache);

}  // namespace locidep::solv
