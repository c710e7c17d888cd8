// --format of every command: the allowed values come from the table of the
// output family (planner::plan_formats, diff_formats, lint_formats, and
// answer_formats below), so a format is named in one place only.
#pragma once

#include <CLI/CLI.hpp>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace locidep::cli {

// What resolve and distros print: one family, as both answer a single
// question with a text for people or JSON for programs.
enum class AnswerFormat { text, json };
struct AnswerFormatEntry {
  std::string_view name;
  AnswerFormat format;
};
inline constexpr std::array<AnswerFormatEntry, 2> answer_formats{{
    {"text", AnswerFormat::text},
    {"json", AnswerFormat::json},
}};

// The names of TABLE, in its order (CLI11's IsMember prints them so).
template <class Table>
std::vector<std::string> format_names(const Table& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.emplace_back(entry.name);
  return names;
}

// The format NAME stands for; NAME is one of TABLE's, as --format's check
// let only those through.
template <class Table>
auto format_named(const Table& table, std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return entry.format;
  }
  return table.front().format;
}

// --format on COMMAND, taking TABLE's names; VALUE keeps its default.
template <class Table>
CLI::Option* add_format_option(CLI::App& command, std::string& value, const Table& table) {
  return command.add_option("--format", value, "Output format")
      ->check(CLI::IsMember(format_names(table)));
}

}  // namespace locidep::cli
