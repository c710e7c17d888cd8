// A shared library opened on first use (dlopen) and kept until the process
// ends. Why: every library the executable links is mapped and relocated
// before main(), whether the command needs it or not. libsolvext (which
// brings librpm, sqlite, lua, gcrypt…), librpm and libapt-pkg serve only
// cold reads (rpm-md, Debian indexes), rpmdb and dpkg status reads and
// testcases; loading them on demand takes ~2.5 ms off every warm `resolve`
// and `plan` (bench/README.md, "start-up").
#pragma once

#include <bit>
#include <mutex>
#include <string>

namespace locidep {

class LazyLibrary {
 public:
  // SONAME as the dynamic loader looks it up ("libsolvext.so.1"), or a path.
  explicit LazyLibrary(std::string soname) : soname_(std::move(soname)) {}
  LazyLibrary(const LazyLibrary&) = delete;
  LazyLibrary& operator=(const LazyLibrary&) = delete;

  // The function NAME of the library, opened first if need be. Function is
  // the declared type of the real function (decltype(::solv_xfopen)), which
  // keeps the wrapper's signature checked by the compiler. Throws
  // Error(environment) naming the library and dlerror()'s reason.
  template <typename Function>
  Function* function(const char* name) const {
    return std::bit_cast<Function*>(address_of(name));
  }

  const std::string& soname() const { return soname_; }
  // Whether the library is in the process already (opened by us, or loaded
  // as another library's dependency). For tests and diagnostics.
  bool is_loaded() const;

 private:
  void* address_of(const char* name) const;

  std::string soname_;
  mutable std::once_flag opened_;
  mutable void* handle_ = nullptr;
  mutable std::string open_error_;
};

}  // namespace locidep
