#include "profiles/yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "profiles/detail.hpp"

namespace locidep::profiles::detail {

std::pair<YamlSource, YAML::Node> YamlSource::load(const std::string& file) {
  YamlSource source(file, normalize_newlines(read_text_file(file)));
  YAML::Node root;
  try {
    root = YAML::Load(source.text());
  } catch (const YAML::Exception& error) {
    source.fail(error.mark, "invalid YAML: " + error.msg);
  }
  return {std::move(source), root};
}

// Turns yaml-cpp positions (0-based, columns in bytes) into our errors.
[[noreturn]] void YamlSource::fail(const YAML::Mark& mark, const std::string& message) const {
  if (mark.is_null() || mark.line < 0) {
    throw Error(ExitCode::bad_input, fmt::format("{}: {}", file_, message));
  }
  SourceLocation where;
  where.file = file_;
  where.line = static_cast<std::size_t>(mark.line) + 1;
  where.line_text = line_text(static_cast<std::size_t>(mark.line));
  const std::size_t byte_column =
      std::min(static_cast<std::size_t>(std::max(mark.column, 0)), where.line_text.size());
  where.column = detail::code_points(std::string_view(where.line_text).substr(0, byte_column)) + 1;
  throw Error(ExitCode::bad_input, message, std::move(where));
}

std::string YamlSource::line_text(std::size_t line_index) const {
  std::size_t start = 0;
  for (std::size_t line = 0; line < line_index; ++line) {
    const std::size_t newline = text_.find('\n', start);
    if (newline == std::string::npos) return {};
    start = newline + 1;
  }
  const std::size_t end = text_.find('\n', start);
  return text_.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

const char* type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Undefined: return "nothing";
  }
  return "nothing";
}

// The keys of a mapping, each with its node, refusing duplicates (yaml-cpp
// keeps both and would silently answer with the first).
std::vector<Entry> entries_of(const YamlSource& source, const YAML::Node& map,
                              const std::string& what, bool case_insensitive) {
  std::vector<Entry> entries;
  std::map<std::string, std::string> seen;
  for (const auto& pair : map) {
    const YAML::Node& key = pair.first;
    if (!key.IsScalar())
      source.fail(key.Mark(), fmt::format("{}: keys must be plain strings", what));
    const std::string name = key.Scalar();
    const std::string folded = case_insensitive ? detail::ascii_lower(name) : name;
    if (const auto it = seen.find(folded); it != seen.end()) {
      source.fail(
          key.Mark(),
          fmt::format("{}: duplicate key '{}'{}", what, name,
                      it->second == name ? "" : fmt::format(" (same as '{}')", it->second)));
    }
    seen.emplace(folded, name);
    entries.push_back(Entry{name, key, pair.second});
  }
  return entries;
}

std::string string_value(const YamlSource& source, const YAML::Node& node, const YAML::Mark& mark,
                         const std::string& what) {
  if (!node.IsScalar()) {
    source.fail(mark, fmt::format("{}: expected a string, found {}{}", what, type_name(node),
                                  node.IsNull() ? " (write \"\" for an empty value)" : ""));
  }
  return node.Scalar();
}

// Ids and aliases are typed on command lines and listed in messages.
std::string name_value(const YamlSource& source, const YAML::Node& node, const YAML::Mark& mark,
                       const std::string& what) {
  std::string name = string_value(source, node, mark, what);
  const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == '+';
  });
  if (!valid) {
    source.fail(mark, fmt::format("{}: '{}' is not a valid name; expected letters, digits, "
                                  "'.', '-', '_' or '+'",
                                  what, grammar::printable(name)));
  }
  return name;
}

const std::string& checked_word(const YamlSource& source, const YAML::Mark& mark,
                                const std::string& what, const std::string& text, WordCheck check) {
  if (const auto problem = check(text))
    source.fail(mark, fmt::format("{}: '{}' {}", what, grammar::printable(text), *problem));
  return text;
}

std::vector<std::string> string_list(const YamlSource& source, const Entry& entry,
                                     const std::string& what, WordCheck check) {
  std::vector<std::string> items;
  if (entry.value.IsNull()) return items;
  if (!entry.value.IsSequence()) {
    source.fail(entry.value_mark(),
                fmt::format("{}: expected a list, found {}", what, type_name(entry.value)));
  }
  for (const YAML::Node& item : entry.value) {
    const YAML::Mark mark = item.Mark().is_null() ? entry.value_mark() : item.Mark();
    items.push_back(string_value(source, item, mark, what));
    if (check) checked_word(source, mark, what, items.back(), check);
  }
  return items;
}

}  // namespace locidep::profiles::detail
