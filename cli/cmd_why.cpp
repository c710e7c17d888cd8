// locidep why: the chain from a bindep rule to a package of a service plan.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "planner/backends.hpp"
#include "planner/planner.hpp"
#include "planner/why.hpp"
#include "profiles/services.hpp"

namespace locidep::cli {

namespace {
struct WhyOptions {
  std::string package;
  std::string service;
  std::string distro;
  std::vector<std::string> profiles;
  DataOptionValues data;
};
}  // namespace

void add_why_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<WhyOptions>();
  auto* command = app.add_subcommand("why",
                                     "Explain why a package is in a service plan: the rule and "
                                     "each dependency that leads to it; for a "
                                     "purged package why it can go");
  command->add_option("PKG", options->package, "The package to explain")->required();
  command->add_option("--service", options->service, "The service image")->required();
  command->add_option("--distro", options->distro, "The target distro")->required();
  command->add_option("--profile", options->profiles, "An extra profile, as for plan (repeatable)")
      ->check(profile_word_check());
  // The plan explained is the one `plan` makes from the same options.
  add_data_options(*command, options->data, DataOptionSelection::planning());
  command->callback([options, &context] {
    const auto distros = options->data.load_distros();
    const auto& distro = distros.find(options->distro);
    const auto catalog = options->data.load_services(distros);
    const auto backend = planner::open_backend(distro, options->data.data_options(distro));
    planner::PlanOptions plan_options = options->data.plan_options();
    plan_options.services = {options->service};
    plan_options.extra_profiles = options->profiles;
    const auto plan = planner::make_plan(distro, catalog, *backend, plan_options);
    std::cout << planner::explain(plan, plan.services.front(), options->package) << std::flush;
    context.exit_code = 0;
  });
}

}  // namespace locidep::cli
