// One factory per package-manager family; open_backend (backends.cpp)
// chooses among them. Private to planner/.
#pragma once

#include <memory>

#include "planner/backends.hpp"

namespace locidep::planner {

// apt: Debian and Ubuntu (apt_backend.cpp).
std::unique_ptr<SolverBackend> make_apt_backend(const profiles::Distro& distro,
                                                const DataOptions& options);
// zypper and dnf: openSUSE/SLES and CentOS Stream/Rocky/Fedora (rpm_backend.cpp).
std::unique_ptr<SolverBackend> make_rpm_backend(const profiles::Distro& distro,
                                                const DataOptions& options);

}  // namespace locidep::planner
