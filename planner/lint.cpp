#include "planner/lint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <variant>

#include "backends/apt/index_reader.hpp"
#include "common/error.hpp"
#include "common/text_file.hpp"
#include "parser/parser.hpp"
#include "planner/bindep_compat.hpp"
#include "planner/name_suggester.hpp"
#include "planner/selection.hpp"

namespace locidep::planner {

namespace {

// Whether RULE can be active on a platform for some choice of profiles: its
// loose platform atoms do not rule the platform out.
bool platform_admits(const parser::Rule& rule, const profiles::Platform& platform) {
  bool has_positive = false;
  bool positive_matches = false;
  for (const auto& item : rule.selector) {
    const auto* atom = std::get_if<parser::ProfileAtom>(&item);
    if (!atom || !atom->is_platform()) continue;
    const bool present = platform.has_atom(atom->name);
    if (atom->negated) {
      if (present) return false;
    } else {
      has_positive = true;
      positive_matches = positive_matches || present;
    }
  }
  return positive_matches || !has_positive;
}

}  // namespace

std::set<std::string> read_names_file(const std::filesystem::path& path) {
  // The index reader decompresses by magic bytes, whatever the file is.
  const std::string text = apt::read_index_text(path);
  std::set<std::string> names;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) names.emplace(text.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

std::vector<std::string> nearest_names(const std::string& name, const std::set<std::string>& names,
                                       std::size_t count) {
  NameSuggester unbounded(std::numeric_limits<std::uint64_t>::max());
  return *unbounded.nearest(name, names, count);
}

namespace {

// A rule's warning: which check found it, and what it says.
struct RuleWarning {
  const char* check;
  std::string message;
};

// Duplicates: the same package with the same selector and constraints.
// SEEN_RULES holds the rules of the file met so far, by that key.
std::optional<RuleWarning> duplicate_rule(const parser::Rule& rule,
                                          std::map<std::string, const parser::Rule*>& seen_rules) {
  std::string key = rule.name + " " + parser::selector_text(rule.selector);
  for (const auto& constraint : rule.constraints) key += " " + constraint.text();
  if (const auto [it, inserted] = seen_rules.emplace(key, &rule); !inserted) {
    return RuleWarning{"duplicate-rule",
                       fmt::format("'{}' repeats line {}", key, it->second->position.line)};
  }
  return std::nullopt;
}

// Selectors no platform of the catalogue can satisfy.
std::optional<RuleWarning> no_platform(const parser::Rule& rule, const profiles::Catalog& catalog) {
  bool any_catalogue_platform = false;
  for (const auto& distro : catalog.distros())
    any_catalogue_platform = any_catalogue_platform || platform_admits(rule, distro.platform);
  if (any_catalogue_platform) return std::nullopt;
  return RuleWarning{"no-platform", fmt::format("{} {} matches no platform of the catalogue",
                                                rule.name, parser::selector_text(rule.selector))};
}

// A profile OR'ed with others next to platform atoms, where AND was meant:
// [platform:suse apache python3] installs on every suse image with
// apache OR python3. Several service names OR'ed are what authors mean.
std::optional<RuleWarning> or_not_and(const parser::Rule& rule,
                                      const std::set<std::string>& service_names) {
  std::vector<std::string> loose_profiles;
  bool has_platform = false;
  for (const auto& item : rule.selector) {
    const auto* atom = std::get_if<parser::ProfileAtom>(&item);
    if (!atom || atom->negated) continue;
    if (atom->is_platform())
      has_platform = true;
    else
      loose_profiles.push_back(atom->name);
  }
  const bool all_services =
      std::all_of(loose_profiles.begin(), loose_profiles.end(),
                  [&](const std::string& p) { return service_names.contains(p); });
  if (!has_platform || loose_profiles.size() < 2 || all_services) return std::nullopt;
  std::string group;
  for (const auto& profile : loose_profiles) group += (group.empty() ? "" : " ") + profile;
  return RuleWarning{
      "or-not-and",
      fmt::format(
          "{} {} selects {} on any of its platforms when ANY of {} is given; if all are meant, "
          "write the group ({})",
          rule.name, parser::selector_text(rule.selector), rule.name, group, group)};
}

// Names no repository of a distro the rule selects has.
std::optional<RuleWarning> missing_package(const parser::Rule& rule,
                                           const std::vector<DistroNames>& distros,
                                           NameSuggester& suggester) {
  std::vector<std::string> missing_on;
  std::size_t checked = 0;
  std::vector<std::string> suggestions;  // best first, across distros
  bool suggestions_omitted = false;
  for (const auto& entry : distros) {
    if (!platform_admits(rule, entry.distro->platform) || !entry.names) continue;
    ++checked;
    if (entry.names->contains(rule.name)) continue;
    missing_on.push_back(entry.distro->id);
    auto nearest = suggester.nearest(rule.name, *entry.names, 3);
    if (!nearest) {
      suggestions_omitted = true;
      continue;
    }
    for (auto& near : *nearest) {
      if (std::find(suggestions.begin(), suggestions.end(), near) == suggestions.end())
        suggestions.push_back(std::move(near));
    }
  }
  if (missing_on.empty()) return std::nullopt;
  std::string distros_text;
  for (const auto& id : missing_on) distros_text += (distros_text.empty() ? "" : ", ") + id;
  const bool no_distro = checked == missing_on.size() && checked > 1;
  std::string message =
      no_distro ? fmt::format("no distro can install '{}': no repository of {} has it", rule.name,
                              distros_text)
                : fmt::format("no repository of {} has '{}' (the rule selects it there)",
                              distros_text, rule.name);
  if (!suggestions.empty()) {
    std::string near;
    for (const auto& name : suggestions) near += (near.empty() ? "" : ", ") + name;
    message += "; nearest names: " + near;
  }
  if (suggestions_omitted)
    message += "; nearest names not searched (lint's search budget is spent)";
  return RuleWarning{no_distro ? "no-distro" : "no-such-package", std::move(message)};
}

// One file's own findings; its rules are returned for the checks across files.
std::vector<LintFinding> lint_one_file(const std::filesystem::path& path,
                                       const profiles::Catalog& catalog,
                                       const profiles::ServiceCatalog& services,
                                       const std::vector<DistroNames>& distros,
                                       NameSuggester& suggester,
                                       std::optional<parser::RuleFile>& parsed) {
  std::vector<LintFinding> findings;
  // pydep files name pip packages, which no distro repository holds.
  const bool pip_names = path.filename().string().starts_with("pydep");
  const std::string file_name = path.string();
  const std::string text = read_text_file(path);  // unreadable input: Error, exit 2
  try {
    parsed = parser::parse_rules(normalize_newlines(text), file_name);
  } catch (const ParseError& error) {
    const auto& where = *error.location();
    findings.push_back({file_name, where.line, where.column, "error", "parse", error.what()});
    return findings;
  }
  std::set<std::string> service_names;
  for (const auto& service : services.services()) service_names.insert(service.name);

  std::map<std::string, const parser::Rule*> seen_rules;
  for (const auto& rule : parsed->rules) {
    const std::optional<RuleWarning> warnings[] = {
        duplicate_rule(rule, seen_rules),
        no_platform(rule, catalog),
        or_not_and(rule, service_names),
        pip_names ? std::nullopt : missing_package(rule, distros, suggester),
    };
    for (const auto& warning : warnings) {
      if (!warning) continue;
      findings.push_back({file_name, rule.position.line, rule.position.column, "warning",
                          warning->check, warning->message});
    }
  }
  return findings;
}

// Profiles the catalogue's services pass that no rule of the files uses
// (USED: the profiles their rules use), reported against FIRST_FILE.
std::vector<LintFinding> unused_profiles(const std::filesystem::path& first_file,
                                         const profiles::ServiceCatalog& services,
                                         const std::set<std::string>& used) {
  std::vector<LintFinding> findings;
  std::set<std::string> service_names;
  for (const auto& service : services.services()) service_names.insert(service.name);
  std::set<std::string> reported;
  for (const auto& service : services.services()) {
    for (const auto& profile : service.profiles) {
      if (used.contains(profile) || service_names.contains(profile) ||
          !reported.insert(profile).second)
        continue;
      findings.push_back({first_file.string(), 0, 0, "warning", "unused-profile",
                          fmt::format("profile '{}' (passed to service {}) is used by no rule",
                                      profile, service.name)});
    }
  }
  return findings;
}

}  // namespace

std::vector<LintFinding> lint_files(const std::vector<std::filesystem::path>& paths,
                                    const profiles::Catalog& catalog,
                                    const profiles::ServiceCatalog& services,
                                    const std::vector<DistroNames>& distros) {
  std::vector<LintFinding> findings;
  std::set<std::string> used;
  bool all_parsed = true;
  NameSuggester suggester;  // one budget for the whole run
  for (const auto& path : paths) {
    std::optional<parser::RuleFile> parsed;
    for (auto& finding : lint_one_file(path, catalog, services, distros, suggester, parsed))
      findings.push_back(std::move(finding));
    if (!parsed) {
      all_parsed = false;
      continue;
    }
    for (auto& profile : configuration_profiles(*parsed)) used.insert(std::move(profile));
  }
  // Only when every file could be read: a broken file may be the one using them.
  if (!all_parsed || paths.empty()) return findings;
  for (auto& finding : unused_profiles(paths.front(), services, used))
    findings.push_back(std::move(finding));
  return findings;
}

std::string render_findings(const std::vector<LintFinding>& findings, LintFormat format) {
  if (format == LintFormat::json) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& finding : findings) {
      list.push_back({{"file", finding.file},
                      {"line", finding.line},
                      {"column", finding.column},
                      {"severity", finding.severity},
                      {"check", finding.check},
                      {"message", finding.message}});
    }
    return nlohmann::ordered_json{{"findings", list}}.dump(2) + "\n";
  }
  std::string text;
  for (const auto& finding : findings) {
    if (format == LintFormat::github) {
      // Workflow commands: properties and message escaped as GitHub reads them.
      const auto escape = [](std::string value, bool property) {
        std::string out;
        for (const char c : value) {
          if (c == '%')
            out += "%25";
          else if (c == '\r')
            out += "%0D";
          else if (c == '\n')
            out += "%0A";
          else if (property && c == ':')
            out += "%3A";
          else if (property && c == ',')
            out += "%2C";
          else
            out += c;
        }
        return out;
      };
      text += fmt::format("::{} file={}", finding.severity == "error" ? "error" : "warning",
                          escape(finding.file, true));
      if (finding.line > 0) text += fmt::format(",line={},col={}", finding.line, finding.column);
      text += fmt::format(",title={}::{}\n", escape("locidep " + finding.check, true),
                          escape(finding.message, false));
    } else if (finding.line > 0) {
      text += fmt::format("{}:{}:{}: {}: {} [{}]\n", finding.file, finding.line, finding.column,
                          finding.severity, finding.message, finding.check);
    } else {
      text += fmt::format("{}: {}: {} [{}]\n", finding.file, finding.severity, finding.message,
                          finding.check);
    }
  }
  return text;
}

}  // namespace locidep::planner
