#include "planner/steps.hpp"

#include <algorithm>

#include "common/error.hpp"

namespace locidep::planner {

std::string Command::text() const {
  std::string line = head;
  for (const auto& item : items) line += " " + item;
  return line;
}

namespace {

// apt: the whole closure is pinned (so apt cannot pick other versions), and
// what was only pulled in is marked automatic again, so that the cleanup's
// --auto-remove can take it when nothing needs it any more. Upgrades of base
// packages keep the mark the base image gave them.
std::vector<Command> apt_install(const ServicePlan& service) {
  Command install{"apt-get install -y --no-install-recommends", {}};
  Command mark_auto{"apt-mark auto", {}};
  for (const auto& item : service.install) {
    install.items.push_back(item.name + "=" + item.version);
    if (!item.direct && item.previous_version.empty()) mark_auto.items.push_back(item.name);
  }
  std::vector<Command> commands{{"apt-get update", {}}, install};
  if (!mark_auto.items.empty()) commands.push_back(mark_auto);
  commands.push_back({"rm -rf /var/lib/apt/lists/*", {}});
  return commands;
}

// zypper and dnf keep their own "installed on request" marks: the requested
// packages are pinned, the rest follows from the same metadata (the lock
// file records every version).
std::vector<Command> rpm_install(const std::string& backend, const ServicePlan& service) {
  const bool zypper = backend == "zypper";
  Command install{zypper ? "zypper --non-interactive install --no-recommends"
                         : "dnf install -y --setopt=install_weak_deps=False",
                  {}};
  for (const auto& item : service.install) {
    if (!item.direct) continue;
    install.items.push_back(zypper ? item.name + "=" + item.version
                                   : item.name + "-" + item.version);
  }
  std::vector<Command> commands;
  // A stream's packages are invisible to dnf until the stream is enabled.
  if (!zypper && !service.enabled_modules.empty())
    commands.push_back({"dnf module enable -y", service.enabled_modules});
  commands.push_back(install);
  commands.push_back({zypper ? "zypper clean -a" : "dnf clean all", {}});
  return commands;
}

std::vector<Command> cleanup(const std::string& backend, const ServicePlan& service) {
  if (backend == "apt") {
    return {{"apt-get purge -y --auto-remove", service.purge_request},
            {"apt-get clean", {}},
            {"rm -rf /var/lib/apt/lists/*", {}}};
  }
  if (backend == "zypper") {
    return {{"zypper --non-interactive remove --clean-deps", service.purge_request},
            {"zypper clean -a", {}}};
  }
  return {{"dnf remove -y", service.purge_request}, {"dnf clean all", {}}};
}

}  // namespace

std::vector<Step> plan_steps(const std::string& backend, const ServicePlan& service) {
  if (backend != "apt" && backend != "zypper" && backend != "dnf") {
    throw Error(ExitCode::bad_input, "no install steps for backend '" + backend + "'");
  }
  std::vector<Step> steps;
  if (!service.install.empty()) {
    steps.push_back(
        {"install", backend == "apt" ? apt_install(service) : rpm_install(backend, service)});
  }
  if (!service.pip.empty()) {
    steps.push_back({"pip",
                     {{std::string("python3 -m venv ") + venv_directory, {}},
                      {std::string(venv_directory) +
                           "/bin/pip install --no-cache-dir --only-binary :all: --no-compile",
                       service.pip}}});
  }
  if (!service.purge_request.empty()) steps.push_back({"cleanup", cleanup(backend, service)});
  return steps;
}

}  // namespace locidep::planner
