// Choosing and opening the solver backend of a distro: its repositories and
// base image come from the user (--repo, --base-status, --base-root) or from
// the catalogue's bundled data. Repository sources are made local
// (backends/sources) before the backend is built: backends read paths only.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "backends/solver_backend.hpp"
#include "profiles/profiles.hpp"

namespace locidep::planner {

struct DataOptions {
  std::vector<std::filesystem::path> repositories;   // --repo; empty: bundled data
  std::optional<std::filesystem::path> base_status;  // --base-status (apt)
  std::optional<std::filesystem::path>
      base_packages;  // --base-packages (zypper, dnf: NAME-[E:]V-R.ARCH a line)
  std::optional<std::filesystem::path> base_root;        // --base-root (an unpacked image)
  std::optional<std::filesystem::path> cache_directory;  // --cache-dir
  // Cache entries are rebuilt and rewritten, never read (CacheSettings::refresh).
  bool cache_refresh = false;
  std::map<std::string, std::string> enabled_modules;  // --enable-module NAME:STREAM (dnf)
};

// Throws Error(bad_input) when the distro has no bundled data and the user
// named none (naming the options to use), when a base option belongs to the
// other family (--base-status: apt; --base-packages: zypper/dnf), and when
// modules are enabled for a distro whose package manager has none (only dnf
// has). open_backend checks them first; `resolve` uses it on its own.
void check_data_options(const profiles::Distro& distro, const DataOptions& options);
// With a cache, a solve that fails is tried once more from the sources,
// every cache entry rebuilt (and rewritten), before its problem is reported.
std::unique_ptr<backends::SolverBackend> open_backend(const profiles::Distro& distro,
                                                      const DataOptions& options);

}  // namespace locidep::planner
