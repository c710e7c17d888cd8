#include "common/temp_file.hpp"

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

[[noreturn]] void fail(const std::filesystem::path& target, const char* what) {
  throw Error(ExitCode::environment,
              fmt::format("{}: cannot {}: {}", target.string(), what, std::strerror(errno)));
}

}  // namespace

TempFile::TempFile(const std::filesystem::path& target) : target_(target) {
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
  // Built with append, not operator+: GCC 12 warns falsely (-Wrestrict) on
  // a chain of string concatenations at -O3.
  std::string name = ".";
  name.append(target.filename().string()).append(".XXXXXX");
  std::string pattern = (directory / name).string();
  fd_ = ::mkstemp(pattern.data());
  if (fd_ < 0) fail(target_, "create a temporary file for");
  path_ = pattern;
}

TempFile::~TempFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) std::remove(path_.c_str());
}

void TempFile::write(std::string_view bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(target_, "write");
    }
    written += static_cast<std::size_t>(n);
  }
}

void TempFile::commit() {
  if (::fchmod(fd_, 0644) != 0) fail(target_, "set permissions of");
  if (::fsync(fd_) != 0) fail(target_, "flush");
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail(target_, "close");
  if (::rename(path_.c_str(), target_.c_str()) != 0)
    fail(target_, "rename the temporary file onto");
  committed_ = true;
}

}  // namespace locidep
