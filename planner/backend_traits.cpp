#include "planner/backend_traits.hpp"

#include <fmt/format.h>

#include "common/error.hpp"
#include "planner/backend_factories.hpp"

namespace locidep::planner {

namespace {

const BackendTraits apt_row{
    .backend = profiles::Backend::apt,
    .base_list_option = "--base-status",
    .noninteractive_environment = "DEBIAN_FRONTEND=noninteractive",
    // apt pins the whole closure (so that it cannot pick other versions) and
    // marks what was only pulled in automatic again, so that the cleanup's
    // --auto-remove can take it when nothing needs it any more.
    .commands = {.refresh = "apt-get update",
                 .enable_modules = {},
                 .install = "apt-get install -y --no-install-recommends",
                 .pin = "=",
                 .mark_automatic = "apt-mark auto",
                 .after_install = {"rm -rf /var/lib/apt/lists/*"},
                 .remove = "apt-get purge -y --auto-remove",
                 .after_remove = {"apt-get clean", "rm -rf /var/lib/apt/lists/*"}},
    .open_installed_database = backends::open_dpkg_database,
    .open_solver = make_apt_backend,
};

const BackendTraits zypper_row{
    .backend = profiles::Backend::zypper,
    .base_list_option = "--base-packages",
    .noninteractive_environment = {},
    .commands = {.refresh = {},
                 .enable_modules = {},
                 .install = "zypper --non-interactive install --no-recommends",
                 .pin = "=",
                 .mark_automatic = {},
                 .after_install = {"zypper clean -a"},
                 .remove = "zypper --non-interactive remove --clean-deps",
                 .after_remove = {"zypper clean -a"}},
    .open_installed_database = backends::open_rpm_database,
    .open_solver = make_zypper_backend,
};

const BackendTraits dnf_row{
    .backend = profiles::Backend::dnf,
    .base_list_option = "--base-packages",
    .noninteractive_environment = {},
    .commands = {.refresh = {},
                 // A stream's packages are invisible to dnf until the stream is enabled.
                 .enable_modules = "dnf module enable -y",
                 .install = "dnf install -y --setopt=install_weak_deps=False",
                 .pin = "-",
                 .mark_automatic = {},
                 .after_install = {"dnf clean all"},
                 .remove = "dnf remove -y",
                 .after_remove = {"dnf clean all"}},
    .open_installed_database = backends::open_rpm_database,
    .open_solver = make_dnf_backend,
};

}  // namespace

const BackendTraits& traits_of(profiles::Backend backend) {
  // No default: a backend without its row does not compile (-Wswitch).
  switch (backend) {
    case profiles::Backend::apt: return apt_row;
    case profiles::Backend::zypper: return zypper_row;
    case profiles::Backend::dnf: return dnf_row;
  }
  throw Error(ExitCode::environment,
              fmt::format("no traits for backend value {}", static_cast<int>(backend)));
}

const BackendTraits* traits_of_family(profiles::PackageFamily family) {
  for (const auto backend : profiles::all_backends()) {
    if (profiles::family_of(backend) == family) return &traits_of(backend);
  }
  return nullptr;
}

}  // namespace locidep::planner
