#include "planner/bindep_compat.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>

#include "backends/installed/installed_database.hpp"
#include "common/error.hpp"
#include "planner/backend_traits.hpp"

namespace locidep::planner {

std::string render_package_list(const std::vector<const parser::Rule*>& active,
                                const std::string& file_name, ListFormat format) {
  if (format == ListFormat::json) {
    auto rules = nlohmann::ordered_json::array();
    for (const auto* rule : active) {
      auto constraints = nlohmann::ordered_json::array();
      for (const auto& constraint : rule->constraints) constraints.push_back(constraint.text());
      rules.push_back({{"name", rule->name},
                       {"constraints", constraints},
                       {"file", file_name},
                       {"line", rule->position.line}});
    }
    return rules.dump(2) + "\n";
  }
  const char separator = format == ListFormat::csv ? ',' : '\n';
  std::string text;
  for (std::size_t i = 0; i < active.size(); ++i) {
    if (i > 0) text += separator;
    text += active[i]->name;
  }
  text += '\n';
  return text;
}

std::vector<std::string> configuration_profiles(const parser::RuleFile& file) {
  std::set<std::string> names;
  for (const auto& rule : file.rules) {
    for (const auto& item : rule.selector) {
      if (const auto* atom = std::get_if<parser::ProfileAtom>(&item)) {
        if (!atom->is_platform()) names.insert(atom->name);
      } else {
        // Group members belong to the user part whatever they are, so a
        // platform atom inside a group is listed here too, as bindep does.
        for (const auto& member : std::get<parser::ProfileGroup>(item).atoms)
          names.insert(member.name);
      }
    }
  }
  return {names.begin(), names.end()};
}

std::string render_profile_listing(const parser::RuleFile& file,
                                   const std::vector<std::string>& platform_atoms) {
  std::string text = "Platform profiles:\n";
  for (const auto& atom : platform_atoms) text += atom + "\n";
  text += "\nConfiguration profiles:\n";
  for (const auto& profile : configuration_profiles(file)) text += profile + "\n";
  return text;
}

namespace {

bool constraint_holds(int comparison, parser::VersionOperator op) {
  using Op = parser::VersionOperator;
  switch (op) {
    case Op::less: return comparison < 0;
    case Op::less_equal: return comparison <= 0;
    case Op::not_equal: return comparison != 0;
    case Op::equal: return comparison == 0;
    case Op::greater_equal: return comparison >= 0;
    case Op::greater: return comparison > 0;
  }
  return false;
}

}  // namespace

std::unique_ptr<backends::InstalledDatabase> open_installed_database(
    const profiles::Platform& platform, const std::filesystem::path& root) {
  const auto* traits = traits_of_family(platform.family);
  if (!traits) {
    throw Error(ExitCode::environment,
                fmt::format("no package database support for the {} platform '{}'",
                            profiles::to_string(platform.family), platform.distro_id));
  }
  return traits->open_installed_database(root);
}

CheckResult check_rules(const std::vector<const parser::Rule*>& active,
                        const backends::InstalledDatabase& database) {
  std::set<std::string> missing;
  CheckResult result;
  for (const auto* rule : active) {
    const auto installed = database.installed_version(rule->name);
    if (!installed || installed->empty()) {
      missing.insert(rule->name);
      continue;
    }
    for (const auto& constraint : rule->constraints) {
      const int comparison = database.compare_versions(*installed, constraint.version);
      if (!constraint_holds(comparison, constraint.op)) {
        result.bad_versions.push_back({rule->name, constraint.text(), *installed});
      }
    }
  }
  result.missing.assign(missing.begin(), missing.end());
  return result;
}

std::string render_check_report(const CheckResult& result, bool brief) {
  std::string text;
  if (!result.missing.empty()) {
    if (brief) {
      for (const auto& name : result.missing) text += name + "\n";
    } else {
      text += "Missing packages:\n    ";
      for (std::size_t i = 0; i < result.missing.size(); ++i) {
        if (i > 0) text += ' ';
        text += result.missing[i];
      }
      text += '\n';
    }
  }
  if (!result.bad_versions.empty() && !brief) {
    text += "Bad versions of installed packages:\n";
    for (const auto& bad : result.bad_versions) {
      text += fmt::format("    {} version {} does not match {}\n", bad.name, bad.installed,
                          bad.constraint);
    }
  }
  return text;
}

std::filesystem::path default_rule_file(const std::filesystem::path& directory) {
  const auto bindep_txt = directory / "bindep.txt";
  const auto other_txt = directory / "other-requirements.txt";
  const bool have_bindep = std::filesystem::is_regular_file(bindep_txt);
  const bool have_other = std::filesystem::is_regular_file(other_txt);
  if (have_bindep && have_other) {
    throw Error(ExitCode::bad_input,
                "Both bindep.txt and other-requirements.txt files exist, choose one.");
  }
  if (have_bindep) return bindep_txt;
  if (have_other) return other_txt;
  throw Error(ExitCode::bad_input,
              "Neither file bindep.txt nor file other-requirements.txt exist.");
}

profiles::Platform platform_of_root(const std::filesystem::path& root) {
  const auto os_release = profiles::read_os_release(root);
  if (!os_release) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: no etc/os-release or usr/lib/os-release; cannot tell the platform",
                            root.string()));
  }
  return profiles::derive_platform(*os_release);
}

bool is_valid_package_name(const std::string& name, profiles::PackageFamily family) {
  const auto ascii_alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  switch (family) {
    case profiles::PackageFamily::dpkg:
      // Debian policy 5.6.1: lowercase letters, digits, '+', '-', '.'; at
      // least two characters, starting with an alphanumeric.
      if (name.size() < 2 || !ascii_alnum(name[0])) return false;
      return std::all_of(name.begin(), name.end(), [&](char c) {
        return (ascii_alnum(c) && !(c >= 'A' && c <= 'Z')) || c == '+' || c == '-' || c == '.';
      });
    case profiles::PackageFamily::rpm:
      // A package name or capability (ASCII letters, digits, "._+-"), or an
      // absolute file path, which rpm resolves through the files it knows.
      if (name.starts_with('/')) {
        return std::all_of(name.begin(), name.end(), [&](char c) {
          return ascii_alnum(c) || c == '/' || c == '.' || c == '_' || c == '+' || c == '-';
        });
      }
      return std::all_of(name.begin(), name.end(), [&](char c) {
        return ascii_alnum(c) || c == '.' || c == '_' || c == '+' || c == '-';
      });
    default: return true;
  }
}

std::vector<std::string> package_name_warnings(const std::vector<const parser::Rule*>& active,
                                               const std::string& file_name,
                                               profiles::PackageFamily family) {
  std::vector<std::string> warnings;
  for (const auto* rule : active) {
    if (is_valid_package_name(rule->name, family)) continue;
    warnings.push_back(fmt::format(
        "locidep: {}:{}:{}: warning: '{}' is not a valid {} package name", file_name,
        rule->position.line, rule->position.column, rule->name, profiles::to_string(family)));
  }
  return warnings;
}

}  // namespace locidep::planner
