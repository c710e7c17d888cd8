#include "planner/diff.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace locidep::planner {

namespace {

// What a plan asks for by rule (bootstrap lists are the catalogue's, the same
// on both sides), including what no repository had.
std::map<std::string, std::string> requested_by_rule(const ServicePlan& service) {
  std::map<std::string, std::string> rules;
  for (const auto& item : service.install) {
    if (item.direct && item.source != "bootstrap") rules.emplace(item.name, item.source);
  }
  for (const auto& item : service.unavailable) rules.emplace(item.name, item.source);
  return rules;
}

std::map<std::string, const InstallItem*> installed(const ServicePlan& service) {
  std::map<std::string, const InstallItem*> items;
  for (const auto& item : service.install) items.emplace(item.name, &item);
  return items;
}

std::set<std::string> purged(const ServicePlan& service) {
  std::set<std::string> names;
  for (const auto& item : service.purge) names.insert(item.name);
  return names;
}

std::int64_t total_size(const ServicePlan& service) {
  std::int64_t total = 0;
  for (const auto& item : service.install) total += static_cast<std::int64_t>(item.installed_size);
  return total;
}

// The entries one side has and the other lacks: first what its rules newly
// ask for, then what its install set newly holds.
std::vector<DiffEntry> one_sided(const ServicePlan& side, const ServicePlan& other) {
  const auto side_rules = requested_by_rule(side);
  const auto other_rules = requested_by_rule(other);
  const auto side_items = installed(side);
  const auto other_items = installed(other);
  std::vector<DiffEntry> entries;
  for (const auto& [name, rule] : side_rules) {
    if (other_rules.contains(name)) continue;
    const auto it = side_items.find(name);
    entries.push_back({name, it == side_items.end() ? "" : it->second->version, true, rule});
  }
  for (const auto& [name, item] : side_items) {
    if (other_items.contains(name) || (side_rules.contains(name) && !other_rules.contains(name))) continue;
    const auto rule = side_rules.find(name);
    entries.push_back({name, item->version, rule != side_rules.end(), rule != side_rules.end() ? rule->second : ""});
  }
  std::sort(entries.begin(), entries.end(), [](const DiffEntry& a, const DiffEntry& b) { return a.name < b.name; });
  return entries;
}

ServiceDiff diff_service(const ServicePlan& old_service, const ServicePlan& new_service, const std::string& distro) {
  ServiceDiff diff;
  diff.service = new_service.service.empty() ? old_service.service : new_service.service;
  diff.distro = distro;
  diff.added = one_sided(new_service, old_service);
  diff.removed = one_sided(old_service, new_service);
  const auto old_items = installed(old_service);
  for (const auto& [name, item] : installed(new_service)) {
    const auto it = old_items.find(name);
    if (it != old_items.end() && it->second->version != item->version) {
      diff.changed.push_back({name, it->second->version, item->version});
    }
  }
  const auto old_purge = purged(old_service);
  const auto new_purge = purged(new_service);
  std::set_difference(new_purge.begin(), new_purge.end(), old_purge.begin(), old_purge.end(),
                      std::back_inserter(diff.purge_added));
  std::set_difference(old_purge.begin(), old_purge.end(), new_purge.begin(), new_purge.end(),
                      std::back_inserter(diff.purge_removed));
  diff.installed_size_change = total_size(new_service) - total_size(old_service);
  return diff;
}

nlohmann::ordered_json entries_json(const std::vector<DiffEntry>& entries) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& entry : entries) {
    list.push_back({{"name", entry.name}, {"version", entry.version}, {"direct", entry.direct}, {"rule", entry.rule}});
  }
  return list;
}

std::string entry_text(const DiffEntry& entry) {
  std::string text = entry.name;
  text += entry.version.empty() ? " (in no repository)" : " " + entry.version;
  text += entry.direct ? "  [direct: " + entry.rule + "]" : "  [transitive]";
  return text;
}

std::string signed_size(std::int64_t bytes) {
  const char sign = bytes < 0 ? '-' : '+';
  const auto magnitude = static_cast<std::uint64_t>(bytes < 0 ? -bytes : bytes);
  return fmt::format("{}{} KiB", sign, magnitude / 1024);
}

}  // namespace

