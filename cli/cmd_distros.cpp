// locidep distros: the catalogue of target distros.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/format_names.hpp"
#include "profiles/profiles.hpp"

namespace locidep::cli {

namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += separator;
    text += items[i];
  }
  return text;
}

std::string render_text(const profiles::Catalog& catalog) {
  std::string text;
  for (const auto& distro : catalog.distros()) {
    text +=
        fmt::format("{}  ({}; {} {}; base image {})\n", distro.id, distro.name,
                    profiles::to_string(distro.backend), distro.architecture, distro.base_image);
    if (!distro.aliases.empty())
      text += fmt::format("    aliases: {}\n", join(distro.aliases, ", "));
    text += fmt::format("    atoms:   {}\n", join(distro.platform.atoms, " "));
  }
  return text;
}

std::string render_json(const profiles::Catalog& catalog) {
  auto distros = nlohmann::ordered_json::array();
  for (const auto& distro : catalog.distros()) {
    distros.push_back({{"id", distro.id},
                       {"name", distro.name},
                       {"aliases", distro.aliases},
                       {"backend", profiles::to_string(distro.backend)},
                       {"family", profiles::to_string(distro.platform.family)},
                       {"architecture", distro.architecture},
                       {"base_image", distro.base_image},
                       {"atoms", distro.platform.atoms}});
  }
  return nlohmann::ordered_json{{"distros", distros}}.dump(2) + "\n";
}

}  // namespace

void add_distros_command(CLI::App& app, CommandContext& context) {
  auto format = std::make_shared<std::string>("text");
  auto* command = app.add_subcommand("distros", "List the target distros of the catalogue");
  add_format_option(*command, *format, answer_formats);
  command->callback([format, &context] {
    const auto catalog = profiles::Catalog::load_default();
    const bool json = format_named(answer_formats, *format) == AnswerFormat::json;
    std::cout << (json ? render_json(catalog) : render_text(catalog)) << std::flush;
    context.exit_code = 0;
  });
}

}  // namespace locidep::cli
