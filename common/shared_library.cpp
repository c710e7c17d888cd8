#include "common/shared_library.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include "common/error.hpp"

namespace locidep {

bool LazyLibrary::is_loaded() const {
  // RTLD_NOLOAD: a handle only if the library is mapped already.
  void* handle = dlopen(soname_.c_str(), RTLD_LAZY | RTLD_NOLOAD);
  if (!handle) return false;
  dlclose(handle);
  return true;
}

void* LazyLibrary::address_of(const char* name) const {
  std::call_once(opened_, [this] {
    // Never closed: libsolv keeps pointers into these libraries (the FILE
    // cookies of solv_xfopen, librpm's log callback) for as long as it runs.
    handle_ = dlopen(soname_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
      const char* reason = dlerror();
      open_error_ = reason ? reason : "unknown reason";
    }
  });
  if (!handle_) {
    throw Error(ExitCode::environment, fmt::format("cannot load {}: {}", soname_, open_error_));
  }
  dlerror();
  void* address = dlsym(handle_, name);
  if (!address) {
    const char* reason = dlerror();
    throw Error(ExitCode::environment, fmt::format("{} has no function {}: {}", soname_, name,
                                                   reason ? reason : "not found"));
  }
  return address;
}

}  // namespace locidep
