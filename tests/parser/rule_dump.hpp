// A plain-text form of a parsed file, one line per rule, for fixtures:
//   LINE:COL name=NAME [selector=[ITEM ...]] [versions=[OPVERSION,...]]
// where an ITEM is `atom`, `!atom` or `(atom !atom ...)`. Empty selectors
// are kept (`selector=[]`); a rule without one has no selector field.
#pragma once

#include <string>

#include "parser/ast.hpp"

namespace locidep::parser::testing {

std::string dump(const RuleFile& file);

}  // namespace locidep::parser::testing
