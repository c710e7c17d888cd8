#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "common/error.hpp"

namespace locidep {
namespace {

// Owns a file descriptor.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::filesystem::path& path, const char* what) {
  throw Error(ExitCode::environment,
              fmt::format("{}: cannot {}: {}", path.string(), what, std::strerror(errno)));
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : ".";
  // Built with append, not operator+: GCC 12 warns falsely (-Wrestrict) on
  // a chain of string concatenations at -O3.
  std::string temp_file_name = ".";
  temp_file_name.append(path.filename().string()).append(".XXXXXX");
  std::string temp_name = (directory / temp_file_name).string();
  FileDescriptor fd(::mkstemp(temp_name.data()));
  if (fd.get() < 0) fail(path, "create a temporary file");
  const std::filesystem::path temp_path = temp_name;
  struct RemoveUnlessDone {
    const std::filesystem::path& temp;
    bool done = false;
    ~RemoveUnlessDone() {
      if (!done) std::remove(temp.c_str());
    }
  } cleanup{temp_path};

  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd.get(), contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, "write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd.get(), 0644) != 0) fail(path, "set permissions of");
  if (::fsync(fd.get()) != 0) fail(path, "flush");
  if (::close(fd.release()) != 0) fail(path, "close");
  if (::rename(temp_path.c_str(), path.c_str()) != 0) fail(path, "rename the temporary file onto");
  cleanup.done = true;
}

}  // namespace locidep
