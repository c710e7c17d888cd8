#include "parser/expectation.hpp"

#include <vector>

namespace locidep::parser {
namespace {

const char* words_for(Expectation e) {
  switch (e) {
    case Expectation::none: return "";
    case Expectation::name_start: return "a package name (starting with a letter, digit or '/')";
    case Expectation::name_char: return "a package name character";
    case Expectation::selector_open: return "'['";
    case Expectation::profile_char: return "a profile name character (a-z, 0-9, ':', '-', '.')";
    case Expectation::group_open: return "'('";
    case Expectation::group_close: return "')'";
    case Expectation::selector_close: return "']'";
    case Expectation::version_operator: return "a version operator (<=, <, !=, ==, >=, >)";
    case Expectation::version_start: return "a version (starting with a digit)";
    case Expectation::digit: return "a digit";
    case Expectation::version_char: return "a version character";
    case Expectation::constraint_separator: return "','";
    case Expectation::space: return "a space";
    case Expectation::comment_start: return "'#'";
    case Expectation::line_break: return "end of line";
  }
  return "";
}

}  // namespace

std::string ExpectationSet::describe() const {
  ExpectationSet shown = *this;
  // At the start of a version both the epoch and the upstream part want a
  // digit; saying it once, as "a version", is enough.
  if (shown.contains(Expectation::version_start)) shown.remove(Expectation::digit);

  std::vector<const char*> words;
  for (unsigned i = 1; i <= static_cast<unsigned>(Expectation::line_break); ++i) {
    const auto e = static_cast<Expectation>(i);
    if (shown.contains(e)) words.push_back(words_for(e));
  }
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += (i + 1 == words.size()) ? " or " : ", ";
    text += words[i];
  }
  return text;
}

}  // namespace locidep::parser
