// libsolvext's functions, reached through dlopen on first use (see
// common/shared_library.hpp for why). Each has the name and signature of the
// real one; call them qualified (solv::ext::solv_xfopen): an unqualified call
// would name the real symbol, which locidep does not link, and fail to link.
// Callers: backends/solv, and the index reader of backends/apt (decompression).
#pragma once

#include <cstddef>
#include <cstdio>

extern "C" {
#include <solv/pool.h>
#include <solv/queue.h>
#include <solv/repo.h>
#include <solv/solver.h>
}

namespace locidep::solv::ext {

int repo_add_debpackages(::Repo* repo, FILE* file, int flags);
int repo_add_repomdxml(::Repo* repo, FILE* file, int flags);
int repo_add_rpmdb(::Repo* repo, ::Repo* reference, int flags);
int repo_add_rpmmd(::Repo* repo, FILE* file, const char* language, int flags);
FILE* solv_xfopen(const char* path, const char* mode);
FILE* solv_xfopen_fd(const char* path, int fd, const char* mode);
FILE* solv_fmemopen(const char* buffer, std::size_t size, const char* mode);
Id testcase_str2dep(::Pool* pool, const char* text);
char* testcase_solverresult(::Solver* solver, int flags);
int testcase_write(::Solver* solver, const char* dir, int result_flags, const char* testcase_name,
                   const char* result_name);
::Solver* testcase_read(::Pool* pool, FILE* file, const char* testcase, ::Queue* job, char** result,
                        int* result_flags);
char* testcase_resultdiff(const char* expected, const char* actual);

}  // namespace locidep::solv::ext
