// locidep plan: the install, pip and purge steps of every service image.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "cli/format_names.hpp"
#include "cli/inputs.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/heap_tuning.hpp"
#include "planner/backends.hpp"
#include "planner/planner.hpp"
#include "planner/render.hpp"
#include "profiles/services.hpp"

namespace locidep::cli {

namespace {

struct PlanCommandOptions {
  std::vector<std::string> services;
  std::vector<std::string> profiles;
  std::string distro;
  std::string format = "text";
  std::string output_directory;
  DataOptionValues data;
};

void run_plan(const PlanCommandOptions& options) {
  prefer_large_heap_pages();
  const auto distros = options.data.load_distros();
  const profiles::Distro& distro = distros.find(options.distro);
  const auto services = options.data.load_services(distros);
  const auto format = planner::plan_format_named(options.format);
  const auto backend = planner::open_backend(distro, options.data.data_options(distro));

  planner::PlanOptions plan_options = options.data.plan_options();
  plan_options.services = options.services;
  plan_options.extra_profiles = options.profiles;
  const planner::Plan plan = planner::make_plan(distro, services, *backend, plan_options);

  for (const auto& service : plan.services) {
    for (const auto& warning : service.warnings) {
      std::cerr << fmt::format("locidep: warning: {}: {}\n", service.service, warning);
    }
    for (const auto& missing : service.unavailable) {
      std::cerr << fmt::format("locidep: warning: {}: {} left out: {} (asked for by {})\n",
                               service.service, missing.name, missing.problem, missing.source);
    }
    for (const auto& kept : service.kept) {
      std::cerr << fmt::format("locidep: warning: {}: build package {} stays installed: {}\n",
                               service.service, kept.name, kept.reason);
    }
  }
  if (options.output_directory.empty()) {
    std::cout << planner::render_plan(plan, format, ::isatty(STDOUT_FILENO) == 1) << std::flush;
    return;
  }
  const std::filesystem::path directory = options.output_directory;
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    throw Error(ExitCode::environment,
                fmt::format("{}: cannot create the folder: {}", directory.string(), ec.message()));
  }
  for (const auto& service : plan.services) {
    const auto path = directory / planner::output_file_name(format, service.service);
    write_file_atomically(path, planner::render_service(plan, service, format));
    std::cout << path.string() << '\n';
  }
}

}  // namespace

void add_plan_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<PlanCommandOptions>();
  auto* command = app.add_subcommand(
      "plan",
      "Plan the distro packages of every service image: install set with exact versions, pip step, "
      "purge set, as Dockerfile/shell/JSON/lock/list");
  command->add_option("--distro", options->distro, "Target distro (see `locidep distros`)")
      ->required();
  command->add_option("--service", options->services,
                      "Plan only this service (repeatable; default: all)");
  command
      ->add_option("--profile", options->profiles,
                   "An extra profile for every service (repeatable)")
      ->check(profile_word_check());
  add_format_option(*command, options->format, planner::plan_formats);
  command->add_option(
      "-o,--output-dir", options->output_directory,
      "Write one file per service into this folder (atomically) instead of standard output");
  add_data_options(*command, options->data, DataOptionSelection::planning());
  command->callback([options, &context] {
    run_plan(*options);
    context.exit_code = 0;
  });
}

}  // namespace locidep::cli
