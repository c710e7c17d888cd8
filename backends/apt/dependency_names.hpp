// The parts of a Debian dependency apt's policy looks at, shared by the
// resolver and its replay of apt's marking.
#pragma once

#include <optional>

#include "backends/solv/pool.hpp"

namespace locidep::apt {

// The first alternative of an OR dependency (the dependency itself otherwise).
inline solv::DependencyId first_alternative(const solv::Pool& pool, solv::DependencyId dependency) {
  while (auto relation = pool.relation_of(dependency)) {
    if (relation->op != static_cast<int>(solv::RelationOp::or_)) break;
    dependency = relation->name;
  }
  return dependency;
}

// The package name a dependency is about ("a (>= 1)" → a, "a:any" → a).
inline std::optional<solv::StringId> dependency_name(const solv::Pool& pool,
                                                     solv::DependencyId dependency) {
  while (auto relation = pool.relation_of(dependency)) {
    if (relation->op == static_cast<int>(solv::RelationOp::or_) ||
        relation->op == static_cast<int>(solv::RelationOp::and_)) {
      return std::nullopt;
    }
    dependency = relation->name;
  }
  return solv::StringId{dependency.value()};
}

}  // namespace locidep::apt
