// The subcommands of the locidep executable. Each lives in its own file
// (cli/cmd_<name>.cpp) and registers itself on the root CLI11 app; its
// callback runs the command and stores the exit code in the context.
// Errors are thrown as locidep::Error and reported once, by main().
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace locidep::cli {

struct CommandContext {
  int exit_code = 0;
};

void add_list_command(CLI::App& app, CommandContext& context);
void add_check_command(CLI::App& app, CommandContext& context);
void add_bindep_command(CLI::App& app, CommandContext& context);
void add_distros_command(CLI::App& app, CommandContext& context);
void add_resolve_command(CLI::App& app, CommandContext& context);
void add_plan_command(CLI::App& app, CommandContext& context);
void add_diff_command(CLI::App& app, CommandContext& context);
void add_why_command(CLI::App& app, CommandContext& context);
void add_lint_command(CLI::App& app, CommandContext& context);

}  // namespace locidep::cli

namespace locidep::cli {

// bindep's own command line (argparse-compatible), for `locidep bindep …`
// and for the executable invoked as `bindep`. Returns bindep's exit code.
int run_bindep_command_line(const std::vector<std::string>& arguments);

}  // namespace locidep::cli
