// locidep diff: what changed between two inputs (bindep files, LOCI
// checkouts, lock files; mixed sides work), per service and distro.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "cli/format_names.hpp"
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
  // OLD's data (and NEW's, unless --to-distro or --to-* are given), with
  // --cache-dir for both sides; NEW's own as --to-*.
  DataOptionValues old_data;
  DataOptionValues new_data;
};

bool is_lock_side(const std::string& side) {
  const std::filesystem::path path = side;
  if (!std::filesystem::exists(path))
    throw Error(ExitCode::bad_input, fmt::format("{}: no such file or folder", side));
  return std::filesystem::is_regular_file(path) && planner::is_lock_file(path);
}

// The plan of one side on one distro (a lock file holds its own).
planner::Plan plan_side(const std::string& side, const profiles::Catalog& distros,
                        const profiles::Distro& distro, const planner::DataOptions& data,
                        const DiffOptions& options) {
  const std::filesystem::path path = side;
  if (is_lock_side(side)) {
    planner::Plan plan = planner::read_lock_file(path);
    if (!options.services.empty()) {
      std::erase_if(plan.services, [&](const planner::ServicePlan& service) {
        return std::find(options.services.begin(), options.services.end(), service.service) ==
               options.services.end();
      });
    }
    return plan;
  }
  auto catalog = profiles::ServiceCatalog::load(distros.directory());
  if (std::filesystem::is_directory(path)) {
    use_loci_directory(catalog, path);
  } else {
    use_rule_files(catalog, {path});
    const auto& planned = catalog.services();
    const bool project = planned.size() == 1 && planned.front().bindep_profiles;
    if (project && !options.services.empty()) {
      throw Error(
          ExitCode::bad_input,
          fmt::format(
              "{}: uses none of the catalogue's services or profiles, so it is planned as the one "
              "pseudo-service '{}' with bindep's profiles (--profile); --service does not apply",
              side, profiles::project_service_name));
    }
  }
  const auto backend = planner::open_backend(distro, data);
  planner::PlanOptions plan_options;
  plan_options.services = options.services;
  plan_options.extra_profiles = options.profiles;
  plan_options.skip_unavailable = true;
  return planner::make_plan(distro, catalog, *backend, plan_options);
}

// True when something differs.
bool run_diff(const DiffOptions& options) {
  const auto distros = profiles::Catalog::load_default();
  std::vector<std::string> distro_ids = options.distros;
  if (distro_ids.empty()) distro_ids.push_back("debian-bookworm");
  if (!options.to_distro.empty() && distro_ids.size() != 1) {
    throw Error(ExitCode::bad_input,
                "--to-distro compares one --distro with another; give exactly one --distro");
  }
  if ((options.old_data.names_repository_data() || options.new_data.names_repository_data()) &&
      distro_ids.size() != 1) {
    throw Error(
        ExitCode::bad_input,
        "--repo, --base-* and --to-* describe one distro's data; give exactly one --distro");
  }
  // NEW is planned on OLD's data unless it has its own or moves to another
  // distro, whose data OLD's cannot be.
  const DataOptionValues& new_side_data =
      options.new_data.names_repository_data() || !options.to_distro.empty() ? options.new_data
                                                                             : options.old_data;
  std::vector<planner::ServiceDiff> diffs;
  for (const auto& distro_id : distro_ids) {
    const profiles::Distro& old_distro = distros.find(distro_id);
    const profiles::Distro& new_distro =
        distros.find(options.to_distro.empty() ? distro_id : options.to_distro);
    // Both sides' data are checked before either is planned; a lock file
    // needs none.
    const auto old_data = is_lock_side(options.old_side)
                              ? planner::DataOptions{}
                              : options.old_data.data_options(old_distro);
    auto new_data = is_lock_side(options.new_side) ? planner::DataOptions{}
                                                   : new_side_data.data_options(new_distro);
    // --cache-dir is one for both sides.
    if (!options.old_data.cache_directory.empty())
      new_data.cache_directory = options.old_data.cache_directory;
    const auto old_plan = plan_side(options.old_side, distros, old_distro, old_data, options);
    const auto new_plan = plan_side(options.new_side, distros, new_distro, new_data, options);
    for (auto& diff : planner::diff_plans(old_plan, new_plan)) diffs.push_back(std::move(diff));
  }
  std::cout << planner::render_diff(diffs, format_named(planner::diff_formats, options.format))
            << std::flush;
  return !diffs.empty();
}

}  // namespace

void add_diff_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<DiffOptions>();
  auto* command = app.add_subcommand("diff",
                                     "What changed between two inputs (bindep files, LOCI "
                                     "checkouts, lock files), per service and distro; "
                                     "exit 1 when something differs");
  command->add_option("OLD", options->old_side, "bindep file, LOCI checkout folder, or lock file")
      ->required();
  command->add_option("NEW", options->new_side, "bindep file, LOCI checkout folder, or lock file")
      ->required();
  command->add_option("--distro", options->distros,
                      "Distro to plan on (repeatable; default: debian-bookworm)");
  command->add_option("--to-distro", options->to_distro,
                      "Plan NEW on this distro instead (compare across releases)");
  command->add_option("--service", options->services,
                      "Only this service (repeatable; default: all)");
  command
      ->add_option("--profile", options->profiles,
                   "An extra profile for every service (repeatable)")
      ->check(profile_word_check());
  add_format_option(*command, options->format, planner::diff_formats);
  auto old_side = DataOptionSelection::comparison_side(
      "", "OLD (and NEW, unless --to-distro or --to-* are given)");
  old_side.cache_directory = true;  // one cache for both sides
  add_data_options(*command, options->old_data, old_side);
  add_data_options(*command, options->new_data, DataOptionSelection::comparison_side("to-", "NEW"));
  command->callback([options, &context] { context.exit_code = run_diff(*options) ? 1 : 0; });
}

}  // namespace locidep::cli
