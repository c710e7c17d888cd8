// apt-get install's marking (MarkInstall and its CompareProviders), replayed
// over libsolv's solution: what apt would have installed that libsolv's
// answer lacks. The resolver adds those as weak jobs and solves again.
#include <algorithm>
#include <functional>
#include <limits>
#include <tuple>
#include <unordered_set>

#include "backends/apt/dependency_names.hpp"
#include "backends/apt/resolver.hpp"

namespace locidep::apt {

using solv::DependencyId;
using solv::DependencyKind;
using solv::SolvableId;
using solv::StringId;

namespace {

// The alternatives of an OR group in the order the stanza writes them.
std::vector<DependencyId> alternatives_in_order(const solv::Pool& pool, DependencyId dependency) {
  std::vector<DependencyId> alternatives;
  DependencyId rest = dependency;
  while (auto relation = pool.relation_of(rest)) {
    if (relation->op != static_cast<int>(solv::RelationOp::or_)) break;
    // "a | b | c" nests to the right or to the left; flatten in order.
    std::vector<DependencyId> left;
    DependencyId l = relation->name;
    while (auto inner = pool.relation_of(l)) {
      if (inner->op != static_cast<int>(solv::RelationOp::or_)) break;
      left.push_back(inner->evr);
      l = inner->name;
    }
    alternatives.push_back(l);
    alternatives.insert(alternatives.end(), left.rbegin(), left.rend());
    rest = relation->evr;
  }
  alternatives.push_back(rest);
  return alternatives;
}

}  // namespace

// SOLVABLE's Pre-Depends and Depends in the order the stanza declares them.
std::vector<DependencyId> AptSystem::declaration_order(SolvableId solvable) const {
  std::vector<DependencyId> deps = pool_.dependencies(solvable, DependencyKind::depends);
  const auto order = pool_.lookup_string(solvable, keys_.depends_order);
  if (!order) return deps;
  std::unordered_map<std::string_view, std::size_t> position;
  std::size_t index = 0, pos = 0;
  while (pos <= order->size()) {
    std::size_t end = order->find(' ', pos);
    if (end == std::string_view::npos) end = order->size();
    position.emplace(order->substr(pos, end - pos), index++);
    pos = end + 1;
  }
  auto rank = [&](DependencyId dep) {
    const auto name = dependency_name(pool_, first_alternative(pool_, dep));
    if (!name) return position.size();
    const auto found = position.find(pool_.str(*name));
    return found == position.end() ? position.size() : found->second;
  };
  std::stable_sort(deps.begin(), deps.end(),
                   [&](DependencyId a, DependencyId b) { return rank(a) < rank(b); });
  return deps;
}

// apt's number for a package name: apt numbers packages as its cache first
// meets their names, reading the indexes one after the other. The main
// archive (the largest index) is read first; where a name appears in several
// indexes the earliest reading counts.
std::uint64_t AptSystem::apt_package_number(StringId name) {
  if (auto known = apt_numbers_.find(name); known != apt_numbers_.end()) return known->second;
  if (repo_order_.empty()) {
    std::vector<std::pair<int, std::string>> sizes;
    for (const auto& repo : pool_.repos()) {
      if (pool_.installed() && repo == *pool_.installed()) continue;
      sizes.emplace_back(-repo.size(), std::string(repo.name()));
    }
    std::stable_sort(sizes.begin(), sizes.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < sizes.size(); ++i)
      repo_order_.emplace(sizes[i].second, static_cast<std::uint64_t>(i));
  }
  std::uint64_t number = std::numeric_limits<std::uint64_t>::max();
  for (SolvableId id : solvables_named(name)) {
    if (pool_.is_installed(id)) continue;
    const auto mention = pool_.lookup_number(id, keys_.mention);
    const auto repo = repo_order_.find(std::string(pool_.repo_name(id)));
    if (!mention || repo == repo_order_.end()) continue;
    number = std::min(number, (repo->second << 40) | *mention);
  }
  apt_numbers_.emplace(name, number);
  return number;
}

// The provider of DEPENDENCY apt's MarkInstall would take (its
// CompareProviders): a package with an installed version, then the package of
// the dependency's own name, then Essential, then the more important Priority,
// then the package apt numbered last. Candidates only, as apt; providers whose
// own Depends cannot all be met by some candidate are passed over, as apt's
// MarkInstall refuses them. Nothing when no candidate qualifies.
std::optional<SolvableId> AptSystem::apt_preferred_provider(DependencyId dependency) {
  const auto target = dependency_name(pool_, dependency);
  auto priority_rank = [&](SolvableId id) {
    const auto priority = pool_.lookup_string(id, keys_.priority);
    if (!priority) return 0;
    if (*priority == "required") return 1;
    if (*priority == "important") return 2;
    if (*priority == "standard") return 3;
    if (*priority == "optional") return 4;
    return 5;
  };
  auto installable = [&](SolvableId id) {
    for (DependencyId dep : pool_.dependency_list(id, DependencyKind::depends)) {
      if (pool_.what_provides(dep).empty()) return false;
    }
    return true;
  };
  auto key = [&](SolvableId id) {
    const StringId name = pool_.name_id(id);
    bool has_installed = false;
    for (SolvableId other : solvables_named(name))
      has_installed = has_installed || pool_.is_installed(other);
    return std::make_tuple(has_installed, target && name == *target,
                           pool_.lookup_flag(id, keys_.essential), -priority_rank(id),
                           apt_package_number(name));
  };
  std::optional<SolvableId> best;
  for (SolvableId id : pool_.what_provides(dependency)) {
    if (pool_.is_installed(id)) {
      // apt considers candidates; an installed version stands for its name
      // only when it is the candidate too.
      const auto candidate = candidate_of(pool_.name_id(id));
      if (candidate && pool_.version(*candidate) != pool_.version(id)) continue;
    }
    if (!installable(id)) continue;
    if (!best || key(id) > key(*best)) best = id;
  }
  return best;
}

// apt-get install marks the requested packages, then walks each one's
// Depends depth-first in declaration order (and, with Install-Recommends, the
// Recommends after them: apt's cache lists a version's Pre-Depends and
// Depends before its Recommends). For every OR group that nothing
// installed or already marked satisfies at that moment, it installs the first
// alternative that has a candidate. This replays that walk over libsolv's
// solution and returns the first alternatives apt would have installed but
// the solution lacks.
AptSystem::FirstChoices AptSystem::apt_first_choices(const std::vector<SolvableId>& requested,
                                                     const std::vector<SolvableId>& changed,
                                                     bool recommends) {
  std::unordered_set<SolvableId> solution(changed.begin(), changed.end());
  std::unordered_set<StringId> changed_names;
  for (SolvableId id : changed) changed_names.insert(pool_.name_id(id));
  std::unordered_set<SolvableId> marked;
  if (auto installed = pool_.installed()) {
    for (SolvableId id : installed->solvables()) {
      if (!changed_names.contains(pool_.name_id(id))) marked.insert(id);
    }
  }
  auto satisfied = [&](DependencyId dep) {
    for (SolvableId p : pool_.what_provides(dep)) {
      if (marked.contains(p)) return true;
    }
    return false;
  };
  auto in_solution = [&](DependencyId dep) -> std::optional<SolvableId> {
    for (SolvableId p : pool_.what_provides(dep)) {
      if (solution.contains(p) || marked.contains(p)) return p;
    }
    return std::nullopt;
  };
  FirstChoices missing;
  std::unordered_set<SolvableId> visited;
  std::vector<SolvableId> stack;
  for (SolvableId id : requested) {
    if (solution.contains(id)) marked.insert(id);
  }
  std::function<void(SolvableId)> visit = [&](SolvableId id) {
    if (!visited.insert(id).second || !solution.contains(id)) return;
    std::vector<DependencyId> wanted = declaration_order(id);
    if (recommends) {
      const std::vector<DependencyId> added = new_recommends(id);
      wanted.insert(wanted.end(), added.begin(), added.end());
    }
    std::vector<DependencyId> open;
    for (DependencyId dep : wanted) {
      if (!satisfied(dep)) open.push_back(dep);
    }
    for (DependencyId dep : open) {
      if (satisfied(dep)) continue;  // marked meanwhile
      const std::vector<DependencyId> alternatives = alternatives_in_order(pool_, dep);
      std::optional<SolvableId> chosen;
      bool deferred = false;
      for (DependencyId alternative : alternatives) {
        if (pool_.what_provides(alternative).empty()) continue;  // no candidate: apt tries the next
        // apt takes its preferred provider of the first alternative with a
        // candidate; libsolv may have met the dependency otherwise.
        const auto preferred = apt_preferred_provider(alternative);
        if (preferred && (solution.contains(*preferred) || marked.contains(*preferred))) {
          chosen = preferred;
        } else if (preferred) {
          // Not libsolv's choice: ask for apt's, and do not walk what libsolv
          // chose instead (apt never would; the next round walks apt's).
          missing.providers.push_back(*preferred);
          deferred = true;
        } else {
          chosen = in_solution(alternative);
          if (!chosen && alternatives.size() > 1) missing.alternatives.push_back(alternative);
        }
        break;
      }
      if (deferred) continue;
      if (!chosen) chosen = in_solution(dep);
      if (!chosen) continue;
      marked.insert(*chosen);
      visit(*chosen);
    }
  };
  for (SolvableId id : requested) visit(id);
  return missing;
}

}  // namespace locidep::apt
