// The zypper and dnf backends behind the planner (being built: issue [4/5]).
#include <fmt/format.h>

#include "common/error.hpp"
#include "planner/backend_factories.hpp"

namespace locidep::planner {

std::unique_ptr<SolverBackend> make_rpm_backend(const profiles::Distro& distro, const DataOptions&) {
  throw Error(ExitCode::environment,
              fmt::format("the {} backend is not built into this locidep yet", profiles::to_string(distro.backend)));
}

}  // namespace locidep::planner
