// locidep-dpkg.so: dpkg status files through libapt-pkg's deb822 parser
// (pkgTagFile) and apt's version comparison (debVS). Interface and why it is
// a module: dpkg_status_module.hpp.
#include "backends/installed/dpkg_status_module.hpp"

#include <apt-pkg/debversion.h>
#include <apt-pkg/error.h>
#include <apt-pkg/fileutl.h>
#include <apt-pkg/tagfile.h>

#include <cstring>
#include <string>

namespace {

// libapt-pkg reports failures on its global error stack; empty it into one
// message so a later, unrelated apt call does not find our leftovers.
std::string take_apt_errors() {
  std::string joined;
  std::string message;
  while (!_error->empty(GlobalError::DEBUG)) {
    _error->PopMessage(message);
    if (!joined.empty()) joined += "; ";
    joined += message;
  }
  return joined;
}

int fail(const std::string& reason, char* error, std::size_t error_size) {
  if (error && error_size > 0) {
    const std::string text = reason.empty() ? "libapt-pkg gave no reason" : reason;
    const std::size_t length = std::min(text.size(), error_size - 1);
    std::memcpy(error, text.data(), length);
    error[length] = '\0';
  }
  return 1;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int locidep_dpkg_read_status(
    const char* path, locidep_dpkg_record_callback record, void* context, char* error,
    std::size_t error_size) {
  try {
    take_apt_errors();  // start from a clean error stack
    FileFd file;
    if (!file.Open(path, FileFd::ReadOnly)) return fail(take_apt_errors(), error, error_size);
    pkgTagFile tags(&file);
    pkgTagSection section;
    while (tags.Step(section)) {
      const std::string package = section.FindS("Package");
      if (package.empty()) continue;
      record(context, package.c_str(), section.FindS("Architecture").c_str(),
             section.FindS("Version").c_str(), section.FindS("Status").c_str());
    }
    if (_error->PendingError()) return fail(take_apt_errors(), error, error_size);
    take_apt_errors();  // warnings only
    return 0;
  } catch (const std::exception& failure) {
    // Nothing may unwind into the executable: it shares no C++ runtime state with us.
    return fail(failure.what(), error, error_size);
  } catch (...) {
    return fail("unexpected failure in libapt-pkg", error, error_size);
  }
}

extern "C" __attribute__((visibility("default"))) int locidep_dpkg_compare_versions(
    const char* left, const char* right) {
  return debVS.CmpVersion(left, right);
}
