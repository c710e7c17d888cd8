// locidep resolve: one solver question — the install set of PKG… on top of a
// base image and, with --purge, what the cleanup step removes afterwards.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backends/apt/base_image.hpp"
#include "backends/apt/resolver.hpp"
#include "cli/commands.hpp"
#include "common/error.hpp"
#include "profiles/profiles.hpp"

namespace locidep::cli {

namespace {

struct ResolveOptions {
  std::string distro;
  std::vector<std::string> repos;
  std::string base_status;
  std::string base_root;
  bool recommends = false;
  std::vector<std::string> purge;
  std::string format = "text";
  std::string cache_dir;
  std::vector<std::string> packages;
};

std::string render_text(const apt::ResolveResult& result, bool with_purge) {
  std::string text;
  std::size_t upgrades = 0;
  for (const auto& entry : result.install) upgrades += entry.previous_version.empty() ? 0 : 1;
  text += fmt::format("install: {} new, {} upgraded\n", result.install.size() - upgrades, upgrades);
  for (const auto& entry : result.install) {
    if (entry.previous_version.empty()) {
      text += fmt::format("  {} {} {}\n", entry.name, entry.version, entry.arch);
    } else {
      text += fmt::format("  {} {} {} (upgrade from {})\n", entry.name, entry.version, entry.arch,
                          entry.previous_version);
    }
  }
  if (with_purge) {
    text += fmt::format("purge: {}\n", result.purge.size());
    for (const auto& entry : result.purge) text += fmt::format("  {} {} {}\n", entry.name, entry.version, entry.arch);
    for (const auto& kept : result.kept) text += fmt::format("kept: {}: {}\n", kept.name, kept.reason);
  }
  return text;
}

std::string render_json(const apt::ResolveResult& result, bool with_purge) {
  auto install = nlohmann::ordered_json::array();
  for (const auto& entry : result.install) {
    install.push_back({{"name", entry.name}, {"version", entry.version}, {"arch", entry.arch}});
  }
  auto purge = nlohmann::ordered_json::array();
  for (const auto& entry : result.purge) {
    purge.push_back({{"name", entry.name}, {"version", entry.version}, {"arch", entry.arch}});
  }
  nlohmann::ordered_json document{{"install", install}, {"purge", purge}};
  if (with_purge) {
    auto kept = nlohmann::ordered_json::array();
    for (const auto& entry : result.kept) kept.push_back({{"name", entry.name}, {"reason", entry.reason}});
    document["kept"] = kept;
  }
  return document.dump(2) + "\n";
}

// The refusal as one message: each problem, then its details indented.
std::string render_problems(const apt::ResolveResult& result) {
  std::string text = "the request cannot be satisfied:";
  for (const auto& problem : result.problems) {
    text += fmt::format("\n  {}: {}", problem.subject, problem.message);
    for (const auto& detail : problem.details) text += fmt::format("\n    {}", detail);
  }
  return text;
}

void run_resolve(const ResolveOptions& options, CommandContext& context) {
  const auto catalog = profiles::Catalog::load_default();
  const profiles::Distro& distro = catalog.find(options.distro);
  if (distro.backend != profiles::Backend::apt) {
    throw Error(ExitCode::bad_input,
                fmt::format("resolve supports apt distros only for now; {} uses {}", distro.id,
                            profiles::to_string(distro.backend)));
  }
  // Without --repo: the catalogue's bundled data, base image included
  // unless a base option names another.
  const bool bundled = options.repos.empty();
  if (bundled && !distro.has_bundled_data()) {
    throw Error(ExitCode::bad_input,
                fmt::format("distro {} has no bundled repository data; pass its Packages indexes with --repo PATH",
                            distro.id));
  }
  const std::string architecture = distro.architecture.empty() ? "amd64" : distro.architecture;
  apt::AptSystem system(architecture);
  const auto cache = apt::CacheSettings::resolve(
      options.cache_dir.empty() ? std::nullopt : std::optional<std::filesystem::path>(options.cache_dir));
  if (bundled) {
    for (const auto& repo : distro.repositories) system.add_repository(repo, cache);
  } else {
    for (const auto& repo : options.repos) system.add_repository(repo, cache);
  }
  if (!options.base_status.empty()) {
    system.set_base(apt::read_base_status(options.base_status, std::nullopt, architecture));
  } else if (!options.base_root.empty()) {
    system.set_base(apt::read_base_root(options.base_root, architecture));
  } else if (bundled && !distro.base_status.empty()) {
    system.set_base(apt::read_base_status(distro.base_status, std::nullopt, architecture));
  }
  apt::ResolveRequest request;
  request.packages = options.packages;
  request.recommends = options.recommends;
  request.purge = options.purge;
  const apt::ResolveResult result = system.resolve(request);
  if (!result.solved()) throw Error(ExitCode::bad_input, render_problems(result));
  const bool with_purge = !options.purge.empty();
  std::cout << (options.format == "json" ? render_json(result, with_purge) : render_text(result, with_purge))
            << std::flush;
  context.exit_code = 0;
}

}  // namespace

void add_resolve_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ResolveOptions>();
  auto* command = app.add_subcommand(
      "resolve", "The install set of PKG... on a base image, and with --purge what the cleanup removes");
  command->add_option("--distro", options->distro, "Target distro (id or alias from `locidep distros`)")->required();
  command->add_option("--repo", options->repos,
                      "Repository metadata: a Packages index (plain, .gz, .xz, .lz4, .zst), a folder of them, or "
                      "apt's lists folder; repeatable")
      ->allow_extra_args(false)  // one value per occurrence: PKG… stay positional
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  auto* status = command->add_option("--base-status", options->base_status, "The base image's dpkg status file");
  auto* root = command->add_option("--base-root", options->base_root,
                                   "An unpacked base image (var/lib/dpkg/status, var/lib/apt/extended_states)");
  status->excludes(root);
  root->excludes(status);
  command->add_flag("--recommends", options->recommends, "Install Recommends too (apt's default without "
                                                         "--no-install-recommends)");
  command->add_option("--purge", options->purge, "Build-only packages purged after the build (comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false)  // one value per occurrence: PKG… stay positional
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  command->add_option("--cache-dir", options->cache_dir,
                      "Where .solv caches go (default $LOCIDEP_CACHE_DIR, else $XDG_CACHE_HOME/locidep)");
  command->add_option("packages", options->packages, "Packages to install: NAME or NAME=VERSION")->required();
  command->callback([options, &context] { run_resolve(*options, context); });
}

}  // namespace locidep::cli
