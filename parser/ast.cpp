#include "parser/ast.hpp"

#include <cstddef>

namespace locidep::parser {

const char* to_string(VersionOperator op) {
  switch (op) {
    case VersionOperator::less: return "<";
    case VersionOperator::less_equal: return "<=";
    case VersionOperator::not_equal: return "!=";
    case VersionOperator::equal: return "==";
    case VersionOperator::greater_equal: return ">=";
    case VersionOperator::greater: return ">";
  }
  return "==";
}

std::string selector_text(const std::vector<SelectorItem>& selector) {
  std::string text = "[";
  for (std::size_t i = 0; i < selector.size(); ++i) {
    if (i > 0) text += ' ';
    if (const auto* atom = std::get_if<ProfileAtom>(&selector[i])) {
      text += atom->text();
      continue;
    }
    text += '(';
    const auto& group = std::get<ProfileGroup>(selector[i]);
    for (std::size_t k = 0; k < group.atoms.size(); ++k)
      text += (k > 0 ? " " : "") + group.atoms[k].text();
    text += ')';
  }
  return text + "]";
}

}  // namespace locidep::parser
