#include <fmt/format.h>

#include "backends/sources/repository_source.hpp"
#include "common/error.hpp"
#include "planner/backend_factories.hpp"

namespace locidep::planner {

void check_data_options(const profiles::Distro& distro, const DataOptions& options) {
  if (options.repositories.empty() && !distro.has_bundled_data()) {
    throw Error(
        ExitCode::bad_input,
        fmt::format(
            "distro '{}' has no bundled repository data; name its repositories with --repo PATH "
            "(Packages indexes or rpm-md folders) and its base image with --base-status FILE, "
            "--base-packages FILE or --base-root DIR",
            distro.id));
  }
  const bool apt = distro.backend == profiles::Backend::apt;
  if (apt && options.base_packages) {
    throw Error(
        ExitCode::bad_input,
        fmt::format(
            "--base-packages is an rpm package list; for {} (apt) use --base-status FILE or "
            "--base-root DIR",
            distro.id));
  }
  if (!apt && options.base_status) {
    throw Error(
        ExitCode::bad_input,
        fmt::format("--base-status is a dpkg status file; for {} ({}) use --base-packages FILE or "
                    "--base-root DIR",
                    distro.id, profiles::to_string(distro.backend)));
  }
  if (!options.enabled_modules.empty() && distro.backend != profiles::Backend::dnf) {
    throw Error(
        ExitCode::bad_input,
        fmt::format("--enable-module is for dnf distros; {} uses {}, which has no module streams",
                    distro.id, profiles::to_string(distro.backend)));
  }
}

namespace {

// --repo's paths, else the catalogue's bundled data, resolved to local files.
LocalData local_data(const profiles::Distro& distro, const DataOptions& options) {
  LocalData data;
  data.bundled = options.repositories.empty();
  std::vector<sources::RepositorySource> repository_sources;
  for (const auto& path : data.bundled ? distro.repositories : options.repositories) {
    repository_sources.push_back(sources::RepositorySource::local(path));
  }
  data.repositories = sources::paths_of(sources::resolve_sources(repository_sources));
  return data;
}

}  // namespace

std::unique_ptr<backends::SolverBackend> open_backend(const profiles::Distro& distro,
                                                      const DataOptions& options) {
  check_data_options(distro, options);
  const LocalData data = local_data(distro, options);
  switch (distro.backend) {
    case profiles::Backend::apt: return make_apt_backend(distro, options, data);
    case profiles::Backend::zypper:
    case profiles::Backend::dnf: return make_rpm_backend(distro, options, data);
  }
  throw Error(ExitCode::environment, fmt::format("unknown backend for distro '{}'", distro.id));
}

}  // namespace locidep::planner
