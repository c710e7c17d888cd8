// Printing plans: Dockerfile, POSIX shell, JSON, YAML lock file, plain list,
// and the human summary.
#pragma once

#include <string>

#include "planner/plan.hpp"

namespace locidep::planner {

enum class PlanFormat { text, dockerfile, shell, json, lock, list };
// Throws Error(bad_input) for an unknown name.
PlanFormat plan_format_named(const std::string& name);
// File name for one service's output with -o DIR ("Dockerfile.nova", "nova.sh", …).
std::string output_file_name(PlanFormat format, const std::string& service);

// One service.
std::string render_dockerfile(const Plan& plan, const ServicePlan& service);
std::string render_shell(const Plan& plan, const ServicePlan& service);
std::string render_list(const ServicePlan& service);

// The whole plan (the services it holds).
std::string render_json(const Plan& plan);
// Same inputs, same bytes: no times, no host names, stable order.
std::string render_lock(const Plan& plan);
// A summary line per service (N to install, M to purge, size), then the
// packages; `color` adds terminal emphasis.
std::string render_text(const Plan& plan, bool color);

// FORMAT for every service of PLAN, as one text for standard output.
std::string render_plan(const Plan& plan, PlanFormat format, bool color);
// FORMAT for one service, as the content of its own file.
std::string render_service(const Plan& plan, const ServicePlan& service, PlanFormat format);

}  // namespace locidep::planner
