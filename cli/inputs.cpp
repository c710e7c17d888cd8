#include "cli/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <iterator>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "common/text_grammar.hpp"
#include "parser/parser.hpp"
#include "planner/bindep_compat.hpp"

namespace locidep::cli {

parser::RuleFile load_rule_file(const std::string& file_option) {
  if (file_option == "-") {
    std::string text;
    // One byte past the limit is enough to know the input is too large.
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
      text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
      if (text.size() > max_text_file_bytes) break;
    }
    check_text(text, "<stdin>");
    return parser::parse_rules(normalize_newlines(text), "<stdin>");
  }
  if (file_option.empty()) return parser::parse_rule_file(planner::default_rule_file(""));
  return parser::parse_rule_file(file_option);
}

profiles::Platform target_platform(const std::string& distro_option,
                                   const std::string& root_option) {
  if (!distro_option.empty()) return profiles::Catalog::load_default().find(distro_option).platform;
  return planner::platform_of_root(root_option.empty() ? "/" : root_option);
}

std::map<std::string, std::string> parse_module_streams(const std::vector<std::string>& values) {
  std::map<std::string, std::string> streams;
  for (const auto& value : values) {
    const auto colon = value.find(':');
    const bool valid = colon != std::string::npos && !grammar::module_stream(value);
    if (!valid) {
      throw Error(ExitCode::bad_input,
                  fmt::format("--enable-module {}: expected NAME:STREAM (as in nginx:1.24)",
                              grammar::printable(value)));
    }
    streams[value.substr(0, colon)] = value.substr(colon + 1);
  }
  return streams;
}

void use_loci_directory(profiles::ServiceCatalog& catalog, const std::filesystem::path& directory) {
  if (!std::filesystem::is_directory(directory)) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: not a folder (a LOCI checkout was expected)", directory.string()));
  }
  std::vector<std::filesystem::path> bindep, pydep;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    const auto name = entry.path().filename().string();
    if (name.starts_with("bindep")) bindep.push_back(entry.path());
    if (name.starts_with("pydep")) pydep.push_back(entry.path());
  }
  std::sort(bindep.begin(), bindep.end());
  std::sort(pydep.begin(), pydep.end());
  if (bindep.empty()) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: no bindep* file in this folder (a LOCI checkout was expected)",
                            directory.string()));
  }
  catalog.set_bindep_files(std::move(bindep));
  catalog.set_pydep_files(std::move(pydep));
}

void use_rule_files(profiles::ServiceCatalog& catalog, std::vector<std::filesystem::path> files) {
  const auto catalogue_profiles = catalog.catalogue_profiles();
  for (const auto& file : files) {
    for (const auto& profile : planner::configuration_profiles(parser::parse_rule_file(file))) {
      if (catalogue_profiles.contains(profile)) {
        catalog.set_bindep_files(std::move(files));
        return;
      }
    }
  }
  catalog = profiles::ServiceCatalog::for_project(catalog.directory(), std::move(files));
}

}  // namespace locidep::cli
