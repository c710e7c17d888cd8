// Printing plans: Dockerfile, POSIX shell, JSON, YAML lock file, plain list,
// and the human summary.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "planner/plan.hpp"

namespace locidep::planner {

enum class PlanFormat { text, dockerfile, shell, json, lock, list };

// The one list of plan formats: the name --format takes, and with -o DIR the
// name of one service's file (FILE_PREFIX SERVICE FILE_SUFFIX: "Dockerfile.nova",
// "nova.sh", …). The command line's allowed values are these names, in this order.
struct PlanFormatEntry {
  std::string_view name;
  PlanFormat format;
  std::string_view file_prefix;
  std::string_view file_suffix;
};
inline constexpr std::array<PlanFormatEntry, 6> plan_formats{{
    {"text", PlanFormat::text, "", ".plan.txt"},
    {"dockerfile", PlanFormat::dockerfile, "Dockerfile.", ""},
    {"shell", PlanFormat::shell, "", ".sh"},
    {"json", PlanFormat::json, "", ".json"},
    {"lock", PlanFormat::lock, "", ".lock.yaml"},
    {"list", PlanFormat::list, "", ".txt"},
}};

// Throws Error(bad_input) for an unknown name.
PlanFormat plan_format_named(const std::string& name);
// File name for one service's output with -o DIR.
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
