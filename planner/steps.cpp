#include "planner/steps.hpp"

#include <string_view>
#include <utility>

#include "common/shell_quote.hpp"
#include "planner/backend_traits.hpp"

namespace locidep::planner {

std::string Command::text() const {
  std::string line = head;
  for (const auto& item : items) line += " " + item;
  return line;
}

namespace {

Command command(std::string_view head, std::vector<std::string> items = {}) {
  return {std::string(head), std::move(items)};
}

// WORDS as arguments: every word reaches a shell, quoted (shell_quote.hpp).
std::vector<std::string> shell_words(const std::vector<std::string>& words, std::string_view what) {
  std::vector<std::string> quoted;
  quoted.reserve(words.size());
  for (const auto& word : words) quoted.push_back(shell_word(word, what));
  return quoted;
}

// Families that keep their own "installed on request" marks get only the
// requested packages pinned; the rest follows from the same metadata (the
// lock file records every version). The others are in backend_traits.hpp.
std::vector<Command> install_commands(const StepCommands& commands, const ServicePlan& service) {
  const bool pins_closure = !commands.mark_automatic.empty();
  Command install = command(commands.install);
  Command mark_automatic = command(commands.mark_automatic);
  for (const auto& item : service.install) {
    if (!item.direct && !pins_closure) continue;
    install.items.push_back(
        shell_word(item.name + std::string(commands.pin) + item.version, "package"));
    // Upgrades of base packages keep the mark the base image gave them.
    if (!item.direct && item.previous_version.empty())
      mark_automatic.items.push_back(shell_word(item.name, "package"));
  }
  std::vector<Command> steps;
  if (!commands.refresh.empty()) steps.push_back(command(commands.refresh));
  if (!commands.enable_modules.empty() && !service.enabled_modules.empty())
    steps.push_back(
        command(commands.enable_modules, shell_words(service.enabled_modules, "module stream")));
  steps.push_back(install);
  if (!mark_automatic.items.empty()) steps.push_back(mark_automatic);
  for (const auto head : commands.after_install) steps.push_back(command(head));
  return steps;
}

std::vector<Command> cleanup_commands(const StepCommands& commands, const ServicePlan& service) {
  std::vector<Command> steps{
      command(commands.remove, shell_words(service.purge_request, "package"))};
  for (const auto head : commands.after_remove) steps.push_back(command(head));
  return steps;
}

}  // namespace

std::vector<Step> plan_steps(profiles::Backend backend, const ServicePlan& service) {
  const StepCommands& commands = traits_of(backend).commands;
  std::vector<Step> steps;
  if (!service.install.empty()) steps.push_back({"install", install_commands(commands, service)});
  if (!service.pip.empty()) {
    steps.push_back({"pip",
                     {{std::string("python3 -m venv ") + venv_directory, {}},
                      {std::string(venv_directory) +
                           "/bin/pip install --no-cache-dir --only-binary :all: --no-compile",
                       shell_words(service.pip, "pip requirement")}}});
  }
  if (!service.purge_request.empty())
    steps.push_back({"cleanup", cleanup_commands(commands, service)});
  return steps;
}

}  // namespace locidep::planner
