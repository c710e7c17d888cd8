// locidep check: bindep's default mode, on the host or an image root.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "planner/bindep_compat.hpp"
#include "planner/selection.hpp"

namespace locidep::cli {

namespace {
struct CheckOptions {
  std::string file;
  std::string root;
  bool brief = false;
  std::vector<std::string> profiles;
};
}  // namespace

void add_check_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<CheckOptions>();
  auto* command = app.add_subcommand(
      "check",
      "Report selected packages that are missing or at a wrong version on the host or in "
      "an image root (bindep's default mode)");
  command->add_option("-f,--file", options->file,
                      "Rule file; '-' reads standard input (default: bindep.txt, else "
                      "other-requirements.txt)");
  command->add_flag("-b,--brief", options->brief, "List only missing packages, one per line");
  command->add_option("--root", options->root, "Image root to inspect (default: the host)");
  command->add_option("profiles", options->profiles,
                      "Profiles to select (none: bindep's `default`)");
  command->callback([options, &context] {
    const auto file = load_rule_file(options->file);
    const std::filesystem::path root = options->root.empty() ? "/" : options->root;
    const auto platform = planner::platform_of_root(root);
    const auto active =
        planner::active_rules(file, planner::ActiveProfiles(options->profiles, platform.atoms));
    const auto database = planner::open_installed_database(platform, root);
    const auto result = planner::check_rules(active, *database);
    std::cout << planner::render_check_report(result, options->brief) << std::flush;
    context.exit_code = result.ok() ? 0 : 1;
  });
}

}  // namespace locidep::cli
