// `why`: the chain from a bindep rule through each dependency to a package of
// a service plan; for a purged package why it can go, for a kept build
// package what still needs it.
#pragma once

#include <string>

#include "planner/plan.hpp"

namespace locidep::planner {

// Throws Error(bad_input) when PACKAGE is neither installed nor purged by the
// plan (it may still be in the base image, which the plan leaves alone).
std::string explain(const Plan& plan, const ServicePlan& service, const std::string& package);

}  // namespace locidep::planner
