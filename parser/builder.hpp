// Turning a successful parse into the AST (actions), and remembering where
// and why an unsuccessful one stopped (control).
//
// Actions fire when a rule matches, even inside a branch that is later
// abandoned. In this grammar every abandoned branch that has fired an action
// makes the whole file fail (a line that starts like a rule can only be a
// rule), so the AST is only ever read after a complete, successful parse.
#pragma once

#include <cstddef>
#include <string_view>
#include <tao/pegtl.hpp>
#include <utility>
#include <vector>

#include "common/text_file.hpp"
#include "parser/ast.hpp"
#include "parser/expectation.hpp"
#include "parser/grammar.hpp"

namespace locidep::parser {

// The deepest place any reported rule failed, and every rule that failed
// there: the point where no alternative could continue.
struct FurthestFailure {
  const char* where = nullptr;
  ExpectationSet expected;

  void note(const char* at, Expectation what) {
    if (where == nullptr || at > where) {
      where = at;
      expected.clear();
    } else if (at < where) {
      return;
    }
    expected.add(what);
  }
};

struct ParseState {
  // Building.
  std::vector<Rule> rules;
  Rule pending;  // the rule line being read
  ProfileGroup group;
  bool in_group = false;
  std::size_t line = 1;
  const char* line_begin = nullptr;

  // Error reporting.
  FurthestFailure failure;

  // The column is counted on from the last position asked for on the same
  // line (positions are asked in order), so a megabyte line of profiles is
  // read once, not once per profile.
  Position position_of(const char* at) {
    if (counted_to < line_begin || at < counted_to) {
      counted_to = line_begin;
      counted_column = 1;
    }
    counted_column +=
        utf8_length(std::string_view(counted_to, static_cast<std::size_t>(at - counted_to)));
    counted_to = at;
    return {line, counted_column};
  }
  const char* counted_to = nullptr;
  std::size_t counted_column = 1;
};

template <typename Rule>
struct build_action : tao::pegtl::nothing<Rule> {};

template <>
struct build_action<grammar::line_break> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    ++state.line;
    state.line_begin = in.end();
  }
};

template <>
struct build_action<grammar::name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    state.pending = Rule{};
    state.pending.name = in.string();
    state.pending.position = state.position_of(in.begin());
    state.in_group = false;
  }
};

template <>
struct build_action<grammar::selector_open> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& state) {
    state.pending.has_selector = true;
  }
};

template <>
struct build_action<grammar::group_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    state.group = ProfileGroup{{}, state.position_of(in.begin())};
    state.in_group = true;
  }
};

template <>
struct build_action<grammar::profile> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    const std::string_view text = in.string_view();
    const bool negated = text.front() == '!';
    ProfileAtom atom{std::string(negated ? text.substr(1) : text), negated,
                     state.position_of(in.begin())};
    if (state.in_group) {
      state.group.atoms.push_back(std::move(atom));
    } else {
      state.pending.selector.emplace_back(std::move(atom));
    }
  }
};

template <>
struct build_action<grammar::group> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& state) {
    state.pending.selector.emplace_back(std::move(state.group));
    state.group = ProfileGroup{};
    state.in_group = false;
  }
};

template <>
struct build_action<grammar::constraint> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    const std::string_view text = in.string_view();
    // Every operator is one character, or two ending in '='; a version never
    // starts with '='.
    const std::size_t op_length = text[1] == '=' ? 2 : 1;
    VersionOperator op = VersionOperator::equal;
    switch (text[0]) {
      case '<': op = op_length == 2 ? VersionOperator::less_equal : VersionOperator::less; break;
      case '>':
        op = op_length == 2 ? VersionOperator::greater_equal : VersionOperator::greater;
        break;
      case '!': op = VersionOperator::not_equal; break;
      default: op = VersionOperator::equal; break;
    }
    state.pending.constraints.push_back(
        VersionConstraint{op, std::string(text.substr(op_length)), state.position_of(in.begin())});
  }
};

template <>
struct build_action<grammar::rule_line> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& state) {
    state.rules.push_back(std::move(state.pending));
    state.pending = Rule{};
  }
};

template <typename Rule>
struct track_failures : tao::pegtl::normal<Rule> {
  template <typename ParseInput>
  static void failure(const ParseInput& in, ParseState& state) noexcept {
    if constexpr (expectation_of<Rule> != Expectation::none) {
      state.failure.note(in.current(), expectation_of<Rule>);
    }
  }
};

}  // namespace locidep::parser
