#include "planner/why.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "common/error.hpp"

namespace locidep::planner {

namespace {

struct Step {
  std::string from;
  std::string dependency;
};

// The shortest chain of links from a requested package to PACKAGE, walking
// backwards; `usable` filters the packages a chain may pass through.
std::optional<std::vector<Step>> chain_to(const ServicePlan& service, const std::string& package,
                                          const std::function<bool(const InstallItem&)>& usable) {
  std::map<std::string, const InstallItem*> items;
  for (const auto& item : service.install) items.emplace(item.name, &item);
  std::map<std::string, std::vector<const ServicePlan::Link*>> needed_by;
  for (const auto& link : service.links) {
    if (link.from != link.to) needed_by[link.to].push_back(&link);
  }
  std::map<std::string, const ServicePlan::Link*>
      reached_from;  // package → the link that reached it
  std::deque<std::string> queue{package};
  std::set<std::string> seen{package};
  while (!queue.empty()) {
    const std::string current = queue.front();
    queue.pop_front();
    const auto item = items.find(current);
    if (item != items.end() && item->second->direct && current != package) {
      std::vector<Step> steps;
      for (std::string at = current; at != package;) {
        const auto* link = reached_from.at(at);
        steps.push_back({link->from, link->dependency});
        at = link->to;
      }
      return steps;
    }
    for (const auto* link : needed_by[current]) {
      const auto from = items.find(link->from);
      if (from == items.end() || !usable(*from->second) || !seen.insert(link->from).second)
        continue;
      reached_from[link->from] = link;
      queue.push_back(link->from);
    }
  }
  return std::nullopt;
}

// TOOL is the plan's package manager (apt, zypper, dnf).
std::string request_line(const std::string& tool, const InstallItem& item) {
  const std::string& word = item.requested_as.empty() ? item.name : item.requested_as;
  std::string text = item.source == "bootstrap"
                         ? fmt::format("  LOCI's bootstrap list asks for {}\n", word)
                         : fmt::format("  {}  {}\n", item.source, item.rule_text);
  if (!item.requested_as.empty()) {
    text += fmt::format("  {} installs {} for '{}'\n", tool, item.name, item.requested_as);
  }
  return text;
}

std::string chain_text(const std::string& tool, const ServicePlan& service,
                       const std::vector<Step>& steps) {
  std::string text;
  for (const auto& item : service.install) {
    if (!steps.empty() && item.name == steps.front().from) text += request_line(tool, item);
  }
  for (const auto& step : steps)
    text += fmt::format("  {} depends on {}\n", step.from, step.dependency);
  return text;
}

}  // namespace

std::string explain(const Plan& plan, const ServicePlan& service, const std::string& package) {
  const auto item = std::find_if(service.install.begin(), service.install.end(),
                                 [&](const InstallItem& i) { return i.name == package; });
  const bool purged = std::any_of(service.purge.begin(), service.purge.end(),
                                  [&](const PurgeItem& p) { return p.name == package; });
  const auto kept = std::find_if(service.kept.begin(), service.kept.end(),
                                 [&](const KeptItem& k) { return k.name == package; });
  if (item == service.install.end() && !purged) {
    throw Error(
        ExitCode::bad_input,
        fmt::format("{} is not installed by the plan of {} on {} (neither requested nor pulled in; "
                    "it may be in the base image {}, which the plan leaves alone)",
                    package, service.service, plan.distro, plan.base_image));
  }
  const std::string tool = profiles::to_string(plan.backend);
  std::string text;
  if (item != service.install.end()) {
    text += fmt::format("{} {} ({}) is installed in {} on {}", package, item->version,
                        to_string(item->role), service.service, plan.distro);
    if (!item->previous_version.empty())
      text += fmt::format(", upgrading the base image's {}", item->previous_version);
    text += ":\n";
    if (item->direct) {
      text += request_line(tool, *item);
    } else if (const auto steps =
                   chain_to(service, package, [](const InstallItem&) { return true; })) {
      text += chain_text(tool, service, *steps);
    } else {
      text += "  pulled in by the solver (no single chain of dependencies explains it)\n";
    }
  }
  if (purged) {
    text += fmt::format("{} is purged after the build: ", package);
    if (item != service.install.end() && item->direct) {
      text += "it is build-only, and no runtime package needs it\n";
    } else {
      text += "only build packages need it\n";
      const auto steps =
          chain_to(service, package, [](const InstallItem& i) { return i.role == Role::build; });
      if (steps) text += chain_text(tool, service, *steps);
    }
  } else if (kept != service.kept.end()) {
    text += fmt::format("{} is a build package that stays installed: {}\n", package, kept->reason);
    const auto steps =
        chain_to(service, package, [](const InstallItem& i) { return i.role == Role::runtime; });
    if (steps) text += chain_text(tool, service, *steps);
  } else if (item != service.install.end() && item->role == Role::runtime && !item->direct) {
    // Say what keeps it after the cleanup when a build package pulled it in.
    const auto steps =
        chain_to(service, package, [](const InstallItem& i) { return i.role == Role::runtime; });
    if (steps && !steps->empty() && item->source.find(steps->front().from) == std::string::npos) {
      text += "It stays after the cleanup because:\n" + chain_text(tool, service, *steps);
    }
  }
  return text;
}

}  // namespace locidep::planner
