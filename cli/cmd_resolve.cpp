// locidep resolve: one solver question — the install set of PKG… on top of a
// base image and, with --purge, what the cleanup step removes afterwards;
// with apt's policy for apt distros, zypper's or dnf's for rpm ones.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "cli/format_names.hpp"
#include "common/cache_settings.hpp"
#include "common/error.hpp"
#include "common/heap_tuning.hpp"
#include "planner/backends.hpp"
#include "planner/resolve_render.hpp"
#include "profiles/profiles.hpp"

namespace locidep::cli {

namespace {

struct ResolveOptions {
  std::string distro;
  std::vector<std::string> purge;
  std::string format = "text";
  std::vector<std::string> packages;
  DataOptionValues data;
};

void run_resolve(const ResolveOptions& options, CommandContext& context) {
  prefer_large_heap_pages();
  // A resolve is one quick question: the catalogue's parse is cached with
  // the repositories' .solv images.
  std::optional<std::filesystem::path> cache_override;
  if (!options.data.cache_directory.empty()) cache_override = options.data.cache_directory;
  const auto catalog =
      profiles::Catalog::load_default(CacheSettings::resolve(cache_override).directory);
  const profiles::Distro& distro = catalog.find(options.distro);
  // Without --repo: the catalogue's bundled data, base image included
  // unless a base option names another; the same backend as plan's.
  const auto backend = planner::open_backend(distro, options.data.data_options(distro));
  backends::SolveRequest request;
  request.install = options.packages;
  request.purge = options.purge;
  request.recommends = options.data.recommends;
  request.dependency_links = false;
  const backends::SolveAnswer answer = backend->solve(request);
  if (!answer.solved()) {
    throw Error(ExitCode::bad_input, planner::render_resolve_problems(answer));
  }
  const bool with_purge = !options.purge.empty();
  const bool json = format_named(answer_formats, options.format) == AnswerFormat::json;
  std::cout << (json ? planner::render_resolve_json(answer, with_purge)
                     : planner::render_resolve_text(answer, with_purge))
            << std::flush;
  context.exit_code = 0;
}

}  // namespace

void add_resolve_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ResolveOptions>();
  auto* command = app.add_subcommand(
      "resolve",
      "The install set of PKG... on a base image, and with --purge what the cleanup removes");
  command
      ->add_option("--distro", options->distro,
                   "Target distro (id or alias from `locidep distros`)")
      ->required();
  add_data_options(*command, options->data, DataOptionSelection::solving());
  command
      ->add_option("--purge", options->purge,
                   "Build-only packages purged after the build (comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false)  // one value per occurrence: PKG… stay positional
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  add_format_option(*command, options->format, answer_formats);
  command
      ->add_option("packages", options->packages,
                   "Packages to install, as the package manager takes them (apt NAME or "
                   "NAME=VERSION; zypper "
                   "NAME, NAME=VERSION, a capability; dnf NAME, NAME-VERSION[-RELEASE], a provide "
                   "or a file)")
      ->required();
  command->callback([options, &context] { run_resolve(*options, context); });
}

}  // namespace locidep::cli
