// locidep list: bindep -b -l newline|csv, for any target platform.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "planner/bindep_compat.hpp"
#include "planner/selection.hpp"

namespace locidep::cli {

namespace {
struct ListOptions {
  std::string file;
  std::string distro;
  std::string root;
  std::string format = "newline";
  std::vector<std::string> profiles;
};
}  // namespace

void add_list_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ListOptions>();
  auto* command =
      app.add_subcommand("list",
                         "Print the packages a bindep file selects for the profiles on a platform "
                         "(what `bindep -b -l newline` prints there)");
  command->add_option("-f,--file", options->file,
                      "Rule file; '-' reads standard input (default: bindep.txt, else "
                      "other-requirements.txt)");
  auto* distro = command->add_option("--distro", options->distro,
                                     "Target distro from the catalogue (see `locidep distros`)");
  command
      ->add_option("--root", options->root,
                   "Image root whose etc/os-release names the platform (default: the host)")
      ->excludes(distro);
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"newline", "csv", "json"}));
  command->add_option("profiles", options->profiles,
                      "Profiles to select (none: bindep's `default`)");
  command->callback([options, &context] {
    const auto file = load_rule_file(options->file);
    const auto platform = target_platform(options->distro, options->root);
    const auto active =
        planner::active_rules(file, planner::ActiveProfiles(options->profiles, platform.atoms));
    for (const auto& warning : planner::package_name_warnings(active, file.path, platform.family)) {
      std::cerr << warning << '\n';
    }
    const auto format = options->format == "csv"    ? planner::ListFormat::csv
                        : options->format == "json" ? planner::ListFormat::json
                                                    : planner::ListFormat::newline;
    std::cout << planner::render_package_list(active, file.path, format) << std::flush;
    context.exit_code = 0;
  });
}

}  // namespace locidep::cli
