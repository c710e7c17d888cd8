// A temporary file beside a target, renamed onto it when complete and
// removed otherwise: a write that fails half-way (a full disk, a file size
// limit, an exception between two writes) leaves nothing behind, so a run
// that cannot write its cache does not fill the disk a little more each time.
#pragma once

#include <filesystem>
#include <string_view>

namespace locidep {

class TempFile {
 public:
  // Creates `.<target name>.XXXXXX` in TARGET's folder. Throws
  // Error(environment) naming TARGET when it cannot.
  explicit TempFile(const std::filesystem::path& target);
  // Removes the temporary file unless commit() succeeded.
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  // Appends BYTES. Throws Error(environment) naming the target.
  void write(std::string_view bytes);
  // Sets mode 0644, flushes to disk, closes and renames onto the target.
  // Throws Error(environment) naming the target; the temporary file is then
  // removed by the destructor.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace locidep
