// The parsed form of a bindep-format file (bindep.txt, pydep.txt, …): one
// Rule per package line, in file order, each with its source position.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace locidep::parser {

// 1-based line; 1-based column in characters (code points).
struct Position {
  std::size_t line = 0;
  std::size_t column = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

// A selector atom: `test`, `!test`, `platform:dpkg`, `!platform:suse`.
struct ProfileAtom {
  std::string name;  // without the '!'
  bool negated = false;
  Position position;  // of the '!' or of the first character of the name
  bool is_platform() const { return name.starts_with("platform:"); }
  std::string text() const { return (negated ? "!" : "") + name; }  // as written
  friend bool operator==(const ProfileAtom&, const ProfileAtom&) = default;
};

// A parenthesised AND-group: `(nova ceph)`; may be empty.
struct ProfileGroup {
  std::vector<ProfileAtom> atoms;
  Position position;  // of the '('
  friend bool operator==(const ProfileGroup&, const ProfileGroup&) = default;
};

using SelectorItem = std::variant<ProfileAtom, ProfileGroup>;

// A selector as written, spacing normalised: "[nova !platform:suse (a b)]".
std::string selector_text(const std::vector<SelectorItem>& selector);

enum class VersionOperator { less, less_equal, not_equal, equal, greater_equal, greater };

// The operator as written in a bindep file: "<", "<=", "!=", "==", ">=", ">".
const char* to_string(VersionOperator op);

struct VersionConstraint {
  VersionOperator op = VersionOperator::equal;
  std::string version;
  Position position;  // of the operator
  // Operator and version as written, e.g. ">=1.2".
  std::string text() const { return to_string(op) + version; }
  friend bool operator==(const VersionConstraint&, const VersionConstraint&) = default;
};

struct Rule {
  std::string name;
  Position position;                   // of the name (always column 1)
  bool has_selector = false;           // a `[...]` was written, even an empty one
  std::vector<SelectorItem> selector;  // items in written order
  std::vector<VersionConstraint> constraints;
  friend bool operator==(const Rule&, const Rule&) = default;
};

struct RuleFile {
  std::string path;  // as the user named it; used in every message
  std::vector<Rule> rules;
};

}  // namespace locidep::parser
