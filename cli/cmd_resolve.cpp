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
#include "cli/inputs.hpp"
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
  std::vector<std::string> repos;
  std::string base_status;
  std::string base_packages;
  std::string base_root;
  bool recommends = false;
  std::vector<std::string> purge;
  std::vector<std::string> enabled_modules;
  std::string format = "text";
  std::string cache_dir;
  std::vector<std::string> packages;
};

std::optional<std::filesystem::path> cache_override(const ResolveOptions& options) {
  if (options.cache_dir.empty()) return std::nullopt;
  return std::filesystem::path(options.cache_dir);
}

void run_resolve(const ResolveOptions& options, CommandContext& context) {
  prefer_large_heap_pages();
  // A resolve is one quick question: the catalogue's parse is cached with
  // the repositories' .solv images.
  const auto catalog =
      profiles::Catalog::load_default(CacheSettings::resolve(cache_override(options)).directory);
  const profiles::Distro& distro = catalog.find(options.distro);
  // Without --repo: the catalogue's bundled data, base image included
  // unless a base option names another; the same backend as plan's.
  planner::DataOptions data;
  for (const auto& repo : options.repos) data.repositories.emplace_back(repo);
  if (!options.base_status.empty()) data.base_status = options.base_status;
  if (!options.base_packages.empty()) data.base_packages = options.base_packages;
  if (!options.base_root.empty()) data.base_root = options.base_root;
  data.cache_directory = cache_override(options);
  data.enabled_modules = parse_module_streams(options.enabled_modules);
  const auto backend = planner::open_backend(distro, data);
  backends::SolveRequest request;
  request.install = options.packages;
  request.purge = options.purge;
  request.recommends = options.recommends;
  request.dependency_links = false;
  const backends::SolveAnswer answer = backend->solve(request);
  if (!answer.solved()) {
    throw Error(ExitCode::bad_input, planner::render_resolve_problems(answer));
  }
  const bool with_purge = !options.purge.empty();
  std::cout << (options.format == "json" ? planner::render_resolve_json(answer, with_purge)
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
  command
      ->add_option("--repo", options->repos,
                   "Repository metadata: a Packages index (plain, .gz, .xz, .lz4, .zst), a folder "
                   "of them, or "
                   "apt's lists folder; for zypper/dnf distros an rpm-md folder (holding "
                   "repodata/); repeatable")
      ->allow_extra_args(false)  // one value per occurrence: PKG… stay positional
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  auto* status = command->add_option("--base-status", options->base_status,
                                     "apt: the base image's dpkg status file");
  auto* packages = command->add_option(
      "--base-packages", options->base_packages,
      "zypper/dnf: the base image's package list (NAME-[EPOCH:]VERSION-RELEASE.ARCH "
      "a line, as `rpm -qa` prints it)");
  auto* root = command->add_option(
      "--base-root", options->base_root,
      "An unpacked base image (var/lib/dpkg/status and apt's extended_states, or an "
      "rpmdb)");
  status->excludes(root)->excludes(packages);
  packages->excludes(root)->excludes(status);
  root->excludes(status)->excludes(packages);
  command->add_flag(
      "--recommends", options->recommends,
      "Install Recommends too (apt without --no-install-recommends, zypper --recommends, dnf "
      "install_weak_deps=True)");
  command
      ->add_option("--purge", options->purge,
                   "Build-only packages purged after the build (comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false)  // one value per occurrence: PKG… stay positional
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      ->add_option(
          "--enable-module", options->enabled_modules,
          "dnf: enable this module stream (NAME:STREAM, repeatable), as `dnf module enable` would")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_option(
      "--cache-dir", options->cache_dir,
      "Where .solv caches go (default $LOCIDEP_CACHE_DIR, else $XDG_CACHE_HOME/locidep)");
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
