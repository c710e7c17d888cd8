#include "parser/ast.hpp"

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

}  // namespace locidep::parser
