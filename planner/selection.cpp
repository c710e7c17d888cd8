#include "planner/selection.hpp"

#include <optional>
#include <variant>

namespace locidep::planner {
namespace {

bool atom_matches(const parser::ProfileAtom& atom, const ActiveProfiles& profiles) {
  return profiles.contains(atom.name) != atom.negated;
}

bool group_matches(const parser::ProfileGroup& group, const ActiveProfiles& profiles) {
  for (const auto& atom : group.atoms) {
    if (!atom_matches(atom, profiles)) return false;
  }
  return true;  // an empty group always matches
}

// One partition of a selector (the platform atoms, or everything else):
// nullopt when empty (no opinion), else whether it admits the rule.
std::optional<bool> evaluate_partition(const std::vector<const parser::SelectorItem*>& items,
                                       const ActiveProfiles& profiles) {
  if (items.empty()) return std::nullopt;
  bool has_positive = false;
  bool any_positive_matches = false;
  for (const auto* item : items) {
    if (const auto* atom = std::get_if<parser::ProfileAtom>(item)) {
      if (atom->negated) {
        if (profiles.contains(atom->name)) return false;
      } else {
        has_positive = true;
        any_positive_matches = any_positive_matches || profiles.contains(atom->name);
      }
    } else {
      // A group counts as a positive item whatever it contains.
      has_positive = true;
      any_positive_matches =
          any_positive_matches || group_matches(std::get<parser::ProfileGroup>(*item), profiles);
    }
  }
  return any_positive_matches || !has_positive;
}

}  // namespace

ActiveProfiles::ActiveProfiles(const std::vector<std::string>& user_profiles,
                               const std::vector<std::string>& platform_atoms,
                               bool default_when_empty) {
  if (user_profiles.empty() && default_when_empty) {
    profiles_.insert("default");
  } else {
    profiles_.insert(user_profiles.begin(), user_profiles.end());
  }
  profiles_.insert(platform_atoms.begin(), platform_atoms.end());
}

bool rule_is_active(const parser::Rule& rule, const ActiveProfiles& profiles) {
  // Platform atoms written loose in the brackets are a filter; everything
  // else, groups included (even groups of platform atoms), is the user part.
  std::vector<const parser::SelectorItem*> platform_items;
  std::vector<const parser::SelectorItem*> user_items;
  for (const auto& item : rule.selector) {
    const auto* atom = std::get_if<parser::ProfileAtom>(&item);
    (atom && atom->is_platform() ? platform_items : user_items).push_back(&item);
  }
  return evaluate_partition(platform_items, profiles) != false &&
         evaluate_partition(user_items, profiles) != false;
}

std::vector<const parser::Rule*> active_rules(const parser::RuleFile& file,
                                              const ActiveProfiles& profiles) {
  std::vector<const parser::Rule*> active;
  for (const auto& rule : file.rules) {
    if (rule_is_active(rule, profiles)) active.push_back(&rule);
  }
  return active;
}

}  // namespace locidep::planner
