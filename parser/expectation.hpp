// What the parser was looking for when a rule of the grammar failed, in words
// a user understands. Only the rules listed here are reported; the others are
// either structure (their parts are reported) or never the helpful answer.
#pragma once

#include <cstdint>
#include <string>

#include "parser/grammar.hpp"

namespace locidep::parser {

// Listed in the order an error message names them.
enum class Expectation : std::uint8_t {
  none,
  name_start,
  name_char,
  selector_open,
  profile_char,
  group_open,
  group_close,
  selector_close,
  version_operator,
  version_start,
  digit,
  version_char,
  constraint_separator,
  space,
  comment_start,
  line_break,
};

// A set of expectations, one bit each.
class ExpectationSet {
 public:
  void add(Expectation e) { bits_ |= bit(e); }
  void remove(Expectation e) { bits_ &= ~bit(e); }
  bool contains(Expectation e) const { return (bits_ & bit(e)) != 0; }
  bool only(Expectation e) const { return bits_ == bit(e); }
  bool empty() const { return bits_ == 0; }
  void clear() { bits_ = 0; }

  // "a space, '#' or end of line"
  std::string describe() const;

 private:
  static std::uint32_t bit(Expectation e) { return std::uint32_t{1} << static_cast<unsigned>(e); }
  std::uint32_t bits_ = 0;
};

template <typename Rule>
inline constexpr Expectation expectation_of = Expectation::none;

template <>
inline constexpr Expectation expectation_of<grammar::name_start> = Expectation::name_start;
template <>
inline constexpr Expectation expectation_of<grammar::name_char> = Expectation::name_char;
template <>
inline constexpr Expectation expectation_of<grammar::selector_open> = Expectation::selector_open;
template <>
inline constexpr Expectation expectation_of<grammar::profile_char> = Expectation::profile_char;
template <>
inline constexpr Expectation expectation_of<grammar::group_open> = Expectation::group_open;
template <>
inline constexpr Expectation expectation_of<grammar::group_close> = Expectation::group_close;
template <>
inline constexpr Expectation expectation_of<grammar::selector_close> = Expectation::selector_close;
template <>
inline constexpr Expectation expectation_of<grammar::version_operator> =
    Expectation::version_operator;
template <>
inline constexpr Expectation expectation_of<grammar::version_start> = Expectation::version_start;
template <>
inline constexpr Expectation expectation_of<grammar::upstream_digit> = Expectation::digit;
template <>
inline constexpr Expectation expectation_of<grammar::version_char> = Expectation::version_char;
template <>
inline constexpr Expectation expectation_of<grammar::revision_char> = Expectation::version_char;
template <>
inline constexpr Expectation expectation_of<grammar::constraint_separator> =
    Expectation::constraint_separator;
template <>
inline constexpr Expectation expectation_of<grammar::space> = Expectation::space;
template <>
inline constexpr Expectation expectation_of<grammar::comment_start> = Expectation::comment_start;
template <>
inline constexpr Expectation expectation_of<grammar::line_break> = Expectation::line_break;

}  // namespace locidep::parser
