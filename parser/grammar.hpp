// bindep's grammar (docs: bindep-spec.md §1) as PEGTL rules.
//
// bindep parses with a PEG over the whole file and never commits: when a line
// does not fit, the ordered choices simply run out and the file is rejected.
// So this grammar has no must<>, only the plain PEG operators, in the same
// order as bindep's, which makes it accept and reject exactly the same texts.
// Error positions come from tracking the furthest failure instead
// (expectation.hpp, builder.hpp).
#pragma once

#include <string_view>
#include <tao/pegtl.hpp>

#include "parser/unicode.hpp"

namespace locidep::parser::grammar {

namespace pegtl = tao::pegtl;

// One character (code point) of a class from unicode.hpp, read from UTF-8.
template <bool (*InClass)(char32_t)>
struct code_point_in {
  using rule_t = code_point_in;
  using subs_t = pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    if (in.empty()) return false;
    const auto lead = static_cast<unsigned char>(in.peek_char());
    if (lead < 0x80) {
      if (!InClass(lead)) return false;
      in.bump(1);
      return true;
    }
    const std::size_t available = in.size(4);
    const unicode::DecodedChar decoded =
        unicode::decode(std::string_view(in.current(), available < 4 ? available : 4));
    if (decoded.length == 0 || !InClass(decoded.code_point)) return false;
    in.bump(decoded.length);
    return true;
  }
};

// Python's str.isalnum() / str.isdigit(): bindep's letterOrDigit and digit.
struct alnum : code_point_in<&unicode::is_alnum> {};
struct digit : code_point_in<&unicode::is_digit> {};

// SP := ' ' (the only whitespace), NL := '\n' (the only line end).
struct space : pegtl::one<' '> {};
struct spaces : pegtl::plus<space> {};
struct line_break : pegtl::one<'\n'> {};

// comment := SP* '#' (not NL)* NL, used both after a rule and as a whole line.
struct comment_start : pegtl::one<'#'> {};
struct comment
    : pegtl::seq<pegtl::star<space>, comment_start, pegtl::star<pegtl::not_one<'\n'>>, line_break> {
};

// name := (ALNUM / '/') (ALNUM / '.' / '+' / '-' / '_' / '/')+
struct name_start : pegtl::sor<alnum, pegtl::one<'/'>> {};
struct name_char : pegtl::sor<alnum, pegtl::one<'.', '+', '-', '_', '/'>> {};
struct name : pegtl::seq<name_start, pegtl::plus<name_char>> {};

// profile := '!'? ('a'..'z' / DIGIT / ':' / '-' / '.')+
struct negation : pegtl::one<'!'> {};
struct profile_char : pegtl::sor<pegtl::range<'a', 'z'>, digit, pegtl::one<':', '-', '.'>> {};
struct profile : pegtl::seq<pegtl::opt<negation>, pegtl::plus<profile_char>> {};

// group := '(' (SP* profile)* SP* ')' / profile
struct group_open : pegtl::one<'('> {};
struct group_close : pegtl::one<')'> {};
struct group : pegtl::seq<group_open, pegtl::star<pegtl::star<space>, profile>, pegtl::star<space>,
                          group_close> {};
struct selector_item : pegtl::sor<group, profile> {};

// selector := SP+ '[' (SP* group)* SP* ']'
struct selector_open : pegtl::one<'['> {};
struct selector_close : pegtl::one<']'> {};
struct selector : pegtl::seq<spaces, selector_open, pegtl::star<pegtl::star<space>, selector_item>,
                             pegtl::star<space>, selector_close> {};

// op := '<=' / '<' / '!=' / '==' / '>=' / '>', tried in that order.
struct version_operator
    : pegtl::sor<pegtl::string<'<', '='>, pegtl::one<'<'>, pegtl::string<'!', '='>,
                 pegtl::string<'=', '='>, pegtl::string<'>', '='>, pegtl::one<'>'>> {};

// debversion := epoch? upstream '-' revision / epoch? DIGIT useg*
// The digit rules are told apart only to word error messages well.
struct version_start : digit {};  // first digit of an epoch, i.e. of the version
struct epoch_digit : digit {};
struct upstream_digit : digit {};  // first digit of the upstream part
struct epoch : pegtl::seq<version_start, pegtl::star<epoch_digit>, pegtl::one<':'>> {};
struct version_char : pegtl::sor<alnum, pegtl::one<'.', '+', '~', ':'>> {};  // useg
struct revision_char : pegtl::sor<alnum, pegtl::one<'.', '+', '~'>> {};
struct revision : pegtl::plus<revision_char> {};
struct version_hyphen : pegtl::one<'-'> {};
// A hyphen belongs to the upstream part only if another one, followed by a
// revision, comes later: the last hyphen separates the revision.
struct upstream_hyphen
    : pegtl::seq<version_hyphen, pegtl::at<pegtl::star<version_char>, version_hyphen, revision>> {};
struct upstream
    : pegtl::seq<upstream_digit, pegtl::star<pegtl::sor<version_char, upstream_hyphen>>> {};
struct version_with_revision : pegtl::seq<pegtl::opt<epoch>, upstream, version_hyphen, revision> {};
struct version_without_revision
    : pegtl::seq<pegtl::opt<epoch>, upstream_digit, pegtl::star<version_char>> {};
struct version : pegtl::sor<version_with_revision, version_without_revision> {};

// versions := SP+ constraint (',' constraint)*, no spaces inside.
struct constraint : pegtl::seq<version_operator, version> {};
struct constraint_separator : pegtl::one<','> {};
struct versions : pegtl::seq<spaces, constraint, pegtl::star<constraint_separator, constraint>> {};

// rule := name selector? versions? (NL / comment)
struct line_end : pegtl::sor<line_break, comment> {};
struct rule_line : pegtl::seq<name, pegtl::opt<selector>, pegtl::opt<versions>, line_end> {};
struct comment_line : comment {};
struct blank_line : pegtl::seq<pegtl::star<space>, line_break> {};

// file := (rule / comment_line / blank_line)* EOF
struct item : pegtl::sor<rule_line, comment_line, blank_line> {};
struct file : pegtl::seq<pegtl::star<item>, pegtl::eof> {};

}  // namespace locidep::parser::grammar
