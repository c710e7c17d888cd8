// What locidep knows of each package-manager family, as one row per
// profiles::Backend: how its base image is named, how its installed set is
// read and compared, how a plan is carried out with it, and how its solver is
// opened. Code asks the row instead of comparing backend names.
//
// Adding a family: its reader and solver in backends/<family>/, its name and
// package family in profiles/backend.cpp, its row and factory here (a backend
// missing from either switch does not compile).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "backends/installed/installed_database.hpp"
#include "backends/solver_backend.hpp"
#include "planner/backends.hpp"
#include "profiles/profiles.hpp"

namespace locidep::planner {

// What a solver is built on once every repository source is local.
struct LocalData {
  std::vector<std::filesystem::path> repositories;  // local files, in the order given
  bool bundled = false;  // the catalogue's own data: its bundled base image applies
};

// The shell commands that carry a plan out (steps.cpp puts them together).
struct StepCommands {
  std::string_view refresh;         // before installing; empty: not needed
  std::string_view enable_modules;  // + the streams; empty: the family has no module streams
  std::string_view install;         // + NAME<pin>VERSION, one item each
  std::string_view pin;
  // Empty: the family keeps its own "installed on request" marks, so only the
  // requested packages are pinned. Else the whole closure is pinned, and what
  // was only pulled in is marked automatic again with this command.
  std::string_view mark_automatic;
  std::vector<std::string_view> after_install;  // cache and index removal
  std::string_view remove;                      // + the purge request
  std::vector<std::string_view> after_remove;
};

struct BackendTraits {
  profiles::Backend backend;
  // The base image's installed list besides --base-root (which every family
  // takes): --base-status (a dpkg status file) or --base-packages (an rpm
  // package list).
  std::string_view base_list_option;
  // NAME=VALUE set for the build so that the tool never prompts; empty: none.
  std::string_view noninteractive_environment;
  StepCommands commands;
  // `check`'s database of what is installed in a root; its compare_versions
  // is the family's version comparison (libapt-pkg's or rpmvercmp).
  std::unique_ptr<backends::InstalledDatabase> (*open_installed_database)(
      const std::filesystem::path& root);
  // The solver behind plan, why, diff and lint (backend_factories.hpp).
  std::unique_ptr<backends::SolverBackend> (*open_solver)(const profiles::Distro& distro,
                                                          const DataOptions& options,
                                                          const LocalData& data);

  const char* name() const { return profiles::to_string(backend); }
  // Which naming rules apply (is_valid_package_name) and which installed
  // database format the family has.
  profiles::PackageFamily family() const { return profiles::family_of(backend); }
  bool has_module_streams() const { return !commands.enable_modules.empty(); }
};

const BackendTraits& traits_of(profiles::Backend backend);

// The first backend that installs FAMILY's packages; nullptr when none does
// (emerge, pacman, … have platforms but no backend).
const BackendTraits* traits_of_family(profiles::PackageFamily family);

}  // namespace locidep::planner
