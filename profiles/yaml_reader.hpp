// Strict reading of our YAML data files (distros.yaml, services.yaml):
// positions for every error, no duplicate keys, typed values.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "common/text_grammar.hpp"

namespace locidep::profiles::detail {

// Turns yaml-cpp positions (0-based, columns in bytes) into our errors.
class YamlSource {
 public:
  YamlSource(std::string file, std::string text) : file_(std::move(file)), text_(std::move(text)) {}
  // Reads FILE (with read_text_file's checks) and parses it. Throws Error(bad_input).
  static std::pair<YamlSource, YAML::Node> load(const std::string& file);

  const std::string& file() const { return file_; }
  const std::string& text() const { return text_; }

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const;

 private:
  std::string line_text(std::size_t line_index) const;

  std::string file_;
  std::string text_;
};

const char* type_name(const YAML::Node& node);

struct Entry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
  // Where to point at the value: a missing value ("KEY:" alone) has no
  // useful position of its own, so its key stands in for it.
  YAML::Mark value_mark() const {
    return value.IsNull() || value.Mark().is_null() ? key_node.Mark() : value.Mark();
  }
};

// The keys of a mapping, each with its node, refusing duplicates (yaml-cpp
// keeps both and would silently answer with the first).
std::vector<Entry> entries_of(const YamlSource& source, const YAML::Node& map,
                              const std::string& what, bool case_insensitive = false);

std::string string_value(const YamlSource& source, const YAML::Node& node, const YAML::Mark& mark,
                         const std::string& what);

// Ids and aliases are typed on command lines and listed in messages.
std::string name_value(const YamlSource& source, const YAML::Node& node, const YAML::Mark& mark,
                       const std::string& what);

// The grammar a value must follow (common/text_grammar.hpp), or none.
using WordCheck = grammar::Problem (*)(std::string_view);

// A list of strings (a missing list is empty), each checked with CHECK
// when one is given: a word outside its grammar fails at its position.
std::vector<std::string> string_list(const YamlSource& source, const Entry& entry,
                                     const std::string& what, WordCheck check = nullptr);

// TEXT, read at MARK, when CHECK accepts it; else a failure at MARK.
const std::string& checked_word(const YamlSource& source, const YAML::Mark& mark,
                                const std::string& what, const std::string& text, WordCheck check);

}  // namespace locidep::profiles::detail
