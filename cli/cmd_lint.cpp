// locidep lint: problems in bindep files, checked against every distro of
// the catalogue (or the ones named) and their repositories.
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "cli/format_names.hpp"
#include "common/error.hpp"
#include "planner/backends.hpp"
#include "planner/lint.hpp"

namespace locidep::cli {

namespace {
struct LintOptions {
  std::vector<std::string> files;
  std::vector<std::string> distros;
  std::string format = "text";
  DataOptionValues data;
};
}  // namespace

void add_lint_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<LintOptions>();
  auto* command = app.add_subcommand(
      "lint",
      "Find problems in bindep files: parse errors, packages no repository has, selectors that "
      "match "
      "nothing, OR written where AND was meant, duplicates, unused profiles; exit 1 on findings");
  command->add_option("FILE", options->files, "bindep files")->required();
  command->add_option("--distro", options->distros,
                      "Check against this distro, or 'all' (default: all)");
  add_format_option(*command, options->format, planner::lint_formats);
  // No base image: lint asks the repositories for names, never solves.
  add_data_options(*command, options->data, DataOptionSelection::names_only());
  command->callback([options, &context] {
    const auto catalog = profiles::Catalog::load_default();
    const auto services = profiles::ServiceCatalog::load(catalog.directory());
    std::vector<planner::DistroNames> distros;
    const bool all = options->distros.empty() ||
                     std::find(options->distros.begin(), options->distros.end(), "all") !=
                         options->distros.end();
    const bool own_repositories = !options->data.repositories.empty();
    if (own_repositories && (all || options->distros.size() != 1)) {
      throw Error(ExitCode::bad_input,
                  "--repo names one distro's repositories; give exactly one --distro");
    }
    const auto add = [&](const profiles::Distro& distro) {
      planner::DistroNames entry{&distro, std::nullopt};
      if (own_repositories) {
        // The user's repositories: their names, or the error that they
        // cannot be read (not a warning: they were asked for).
        entry.names =
            planner::open_backend(distro, options->data.data_options(distro))->available_names();
      } else if (!distro.names.empty()) {
        // The catalogue's list of every name of the full distro.
        entry.names = planner::read_names_file(distro.names);
      } else if (distro.has_bundled_data()) {
        try {
          entry.names =
              planner::open_backend(distro, options->data.data_options(distro))->available_names();
        } catch (const Error& error) {
          std::cerr << "locidep: warning: " << distro.id << ": names not checked: " << error.what()
                    << '\n';
        }
      }
      distros.push_back(std::move(entry));
    };
    if (all) {
      for (const auto& distro : catalog.distros()) add(distro);
    } else {
      for (const auto& id : options->distros) add(catalog.find(id));
    }
    const auto findings = planner::lint_files({options->files.begin(), options->files.end()},
                                              catalog, services, distros);
    const auto format = format_named(planner::lint_formats, options->format);
    std::cout << planner::render_findings(findings, format) << std::flush;
    context.exit_code = findings.empty() ? 0 : 1;
  });
}

}  // namespace locidep::cli
