// One factory per package-manager family, named in its row of
// backend_traits.cpp. Private to planner/.
#pragma once

#include <memory>

#include "planner/backend_traits.hpp"
#include "planner/backends.hpp"

namespace locidep::planner {

// apt: Debian and Ubuntu (apt_backend.cpp).
std::unique_ptr<backends::SolverBackend> make_apt_backend(const profiles::Distro& distro,
                                                          const DataOptions& options,
                                                          const LocalData& data);
// zypper: openSUSE/SLES (rpm_backend.cpp).
std::unique_ptr<backends::SolverBackend> make_zypper_backend(const profiles::Distro& distro,
                                                             const DataOptions& options,
                                                             const LocalData& data);
// dnf: CentOS Stream/Rocky/Fedora (rpm_backend.cpp).
std::unique_ptr<backends::SolverBackend> make_dnf_backend(const profiles::Distro& distro,
                                                          const DataOptions& options,
                                                          const LocalData& data);

}  // namespace locidep::planner
