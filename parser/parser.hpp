// Parsing bindep-format files with bindep's exact grammar (docs: bindep-spec.md §1).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "parser/ast.hpp"

namespace locidep::parser {

// Parses text that has already been read. Line breaks must be '\n' (callers
// that read files apply universal newlines first, as bindep's CLI does).
// display_name is what positions and errors call the input.
// Throws locidep::ParseError with file, line, column, the offending line and
// "expected …" on any input bindep rejects.
RuleFile parse_rules(std::string_view text, const std::string& display_name);

// Reads (with locidep::read_text_file's safety checks), normalises newlines and
// parses. Throws locidep::Error / locidep::ParseError.
RuleFile parse_rule_file(const std::filesystem::path& path);

}  // namespace locidep::parser
