#include "backends/solv/solvext.hpp"

extern "C" {
#include <solv/repo_deb.h>
#include <solv/repo_repomdxml.h>
#include <solv/repo_rpmdb.h>
#include <solv/repo_rpmmd.h>
#include <solv/solv_xfopen.h>
#include <solv/testcase.h>
}

#include "common/shared_library.hpp"

namespace locidep::solv::ext {

namespace {

// LOCIDEP_SOLVEXT_SONAME: the SONAME of the libsolvext found at configure
// time (CMakeLists.txt), so the library loaded is the one the headers describe.
const LazyLibrary& library() {
  static const LazyLibrary solvext(LOCIDEP_SOLVEXT_SONAME);
  return solvext;
}

}  // namespace

// Each wrapper looks its function up once (a static per wrapper); the
// decltype of the real declaration keeps the types checked.

int repo_add_debpackages(::Repo* repo, FILE* file, int flags) {
  static auto* const real =
      library().function<decltype(::repo_add_debpackages)>("repo_add_debpackages");
  return real(repo, file, flags);
}

int repo_add_repomdxml(::Repo* repo, FILE* file, int flags) {
  static auto* const real =
      library().function<decltype(::repo_add_repomdxml)>("repo_add_repomdxml");
  return real(repo, file, flags);
}

int repo_add_rpmdb(::Repo* repo, ::Repo* reference, int flags) {
  static auto* const real = library().function<decltype(::repo_add_rpmdb)>("repo_add_rpmdb");
  return real(repo, reference, flags);
}

int repo_add_rpmmd(::Repo* repo, FILE* file, const char* language, int flags) {
  static auto* const real = library().function<decltype(::repo_add_rpmmd)>("repo_add_rpmmd");
  return real(repo, file, language, flags);
}

FILE* solv_xfopen(const char* path, const char* mode) {
  static auto* const real = library().function<decltype(::solv_xfopen)>("solv_xfopen");
  return real(path, mode);
}

FILE* solv_xfopen_fd(const char* path, int fd, const char* mode) {
  static auto* const real = library().function<decltype(::solv_xfopen_fd)>("solv_xfopen_fd");
  return real(path, fd, mode);
}

FILE* solv_fmemopen(const char* buffer, std::size_t size, const char* mode) {
  static auto* const real = library().function<decltype(::solv_fmemopen)>("solv_fmemopen");
  return real(buffer, size, mode);
}

Id testcase_str2dep(::Pool* pool, const char* text) {
  static auto* const real = library().function<decltype(::testcase_str2dep)>("testcase_str2dep");
  return real(pool, text);
}

char* testcase_solverresult(::Solver* solver, int flags) {
  static auto* const real =
      library().function<decltype(::testcase_solverresult)>("testcase_solverresult");
  return real(solver, flags);
}

int testcase_write(::Solver* solver, const char* dir, int result_flags, const char* testcase_name,
                   const char* result_name) {
  static auto* const real = library().function<decltype(::testcase_write)>("testcase_write");
  return real(solver, dir, result_flags, testcase_name, result_name);
}

::Solver* testcase_read(::Pool* pool, FILE* file, const char* testcase, ::Queue* job, char** result,
                        int* result_flags) {
  static auto* const real = library().function<decltype(::testcase_read)>("testcase_read");
  return real(pool, file, testcase, job, result, result_flags);
}

char* testcase_resultdiff(const char* expected, const char* actual) {
  static auto* const real =
      library().function<decltype(::testcase_resultdiff)>("testcase_resultdiff");
  return real(expected, actual);
}

}  // namespace locidep::solv::ext
