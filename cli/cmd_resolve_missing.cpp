// Placeholder registration while the apt backend's resolve command is not in
// the tree: the subcommand exists and says so.
#include "cli/commands.hpp"
#include "common/error.hpp"

namespace locidep::cli {

void add_resolve_command(CLI::App& app, CommandContext&) {
  app.add_subcommand("resolve", "Solve one install/purge question (not built in this tree)")
      ->allow_extras()
      ->callback([] { throw Error(ExitCode::environment, "resolve is not built into this locidep"); });
}

}  // namespace locidep::cli
