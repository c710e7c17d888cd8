// locidep resolve: one solver question — the install set of PKG… on top of a
// base image and, with --purge, what the cleanup step removes afterwards;
// with apt's policy for apt distros, zypper's or dnf's for rpm ones.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backends/apt/base_image.hpp"
#include "backends/apt/resolver.hpp"
#include "backends/rpm/system.hpp"
#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "cli/resolve_answer.hpp"
#include "common/error.hpp"
#include "common/heap_tuning.hpp"
#include "planner/backends.hpp"
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

template <typename Problems>
void add_problems(const Problems& problems, ResolveAnswer& answer) {
  for (const auto& problem : problems)
    answer.problems.push_back({problem.subject, problem.message, problem.details});
}

// What apt's and the rpm backends' results have in common, as printed.
template <class Result>
ResolveAnswer answer_of(const Result& result) {
  ResolveAnswer answer;
  add_problems(result.problems, answer);
  for (const auto& entry : result.install) {
    answer.install.push_back({entry.name, entry.version, entry.arch, entry.previous_version});
  }
  for (const auto& entry : result.purge)
    answer.purge.push_back({entry.name, entry.version, entry.arch, {}});
  for (const auto& kept : result.kept) answer.kept.push_back({kept.name, kept.reason});
  return answer;
}

ResolveAnswer resolve_apt(const profiles::Distro& distro, const ResolveOptions& options) {
  const bool bundled = options.repos.empty();
  const std::string architecture = distro.architecture.empty() ? "amd64" : distro.architecture;
  apt::AptSystem system(architecture);
  const auto cache = apt::CacheSettings::resolve(cache_override(options));
  for (const auto& repo :
       bundled ? distro.repositories
               : std::vector<std::filesystem::path>(options.repos.begin(), options.repos.end())) {
    system.add_repository(repo, cache);
  }
  if (!options.base_status.empty()) {
    system.set_base(apt::read_base_status(options.base_status, std::nullopt, architecture), cache);
  } else if (!options.base_root.empty()) {
    system.set_base(apt::read_base_root(options.base_root, architecture), cache);
  } else if (bundled && !distro.base_status.empty()) {
    system.set_base(apt::read_base_status(distro.base_status, std::nullopt, architecture), cache);
  }
  apt::ResolveRequest request;
  request.packages = options.packages;
  request.recommends = options.recommends;
  request.purge = options.purge;
  const apt::ResolveResult result = system.resolve(request);
  return answer_of(result);
}

ResolveAnswer resolve_rpm(const profiles::Distro& distro, const ResolveOptions& options) {
  const rpm::Tool tool =
      distro.backend == profiles::Backend::zypper ? rpm::Tool::zypper : rpm::Tool::dnf;
  const bool bundled = options.repos.empty();
  rpm::RpmSystem system(tool, distro.architecture.empty() ? "x86_64" : distro.architecture);
  const auto cache = rpm::CacheSettings::resolve(cache_override(options));
  for (const auto& repo :
       bundled ? distro.repositories
               : std::vector<std::filesystem::path>(options.repos.begin(), options.repos.end())) {
    system.add_repository(repo, cache);
  }
  if (!options.base_root.empty()) {
    system.set_base_root(options.base_root);
  } else if (!options.base_packages.empty()) {
    system.set_base_packages(std::filesystem::path(options.base_packages));
  } else if (bundled && !distro.base_packages.empty()) {
    system.set_base_packages(distro.base_packages);
  }
  rpm::ResolveRequest request;
  request.install = options.packages;
  request.recommends = options.recommends;
  request.purge = options.purge;
  request.enabled_modules = parse_module_streams(options.enabled_modules);
  request.dependency_links = false;
  const rpm::ResolveResult result = system.resolve(request);
  return answer_of(result);
}

void run_resolve(const ResolveOptions& options, CommandContext& context) {
  prefer_large_heap_pages();
  // A resolve is one quick question: the catalogue's parse is cached with
  // the repositories' .solv images.
  const auto catalog = profiles::Catalog::load_default(
      rpm::CacheSettings::resolve(cache_override(options)).directory);
  const profiles::Distro& distro = catalog.find(options.distro);
  // Without --repo: the catalogue's bundled data, base image included
  // unless a base option names another. The same checks as plan's.
  planner::DataOptions data;
  for (const auto& repo : options.repos) data.repositories.emplace_back(repo);
  if (!options.base_status.empty()) data.base_status = options.base_status;
  if (!options.base_packages.empty()) data.base_packages = options.base_packages;
  if (!options.base_root.empty()) data.base_root = options.base_root;
  data.enabled_modules = parse_module_streams(options.enabled_modules);
  planner::check_data_options(distro, data);
  const ResolveAnswer answer = distro.backend == profiles::Backend::apt
                                   ? resolve_apt(distro, options)
                                   : resolve_rpm(distro, options);
  if (!answer.problems.empty()) throw Error(ExitCode::bad_input, render_problems(answer));
  const bool with_purge = !options.purge.empty();
  std::cout << (options.format == "json" ? render_json(answer, with_purge)
                                         : render_text(answer, with_purge))
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