std::vector<ServiceDiff> diff_plans(const Plan& old_plan, const Plan& new_plan) {
  const std::string distro =
      old_plan.distro == new_plan.distro ? new_plan.distro : old_plan.distro + " -> " + new_plan.distro;
  std::vector<ServiceDiff> diffs;
  std::set<std::string> seen;
  const ServicePlan none;
  for (const auto& old_service : old_plan.services) {
    seen.insert(old_service.service);
    const auto it = std::find_if(new_plan.services.begin(), new_plan.services.end(),
                                 [&](const ServicePlan& s) { return s.service == old_service.service; });
    ServiceDiff diff = diff_service(old_service, it == new_plan.services.end() ? none : *it, distro);
    diff.service = old_service.service;
    if (!diff.empty()) diffs.push_back(std::move(diff));
  }
  for (const auto& new_service : new_plan.services) {
    if (seen.contains(new_service.service)) continue;
    ServiceDiff diff = diff_service(none, new_service, distro);
    if (!diff.empty()) diffs.push_back(std::move(diff));
  }
  return diffs;
}

std::string render_diff(const std::vector<ServiceDiff>& diffs, DiffFormat format) {
  if (format == DiffFormat::json) {
    auto services = nlohmann::ordered_json::array();
    for (const auto& diff : diffs) {
      auto changed = nlohmann::ordered_json::array();
      for (const auto& change : diff.changed) changed.push_back({{"name", change.name}, {"from", change.from}, {"to", change.to}});
      services.push_back({{"service", diff.service},
                          {"distro", diff.distro},
                          {"added", entries_json(diff.added)},
                          {"removed", entries_json(diff.removed)},
                          {"changed", changed},
                          {"purge_added", diff.purge_added},
                          {"purge_removed", diff.purge_removed},
                          {"installed_size_change", diff.installed_size_change}});
    }
    return nlohmann::ordered_json{{"services", services}}.dump(2) + "\n";
  }
  std::string text;
  for (const auto& diff : diffs) {
    if (format == DiffFormat::markdown) {
      text += fmt::format("### {} on {}\n\n", diff.service, diff.distro);
      text += "| change | package | version | why |\n| --- | --- | --- | --- |\n";
      for (const auto& entry : diff.added) {
        text += fmt::format("| added | `{}` | {} | {} |\n", entry.name, entry.version.empty() ? "(in no repository)" : entry.version,
                            entry.direct ? "rule " + entry.rule : "dependency");
      }
      for (const auto& entry : diff.removed) {
        text += fmt::format("| removed | `{}` | {} | {} |\n", entry.name, entry.version.empty() ? "(in no repository)" : entry.version,
                            entry.direct ? "rule " + entry.rule : "dependency");
      }
      for (const auto& change : diff.changed) {
        text += fmt::format("| changed | `{}` | {} → {} | |\n", change.name, change.from, change.to);
      }
      for (const auto& name : diff.purge_added) text += fmt::format("| now purged | `{}` | | cleanup |\n", name);
      for (const auto& name : diff.purge_removed) text += fmt::format("| no longer purged | `{}` | | cleanup |\n", name);
      text += fmt::format("\nInstalled size: {}.\n\n", signed_size(diff.installed_size_change));
      continue;
    }
    text += fmt::format("{} on {}: {} added, {} removed, {} changed, installed size {}\n", diff.service, diff.distro,
                        diff.added.size(), diff.removed.size(), diff.changed.size(),
                        signed_size(diff.installed_size_change));
    for (const auto& entry : diff.added) text += "  + " + entry_text(entry) + "\n";
    for (const auto& entry : diff.removed) text += "  - " + entry_text(entry) + "\n";
    for (const auto& change : diff.changed) text += fmt::format("  ~ {} {} -> {}\n", change.name, change.from, change.to);
    for (const auto& name : diff.purge_added) text += "  purge + " + name + "\n";
    for (const auto& name : diff.purge_removed) text += "  purge - " + name + "\n";
  }
  return text;
}

}  // namespace locidep::planner
