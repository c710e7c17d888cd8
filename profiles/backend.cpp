// The backends' names and package families: the part of each backend's facts
// that profiles/ itself needs (reading catalogues and bootstrap lists).
#include <array>
#include <cstddef>

#include "profiles/profiles.hpp"

namespace locidep::profiles {

namespace {

struct BackendRow {
  const char* name;
  PackageFamily family;
};

// No default: a value added to Backend without its row here does not compile
// (-Wswitch, and warnings are errors). A value past the enum's last one has
// no row, which is how every_backend finds the end.
constexpr std::optional<BackendRow> row_of(Backend backend) {
  switch (backend) {
    case Backend::apt: return BackendRow{"apt", PackageFamily::dpkg};
    case Backend::zypper: return BackendRow{"zypper", PackageFamily::rpm};
    case Backend::dnf: return BackendRow{"dnf", PackageFamily::rpm};
  }
  return std::nullopt;
}

constexpr std::size_t backend_count = [] {
  std::size_t count = 0;
  while (row_of(static_cast<Backend>(count))) ++count;
  return count;
}();

constexpr std::array<Backend, backend_count> every_backend = [] {
  std::array<Backend, backend_count> backends{};
  for (std::size_t i = 0; i < backend_count; ++i) backends[i] = static_cast<Backend>(i);
  return backends;
}();

// Only a value outside the enum (a bug) has no row.
BackendRow row(Backend backend) { return row_of(backend).value(); }

}  // namespace

const char* to_string(Backend backend) { return row(backend).name; }

PackageFamily family_of(Backend backend) { return row(backend).family; }

std::span<const Backend> all_backends() { return every_backend; }

std::optional<Backend> backend_named(std::string_view name) {
  for (const Backend backend : every_backend) {
    if (name == to_string(backend)) return backend;
  }
  return std::nullopt;
}

std::string backend_choices() {
  std::string text;
  for (std::size_t i = 0; i < backend_count; ++i) {
    if (i > 0) text += i + 1 == backend_count ? " or " : ", ";
    text += to_string(every_backend[i]);
  }
  return text;
}

}  // namespace locidep::profiles
