// bindep's own command line, for `locidep bindep …` and a `bindep` symlink.
// Options are parsed the way Python's argparse parses bindep's: short flags
// may be bundled (-bl csv), values glued (-fFILE, --file=FILE), long options
// abbreviated to a unique prefix (--brie), and the profiles are the first run
// of positional arguments (argparse rejects a second run). Output and exit
// codes are bindep's (bindep-spec.md §4).
#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "common/error.hpp"
#include "planner/bindep_compat.hpp"
#include "planner/selection.hpp"

#ifndef LOCIDEP_VERSION
#define LOCIDEP_VERSION "unknown"
#endif

namespace locidep::cli {

namespace {

// The bindep release whose behaviour we reproduce (bindep-spec.md §0).
constexpr const char* emulated_bindep_version = "2.8.1";

constexpr const char* usage_text =
    "usage: bindep [-h] [-b] [-f FILENAME] [--profiles] [-l {newline,csv}]\n"
    "              [--version]\n"
    "              [profile ...]\n";

constexpr const char* help_text =
    "\n"
    "positional arguments:\n"
    "  profile               Only include packages with this profile.\n"
    "\n"
    "options:\n"
    "  -h, --help            show this help message and exit\n"
    "  -b, --brief           List only missing packages one per line.\n"
    "  -f FILENAME, --file FILENAME\n"
    "                        Package list file (default: bindep.txt or other-\n"
    "                        requirements.txt).\n"
    "  --profiles            List the platform and configuration profiles.\n"
    "  -l {newline,csv}, --list_all {newline,csv}\n"
    "                        List all dependencies for the profiles\n"
    "  --version             show program's version number and exit\n";

struct BindepArguments {
  bool help = false;
  bool version = false;
  bool brief = false;
  bool profiles_listing = false;
  std::string file;
  std::optional<std::string> list_format;
  std::vector<std::string> profiles;
};

class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct LongOption {
  const char* name;
  bool takes_value;
};
constexpr LongOption long_options[] = {{"--help", false},    {"--brief", false},
                                       {"--file", true},     {"--profiles", false},
                                       {"--list_all", true}, {"--version", false}};

const char* option_display(const std::string& long_name) {
  if (long_name == "--file") return "-f/--file";
  if (long_name == "--list_all") return "-l/--list_all";
  return long_name.c_str();
}

void apply_option(BindepArguments& parsed, const std::string& long_name, const std::string& value) {
  if (long_name == "--help")
    parsed.help = true;
  else if (long_name == "--version")
    parsed.version = true;
  else if (long_name == "--brief")
    parsed.brief = true;
  else if (long_name == "--profiles")
    parsed.profiles_listing = true;
  else if (long_name == "--file")
    parsed.file = value;
  else if (long_name == "--list_all") {
    if (value != "newline" && value != "csv") {
      throw UsageError(fmt::format(
          "argument -l/--list_all: invalid choice: '{}' (choose from 'newline', 'csv')", value));
    }
    parsed.list_format = value;
  }
}

std::string long_name_of_short(char letter) {
  switch (letter) {
    case 'h': return "--help";
    case 'b': return "--brief";
    case 'f': return "--file";
    case 'l': return "--list_all";
    default: return "";
  }
}

bool takes_value(const std::string& long_name) {
  return long_name == "--file" || long_name == "--list_all";
}

BindepArguments parse_bindep_arguments(const std::vector<std::string>& arguments) {
  BindepArguments parsed;
  std::vector<std::string> unrecognized;
  bool options_ended = false;
  enum class Profiles { not_seen, in_run, done } profiles_state = Profiles::not_seen;
  auto add_positional = [&](const std::string& argument) {
    if (profiles_state == Profiles::done) {
      unrecognized.push_back(argument);
    } else {
      profiles_state = Profiles::in_run;
      parsed.profiles.push_back(argument);
    }
  };
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    const bool is_option = !options_ended && argument.size() > 1 && argument[0] == '-';
    if (!is_option) {
      add_positional(argument);
      continue;
    }
    if (profiles_state == Profiles::in_run) profiles_state = Profiles::done;
    if (argument == "--") {
      options_ended = true;
      // argparse lets the positionals after "--" join the current run.
      if (profiles_state == Profiles::done && parsed.profiles.empty())
        profiles_state = Profiles::not_seen;
      continue;
    }
    auto take_value = [&](const std::string& long_name) -> std::string {
      if (i + 1 >= arguments.size() ||
          (arguments[i + 1].size() > 1 && arguments[i + 1][0] == '-')) {
        throw UsageError(
            fmt::format("argument {}: expected one argument", option_display(long_name)));
      }
      return arguments[++i];
    };
    if (argument.starts_with("--")) {
      const auto equals = argument.find('=');
      const std::string written = argument.substr(0, equals);
      std::vector<const LongOption*> matches;
      for (const auto& option : long_options) {
        if (written == option.name) {
          matches = {&option};
          break;
        }
        if (std::string_view(option.name).starts_with(written)) matches.push_back(&option);
      }
      if (matches.empty()) {
        unrecognized.push_back(argument);
        continue;
      }
      if (matches.size() > 1) {
        std::string names;
        for (const auto* match : matches)
          names += (names.empty() ? "" : ", ") + std::string(match->name);
        throw UsageError(fmt::format("ambiguous option: {} could match {}", written, names));
      }
      const std::string long_name = matches.front()->name;
      if (matches.front()->takes_value) {
        apply_option(
            parsed, long_name,
            equals != std::string::npos ? argument.substr(equals + 1) : take_value(long_name));
      } else {
        if (equals != std::string::npos) {
          throw UsageError(fmt::format("argument {}: ignored explicit argument '{}'", long_name,
                                       argument.substr(equals + 1)));
        }
        apply_option(parsed, long_name, "");
      }
      continue;
    }
    // Bundled short options: -b, -bl csv, -fFILE, -lcsv.
    for (std::size_t k = 1; k < argument.size(); ++k) {
      const std::string long_name = long_name_of_short(argument[k]);
      if (long_name.empty()) {
        if (k == 1)
          unrecognized.push_back(argument);
        else
          throw UsageError(fmt::format("argument -{}: ignored explicit argument '{}'",
                                       argument[k - 1], argument.substr(k)));
        break;
      }
      if (takes_value(long_name)) {
        apply_option(parsed, long_name,
                     k + 1 < argument.size() ? argument.substr(k + 1) : take_value(long_name));
        break;
      }
      apply_option(parsed, long_name, "");
    }
  }
  if (!unrecognized.empty() && !parsed.help && !parsed.version) {
    std::string list;
    for (const auto& item : unrecognized) list += (list.empty() ? "" : " ") + item;
    throw UsageError("unrecognized arguments: " + list);
  }
  return parsed;
}

int run_bindep(const BindepArguments& arguments) {
  std::string file_name = arguments.file;
  if (file_name.empty()) {
    try {
      file_name = planner::default_rule_file("").string();
    } catch (const Error& error) {
      std::cout << error.what() << '\n';  // bindep's own sentence, on stdout
      return 1;
    }
  }
  parser::RuleFile file;
  try {
    file = load_rule_file(file_name);
  } catch (const ParseError&) {
    throw;
  } catch (const Error& error) {
    // bindep reports an unreadable file on stdout, exit 1; say why on stderr.
    std::cout << "Error reading file " << file_name << ".\n";
    std::cerr << error.render();
    return 1;
  }
  const auto platform = planner::platform_of_root("/");
  if (arguments.profiles_listing) {
    std::cout << planner::render_profile_listing(file, platform.atoms) << std::flush;
    return 0;
  }
  const auto active =
      planner::active_rules(file, planner::ActiveProfiles(arguments.profiles, platform.atoms));
  if (arguments.list_format) {
    const auto format =
        *arguments.list_format == "csv" ? planner::ListFormat::csv : planner::ListFormat::newline;
    std::cout << planner::render_package_list(active, file.path, format) << std::flush;
    return 0;
  }
  const auto database = planner::open_installed_database(platform, "/");
  const auto result = planner::check_rules(active, *database);
  std::cout << planner::render_check_report(result, arguments.brief) << std::flush;
  return result.ok() ? 0 : 1;
}

}  // namespace

int run_bindep_command_line(const std::vector<std::string>& arguments) {
  BindepArguments parsed;
  try {
    parsed = parse_bindep_arguments(arguments);
  } catch (const UsageError& error) {
    std::cerr << usage_text << "bindep: error: " << error.what() << '\n';
    return 2;
  }
  if (parsed.help) {
    std::cout << usage_text << help_text;
    return 0;
  }
  if (parsed.version) {
    std::cout << "bindep " << emulated_bindep_version << " (locidep " << LOCIDEP_VERSION << ")\n";
    return 0;
  }
  try {
    return run_bindep(parsed);
  } catch (const Error& error) {
    // bindep dies on a parse error or an unknown platform with exit 1.
    std::cerr << error.render();
    return 1;
  }
}

void add_bindep_command(CLI::App& app, CommandContext&) {
  // Registered for `locidep --help` only: main() hands `locidep bindep …` to
  // run_bindep_command_line before CLI11 sees it, so bindep's own options
  // are never reinterpreted.
  app.add_subcommand("bindep",
                     "Run bindep's own command line, unchanged (also: invoke as `bindep`)")
      ->allow_extras();
}

}  // namespace locidep::cli
