// locidep diff: what changed between two inputs (bindep files, LOCI
// checkouts, lock files; mixed sides work), per service and distro.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "common/error.hpp"
#include "planner/backends.hpp"
#include "planner/diff.hpp"
#include "planner/lock_reader.hpp"
#include "planner/planner.hpp"
#include "profiles/services.hpp"

namespace locidep::cli {

namespace {

struct DiffOptions {
  std::string old_side;
  std::string new_side;
  std::vector<std::string> distros;
  std::string to_distro;
  std::vector<std::string> services;
  std::vector<std::string> profiles;
  std::string format = "text";
  std::string cache_directory;
};

// The plan of one side on one distro.
planner::Plan plan_side(const std::string& side, const profiles::Catalog& distros, const std::string& distro_id,
                        const DiffOptions& options) {
  const std::filesystem::path path = side;
  if (!std::filesystem::exists(path)) throw Error(ExitCode::bad_input, fmt::format("{}: no such file or folder", side));
  if (std::filesystem::is_regular_file(path) && planner::is_lock_file(path)) {
    planner::Plan plan = planner::read_lock_file(path);
    if (!options.services.empty()) {
      std::erase_if(plan.services, [&](const planner::ServicePlan& service) {
        return std::find(options.services.begin(), options.services.end(), service.service) == options.services.end();
      });
    }
    return plan;
  }
  const profiles::Distro& distro = distros.find(distro_id);
  auto catalog = profiles::ServiceCatalog::load(distros.directory());
  if (std::filesystem::is_directory(path)) {
    use_loci_directory(catalog, path);
  } else {
    catalog.set_bindep_files({path});
  }
  planner::DataOptions data;
  if (!options.cache_directory.empty()) data.cache_directory = options.cache_directory;
  const auto backend = planner::open_backend(distro, data);
  planner::PlanOptions plan_options;
  plan_options.services = options.services;
  plan_options.extra_profiles = options.profiles;
  plan_options.skip_unavailable = true;
  return planner::make_plan(distro, catalog, *backend, plan_options);
}

}  // namespace

void add_diff_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<DiffOptions>();
  auto* command = app.add_subcommand(
      "diff", "What changed between two inputs (bindep files, LOCI checkouts, lock files), per service and distro; "
              "exit 1 when something differs");
  command->add_option("OLD", options->old_side, "bindep file, LOCI checkout folder, or lock file")->required();
  command->add_option("NEW", options->new_side, "bindep file, LOCI checkout folder, or lock file")->required();
  command->add_option("--distro", options->distros, "Distro to plan on (repeatable; default: debian-bookworm)");
  command->add_option("--to-distro", options->to_distro, "Plan NEW on this distro instead (compare across releases)");
  command->add_option("--service", options->services, "Only this service (repeatable; default: all)");
  command->add_option("--profile", options->profiles, "An extra profile for every service (repeatable)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "markdown", "json"}));
  command->add_option("--cache-dir", options->cache_directory, "Where .solv caches go (default: XDG cache)");
  command->callback([options, &context] {
    const auto distros = profiles::Catalog::load_default();
    std::vector<std::string> distro_ids = options->distros;
    if (distro_ids.empty()) distro_ids.push_back("debian-bookworm");
    if (!options->to_distro.empty() && distro_ids.size() != 1) {
      throw Error(ExitCode::bad_input, "--to-distro compares one --distro with another; give exactly one --distro");
    }
    std::vector<planner::ServiceDiff> diffs;
    for (const auto& distro_id : distro_ids) {
      const auto old_plan = plan_side(options->old_side, distros, distro_id, *options);
      const auto new_plan =
          plan_side(options->new_side, distros, options->to_distro.empty() ? distro_id : options->to_distro, *options);
      for (auto& diff : planner::diff_plans(old_plan, new_plan)) diffs.push_back(std::move(diff));
    }
    const auto format = options->format == "json"       ? planner::DiffFormat::json
                        : options->format == "markdown" ? planner::DiffFormat::markdown
                                                        : planner::DiffFormat::text;
    std::cout << planner::render_diff(diffs, format) << std::flush;
    context.exit_code = diffs.empty() ? 0 : 1;
  });
}

}  // namespace locidep::cli
