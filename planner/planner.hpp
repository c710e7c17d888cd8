// Planning: rules + distro + services → a Plan per service (bindep-spec.md
// selection, the service catalogue's roles, the backend's solver).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "backends/solver_backend.hpp"
#include "planner/plan.hpp"
#include "profiles/profiles.hpp"
#include "profiles/services.hpp"

namespace locidep::planner {

struct PlanOptions {
  std::vector<std::string> services;                 // empty: all of the catalogue
  std::vector<std::string> extra_profiles;           // --profile, for every service
  std::optional<std::filesystem::path> constraints;  // pip upper-constraints.txt
  bool recommends = false;
  // Plan on when a requested package cannot be had: drop it, record it in
  // ServicePlan::unavailable, and solve the rest (diff, lint). Without it,
  // such a request is an error naming the rule.
  bool skip_unavailable = false;
};

// The profiles a service is evaluated with: its name, its defaults, the
// user's, then the distro's codename where it has one (LOCI's convention);
// for a project's pseudo-service the user's alone, else bindep's `default`.
std::vector<std::string> service_profiles(const profiles::Service& service,
                                          const std::vector<std::string>& extra_profiles,
                                          const profiles::Distro& distro);

// Throws Error(bad_input) for unknown services, unreadable or unparsable
// rule files, and requests the backend refuses (with the rule that asked).
Plan make_plan(const profiles::Distro& distro, const profiles::ServiceCatalog& catalog,
               backends::SolverBackend& backend, const PlanOptions& options);

// pip requirement pins from an upper-constraints.txt: lower-cased,
// '_'/'.' folded to '-' name → version ("name===1.0" or "name==1.0;markers").
std::map<std::string, std::string> read_constraints(const std::filesystem::path& path);

}  // namespace locidep::planner
