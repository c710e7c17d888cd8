// locidep plan: the install, pip and purge steps of every service image.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
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
  std::string loci_directory;
  std::vector<std::string> rule_files;
  std::string catalog_directory;
  std::string constraints;
  std::vector<std::string> repositories;
  std::string base_status;
  std::string base_packages;
  std::string base_root;
  std::string cache_directory;
  std::vector<std::string> enabled_modules;
  bool recommends = false;
  bool skip_unavailable = false;
};

void run_plan(const PlanCommandOptions& options) {
  prefer_large_heap_pages();
  const bool own_catalog = !options.catalog_directory.empty();
  const auto distros =
      own_catalog && std::filesystem::exists(std::filesystem::path(options.catalog_directory) /
                                             "distros.yaml")
          ? profiles::Catalog::load(options.catalog_directory)
          : profiles::Catalog::load_default();
  const profiles::Distro& distro = distros.find(options.distro);
  auto services = profiles::ServiceCatalog::load(
      own_catalog ? std::filesystem::path(options.catalog_directory) : distros.directory());
  if (!options.loci_directory.empty()) use_loci_directory(services, options.loci_directory);
  if (!options.rule_files.empty()) {
    use_rule_files(services, {options.rule_files.begin(), options.rule_files.end()});
  }
  const auto format = planner::plan_format_named(options.format);

  planner::DataOptions data;
  for (const auto& repository : options.repositories) data.repositories.emplace_back(repository);
  if (!options.base_status.empty()) data.base_status = options.base_status;
  if (!options.base_packages.empty()) data.base_packages = options.base_packages;
  if (!options.base_root.empty()) data.base_root = options.base_root;
  if (!options.cache_directory.empty()) data.cache_directory = options.cache_directory;
  data.enabled_modules = parse_module_streams(options.enabled_modules);
  const auto backend = planner::open_backend(distro, data);

  planner::PlanOptions plan_options;
  plan_options.services = options.services;
  plan_options.extra_profiles = options.profiles;
  plan_options.recommends = options.recommends;
  plan_options.skip_unavailable = options.skip_unavailable;
  if (!options.constraints.empty()) plan_options.constraints = options.constraints;
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
  command->add_option("--profile", options->profiles,
                      "An extra profile for every service (repeatable)");
  add_format_option(*command, options->format, planner::plan_formats);
  command->add_option(
      "-o,--output-dir", options->output_directory,
      "Write one file per service into this folder (atomically) instead of standard output");
  command->add_option(
      "--loci-dir", options->loci_directory,
      "Use a LOCI checkout's bindep* and pydep* files instead of the bundled rules");
  command->add_option("-f,--file", options->rule_files,
                      "Use this bindep file instead of the bundled rules (repeatable)");
  command->add_option("--catalog", options->catalog_directory,
                      "Folder with services.yaml (and optionally distros.yaml) to use instead of "
                      "the bundled catalogue");
  command->add_option("--constraints", options->constraints,
                      "pip upper-constraints.txt: pins for the pip step");
  command->add_option(
      "--repo", options->repositories,
      "Repository metadata (Packages indexes, folders, rpm-md folders); default: the bundled data");
  auto* base_status = command->add_option("--base-status", options->base_status,
                                          "The base image's dpkg status file");
  auto* base_packages = command->add_option(
      "--base-packages", options->base_packages,
      "The base image's rpm package list (NAME-[EPOCH:]VERSION-RELEASE.ARCH a line)");
  command
      ->add_option("--base-root", options->base_root,
                   "An unpacked base image (dpkg status or rpmdb inside)")
      ->excludes(base_status)
      ->excludes(base_packages);
  command->add_option("--cache-dir", options->cache_directory,
                      "Where .solv caches go (default: XDG cache)");
  command->add_flag("--recommends", options->recommends,
                    "Install Recommends, as the package manager would");
  command->add_option(
      "--enable-module", options->enabled_modules,
      "dnf: enable this module stream (NAME:STREAM, repeatable), as `dnf module enable` would");
  command->add_flag(
      "--skip-unavailable", options->skip_unavailable,
      "Plan on when a requested package is in no repository: leave it out and report it "
      "(default: an error naming the rule)");
  command->callback([options, &context] {
    run_plan(*options);
    context.exit_code = 0;
  });
}

}  // namespace locidep::cli
