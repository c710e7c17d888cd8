// One factory per package-manager family; open_backend (backends.cpp)
// chooses among them. Private to planner/.
#pragma once

#include <memory>

#include "planner/backends.hpp"

namespace locidep::planner {

// What a backend is built on once every repository source is local.
struct LocalData {
  std::vector<std::filesystem::path> repositories;  // local files, in the order given
  bool bundled = false;  // the catalogue's own data: its bundled base image applies
};

// apt: Debian and Ubuntu (apt_backend.cpp).
std::unique_ptr<backends::SolverBackend> make_apt_backend(const profiles::Distro& distro,
                                                          const DataOptions& options,
                                                          const LocalData& data);
// zypper and dnf: openSUSE/SLES and CentOS Stream/Rocky/Fedora (rpm_backend.cpp).
std::unique_ptr<backends::SolverBackend> make_rpm_backend(const profiles::Distro& distro,
                                                          const DataOptions& options,
                                                          const LocalData& data);

}  // namespace locidep::planner
