// The C interface of locidep-dpkg.so, the module that reads dpkg status
// files with libapt-pkg. It is a module of its own, opened by
// dpkg_database.cpp when `check` meets a dpkg root, so that libapt-pkg (and
// libsystemd, libudev, libgcrypt… behind it) is not loaded by every locidep
// command (common/shared_library.hpp says why). Plain C types only: the
// module and the executable share no C++ objects, exceptions or allocators.
#pragma once

#include <cstddef>

extern "C" {

// One stanza of the status file; the strings live until the call returns.
using locidep_dpkg_record_callback = void (*)(void* context, const char* package,
                                              const char* architecture, const char* version,
                                              const char* status);

// Calls RECORD for each stanza of the status file at PATH that names a
// Package. 0 on success; otherwise non-zero, with libapt-pkg's messages in
// ERROR (at most ERROR_SIZE bytes, NUL-terminated).
int locidep_dpkg_read_status(const char* path, locidep_dpkg_record_callback record, void* context,
                             char* error, std::size_t error_size);

// <0, 0, >0: apt's own comparison of two Debian versions (debVS).
int locidep_dpkg_compare_versions(const char* left, const char* right);
}
