#include "parser/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tao/pegtl.hpp>
#include <utility>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "parser/builder.hpp"
#include "parser/grammar.hpp"
#include "parser/unicode.hpp"

namespace locidep::parser {
namespace {

namespace pegtl = tao::pegtl;

// The character the parser stopped at, for "found …".
std::string describe_found(std::string_view rest) {
  if (rest.empty()) return "end of file";
  switch (rest.front()) {
    case '\n': return "end of line";
    case ' ': return "a space";
    case '\t': return "a tab";
    case '\r': return "a carriage return";
    default: break;
  }
  const unicode::DecodedChar c = unicode::decode(rest);
  if (c.length == 0) return fmt::format("byte 0x{:02X}", static_cast<unsigned char>(rest.front()));
  if (c.code_point < 0x20 || c.code_point == 0x7F) {
    return fmt::format("control character U+{:04X}", static_cast<unsigned>(c.code_point));
  }
  // Beyond ASCII, name the code point too: a combining mark or an
  // invisible character alone between quotes says nothing.
  if (c.code_point >= 0x80) {
    return fmt::format("'{}' (U+{:04X})", rest.substr(0, c.length),
                       static_cast<unsigned>(c.code_point));
  }
  return fmt::format("'{}'", rest.substr(0, c.length));
}

bool starts_like_a_name(std::string_view rest) {
  if (rest.empty()) return false;
  if (rest.front() == '/') return true;
  const unicode::DecodedChar c = unicode::decode(rest);
  return c.length > 0 && unicode::is_alnum(c.code_point);
}

// Words for the mistakes people actually make, when the failure shows one.
std::string hint_for(std::string_view line_so_far, std::string_view rest,
                     const ExpectationSet& expected) {
  const char before = line_so_far.empty() ? '\n' : line_so_far.back();
  const char found = rest.empty() ? '\0' : rest.front();
  if (found == '\t') return " (only spaces count as whitespace in bindep files)";
  if (found == '\r') return " (lines must end with '\\n' alone)";
  if ((found == '\n' || rest.empty()) && before == ' ' &&
      expected.contains(Expectation::comment_start)) {
    return " (trailing spaces are not allowed)";
  }
  if (!line_so_far.empty() && line_so_far.find_first_not_of(' ') == std::string_view::npos &&
      starts_like_a_name(rest)) {
    return " (a package rule must start in column 1)";
  }
  if (expected.only(Expectation::name_char)) return " (a package name has at least 2 characters)";
  if (before == '!' && expected.contains(Expectation::profile_char)) {
    return " ('!' must be followed directly by a profile name and cannot negate a group)";
  }
  if (found == '#' && expected.contains(Expectation::selector_close)) {
    return " (a comment cannot start inside '[...]')";
  }
  const bool on_a_rule_line = !line_so_far.empty() && line_so_far.front() != ' ';
  if (on_a_rule_line && found == '[' && !expected.contains(Expectation::selector_open) &&
      expected.contains(Expectation::comment_start)) {
    return " (a rule has at most one selector, right after the name)";
  }
  if (found == '(' && expected.contains(Expectation::group_close)) {
    return " (groups cannot be nested)";
  }
  if (found >= 'A' && found <= 'Z' && expected.contains(Expectation::profile_char)) {
    return " (profile names are lowercase)";
  }
  if (found == ' ' && before == ',' && expected.contains(Expectation::version_operator)) {
    return " (constraints are separated by ',' without spaces)";
  }
  if (found == ' ' && (before == '<' || before == '>' || before == '=') &&
      expected.contains(Expectation::version_start)) {
    return " (no space is allowed between the operator and the version)";
  }
  return "";
}

ParseError make_error(std::string_view text, const FurthestFailure& failure,
                      const std::string& display_name) {
  const std::size_t offset = failure.where == nullptr
                                 ? text.size()
                                 : static_cast<std::size_t>(failure.where - text.data());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line_start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  const std::size_t line_end = std::min(text.find('\n', offset), text.size());
  const std::string_view line_so_far = text.substr(line_start, offset - line_start);
  const std::string_view rest = text.substr(offset, line_end - offset);

  SourceLocation where{
      display_name, 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')),
      1 + utf8_length(line_so_far), std::string(text.substr(line_start, line_end - line_start))};

  const ExpectationSet& expected = failure.expected;
  const bool at_end_of_file = offset == text.size();
  std::string message;
  if (at_end_of_file && expected.contains(Expectation::line_break)) {
    message = "expected a line break at the end of the file";
  } else if (!rest.empty() && rest.front() == '[' && expected.contains(Expectation::name_char)) {
    // Right after a name: `foo[test]`.
    message = "expected a space before '['";
  } else if (expected.empty()) {
    // Not reachable with this grammar: every item starts with a reported rule.
    message = fmt::format("expected a package rule, a comment or a blank line, found {}",
                          describe_found(text.substr(offset)));
  } else {
    message =
        fmt::format("expected {}, found {}{}", expected.describe(),
                    describe_found(text.substr(offset)), hint_for(line_so_far, rest, expected));
  }
  return ParseError(message, std::move(where));
}

RuleFile parse_checked(std::string_view text, const std::string& display_name) {
  RuleFile result{display_name, {}};
  if (text.empty()) return result;

  ParseState state;
  state.line_begin = text.data();
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf> in(
      text.data(), text.data() + text.size(), display_name);
  if (!pegtl::parse<grammar::file, build_action, track_failures>(in, state)) {
    throw make_error(text, state.failure, display_name);
  }
  result.rules = std::move(state.rules);
  return result;
}

}  // namespace

RuleFile parse_rules(std::string_view text, const std::string& display_name) {
  // The grammar decodes UTF-8 and counts columns in characters; text that
  // never went through read_text_file gets the same checks here.
  check_text(text, display_name);
  return parse_checked(text, display_name);
}

RuleFile parse_rule_file(const std::filesystem::path& path) {
  const std::string raw = read_text_file(path);
  return parse_checked(normalize_newlines(raw), path.string());
}

}  // namespace locidep::parser
