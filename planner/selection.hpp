// bindep's selection: which rules of a file are active for a set of profiles
// on a platform (bindep-spec.md §2).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "parser/ast.hpp"

namespace locidep::planner {

// The profiles a rule is judged against: the user's (or "default" when the
// user gave none) plus the platform atoms.
class ActiveProfiles {
 public:
  // bindep adds "default" when the user gives no profile; the planner, which
  // always names the service, can ask for no such fallback.
  ActiveProfiles(const std::vector<std::string>& user_profiles,
                 const std::vector<std::string>& platform_atoms, bool default_when_empty = true);
  bool contains(const std::string& profile) const { return profiles_.contains(profile); }

 private:
  std::set<std::string, std::less<>> profiles_;
};

bool rule_is_active(const parser::Rule& rule, const ActiveProfiles& profiles);

// The active rules, in file order.
std::vector<const parser::Rule*> active_rules(const parser::RuleFile& file,
                                              const ActiveProfiles& profiles);

}  // namespace locidep::planner
