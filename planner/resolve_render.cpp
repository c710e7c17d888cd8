#include "planner/resolve_render.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace locidep::planner {

std::string render_resolve_text(const backends::SolveAnswer& answer, bool with_purge) {
  std::string text;
  std::size_t upgrades = 0;
  for (const auto& entry : answer.install) upgrades += entry.previous_version.empty() ? 0 : 1;
  text += fmt::format("install: {} new, {} upgraded\n", answer.install.size() - upgrades, upgrades);
  for (const auto& entry : answer.install) {
    if (entry.previous_version.empty()) {
      text += fmt::format("  {} {} {}\n", entry.name, entry.version, entry.arch);
    } else {
      text += fmt::format("  {} {} {} (upgrade from {})\n", entry.name, entry.version, entry.arch,
                          entry.previous_version);
    }
  }
  if (with_purge) {
    text += fmt::format("purge: {}\n", answer.purge.size());
    for (const auto& entry : answer.purge)
      text += fmt::format("  {} {} {}\n", entry.name, entry.version, entry.arch);
    for (const auto& kept : answer.kept)
      text += fmt::format("kept: {}: {}\n", kept.name, kept.reason);
  }
  return text;
}

std::string render_resolve_json(const backends::SolveAnswer& answer, bool with_purge) {
  const auto packages = [](const auto& list) {
    auto array = nlohmann::ordered_json::array();
    for (const auto& entry : list) {
      array.push_back({{"name", entry.name}, {"version", entry.version}, {"arch", entry.arch}});
    }
    return array;
  };
  nlohmann::ordered_json document{{"install", packages(answer.install)},
                                  {"purge", packages(answer.purge)}};
  if (with_purge) {
    auto kept = nlohmann::ordered_json::array();
    for (const auto& entry : answer.kept)
      kept.push_back({{"name", entry.name}, {"reason", entry.reason}});
    document["kept"] = kept;
  }
  return document.dump(2) + "\n";
}

std::string render_resolve_problems(const backends::SolveAnswer& answer) {
  std::string text = "the request cannot be satisfied:";
  for (const auto& problem : answer.problems) {
    text += fmt::format("\n  {}: {}", problem.subject, problem.message);
    for (const auto& detail : problem.details) text += fmt::format("\n    {}", detail);
  }
  return text;
}

}  // namespace locidep::planner
