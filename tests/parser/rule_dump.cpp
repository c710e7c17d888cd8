#include "rule_dump.hpp"

#include <type_traits>
#include <variant>

namespace locidep::parser::testing {
namespace {

std::string dump_atom(const ProfileAtom& atom) { return (atom.negated ? "!" : "") + atom.name; }

std::string dump_item(const SelectorItem& item) {
  return std::visit(
      [](const auto& value) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, ProfileAtom>) {
          return dump_atom(value);
        } else {
          std::string text = "(";
          for (std::size_t i = 0; i < value.atoms.size(); ++i) {
            if (i > 0) text += ' ';
            text += dump_atom(value.atoms[i]);
          }
          return text + ")";
        }
      },
      item);
}

}  // namespace

std::string dump(const RuleFile& file) {
  std::string text;
  for (const Rule& rule : file.rules) {
    text += std::to_string(rule.position.line) + ":" + std::to_string(rule.position.column) +
            " name=" + rule.name;
    if (rule.has_selector) {
      text += " selector=[";
      for (std::size_t i = 0; i < rule.selector.size(); ++i) {
        if (i > 0) text += ' ';
        text += dump_item(rule.selector[i]);
      }
      text += ']';
    }
    if (!rule.constraints.empty()) {
      text += " versions=[";
      for (std::size_t i = 0; i < rule.constraints.size(); ++i) {
        if (i > 0) text += ',';
        text += rule.constraints[i].text();
      }
      text += ']';
    }
    text += '\n';
  }
  return text;
}

}  // namespace locidep::parser::testing
