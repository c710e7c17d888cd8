#include <fmt/format.h>

#include "common/error.hpp"
#include "planner/backend_factories.hpp"

namespace locidep::planner {

std::unique_ptr<SolverBackend> open_backend(const profiles::Distro& distro, const DataOptions& options) {
  if (options.repositories.empty() && !distro.has_bundled_data()) {
    throw Error(ExitCode::bad_input,
                fmt::format("distro '{}' has no bundled repository data; name its repositories with --repo PATH "
                            "(Packages indexes or rpm-md folders) and its base image with --base-status FILE, "
                            "--base-packages FILE or --base-root DIR",
                            distro.id));
  }
  switch (distro.backend) {
    case profiles::Backend::apt: return make_apt_backend(distro, options);
    case profiles::Backend::zypper:
    case profiles::Backend::dnf: return make_rpm_backend(distro, options);
  }
  throw Error(ExitCode::environment, fmt::format("unknown backend for distro '{}'", distro.id));
}

}  // namespace locidep::planner
