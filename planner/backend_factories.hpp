// One factory per package-manager family, named in its row of
// backend_traits.cpp. Private to planner/.
#pragma once

#include <memory>

#include "planner/backends.hpp"

namespace locidep::planner {

// apt: Debian and Ubuntu (apt_backend.cpp).
std::unique_ptr<SolverBackend> make_apt_backend(const profiles::Distro& distro,
                                                const DataOptions& options);
// zypper: openSUSE/SLES (rpm_backend.cpp).
std::unique_ptr<SolverBackend> make_zypper_backend(const profiles::Distro& distro,
                                                   const DataOptions& options);
// dnf: CentOS Stream/Rocky/Fedora (rpm_backend.cpp).
std::unique_ptr<SolverBackend> make_dnf_backend(const profiles::Distro& distro,
                                                const DataOptions& options);

}  // namespace locidep::planner
