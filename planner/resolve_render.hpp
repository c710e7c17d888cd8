// What `locidep resolve` prints, whatever the package manager: the install
// set, the purge set and the kept build packages of a backend's answer, or
// its refusal.
#pragma once

#include <string>

#include "backends/solver_backend.hpp"

namespace locidep::planner {

// "install: N new, M upgraded" and a line per package; with WITH_PURGE the
// purge set and the kept packages too.
std::string render_resolve_text(const backends::SolveAnswer& answer, bool with_purge);
// {"install":[{"name","version","arch"}…],"purge":[…]} (and "kept" with WITH_PURGE).
std::string render_resolve_json(const backends::SolveAnswer& answer, bool with_purge);
// The refusal as one message: each problem, then its details indented.
std::string render_resolve_problems(const backends::SolveAnswer& answer);

}  // namespace locidep::planner
