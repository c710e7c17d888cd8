// The shell steps that carry a plan out, per package manager: install (with
// pinned versions), the pip step, and the cleanup (purge + cache removal).
// One description feeds the Dockerfile, the shell script and the JSON.
#pragma once

#include <string>
#include <vector>

#include "planner/plan.hpp"

namespace locidep::planner {

// One shell command: a fixed head ("apt-get install -y …") and items (package
// arguments) that the renderers print one per line, in the given order.
struct Command {
  std::string head;
  std::vector<std::string> items;
  std::string text() const;  // all on one line
};

// One Dockerfile RUN (its commands joined with &&) or one block of the
// shell script.
struct Step {
  std::string purpose;  // "install", "pip", "cleanup"
  std::vector<Command> commands;
};

// Where the service's virtualenv lives (LOCI's).
inline constexpr const char* venv_directory = "/var/lib/openstack";

// With BACKEND's commands (backend_traits.hpp). Names and versions were
// checked when the plan was made; nothing here quotes, because nothing needs
// quoting.
std::vector<Step> plan_steps(profiles::Backend backend, const ServicePlan& service);

}  // namespace locidep::planner
