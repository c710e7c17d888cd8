// Typed ids over libsolv's plain `Id` (an int): a solvable, an interned
// string and a dependency (a plain name or a relation) cannot be mixed up.
// An id is only meaningful together with the Pool that made it.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>

namespace locidep::solv {

template <class Tag>
class TypedId {
 public:
  constexpr TypedId() = default;
  constexpr explicit TypedId(int value) : value_(value) {}
  constexpr int value() const noexcept { return value_; }
  // 0 is libsolv's "none" for every kind of id.
  constexpr explicit operator bool() const noexcept { return value_ != 0; }
  friend constexpr auto operator<=>(TypedId, TypedId) = default;

 private:
  int value_ = 0;
};

using SolvableId = TypedId<struct SolvableIdTag>;
using StringId = TypedId<struct StringIdTag>;
// Either a StringId's value (a bare name) or a relation built by the pool.
using DependencyId = TypedId<struct DependencyIdTag>;

inline DependencyId as_dependency(StringId name) { return DependencyId{name.value()}; }

}  // namespace locidep::solv

template <class Tag>
struct std::hash<locidep::solv::TypedId<Tag>> {
  std::size_t operator()(locidep::solv::TypedId<Tag> id) const noexcept {
    return std::hash<int>{}(id.value());
  }
};
