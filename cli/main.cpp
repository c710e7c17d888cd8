// The locidep executable: subcommands only; the work happens in planner/,
// backends/, parser/ and profiles/.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "common/error.hpp"

#ifndef LOCIDEP_VERSION
#define LOCIDEP_VERSION "unknown"
#endif

namespace {

int run_locidep(int argc, char** argv) {
  using namespace locidep::cli;
  CLI::App app{"locidep: plan the distro packages of container image builds from bindep files",
               "locidep"};
  app.set_version_flag("--version", std::string("locidep ") + LOCIDEP_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  CommandContext context;
  add_list_command(app, context);
  add_check_command(app, context);
  add_bindep_command(app, context);
  add_distros_command(app, context);
  add_resolve_command(app, context);
  add_plan_command(app, context);
  add_diff_command(app, context);
  add_why_command(app, context);
  add_lint_command(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    // The contract has one code for bad input: 2 (help and version are 0).
    return code == 0 ? 0 : static_cast<int>(locidep::ExitCode::bad_input);
  }
  return context.exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string program = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "";
    if (program == "bindep") {
      return locidep::cli::run_bindep_command_line({argv + 1, argv + argc});
    }
    if (argc > 1 && std::string(argv[1]) == "bindep") {
      return locidep::cli::run_bindep_command_line({argv + 2, argv + argc});
    }
    return run_locidep(argc, argv);
  } catch (const locidep::Error& error) {
    std::cout.flush();
    std::cerr << error.render();
    return static_cast<int>(error.exit_code());
  } catch (const std::exception& error) {
    std::cout.flush();
    std::cerr << "locidep: internal error: " << error.what() << '\n';
    return static_cast<int>(locidep::ExitCode::environment);
  }
}
