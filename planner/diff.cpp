#include "planner/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace locidep::planner {

namespace {

// What a plan asks for by rule, including what no repository had and what
// was already met. LOCI's bootstrap list is the catalogue's, not a rule.
std::map<std::string, std::string> requested_by_rule(const ServicePlan& service) {
  std::map<std::string, std::string> rules;
  for (const auto& item : service.install) {
    if (item.direct && item.source != "bootstrap") rules.emplace(item.name, item.source);
  }
  for (const auto& item : service.unavailable) {
    if (item.source != "bootstrap") rules.emplace(item.name, item.source);
  }
  for (const auto& item : service.met) rules.emplace(item.name, item.source);
  return rules;
}

// Why a side installs nothing under a name its rules ask for.
std::string absent_reason(const ServicePlan& service, const std::string& name) {
  for (const auto& item : service.met) {
    if (item.name == name) return "already met";
  }
  return "in no repository";
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

// The entries one side has and the other lacks: what its rules newly ask
// for (direct), then what its install set newly holds besides (transitive,
// or LOCI's bootstrap). A name both sides' rules ask for is never here: when
// only one side could install it, that is a change of version (from or to
// none), not a new request.
std::vector<DiffEntry> one_sided(const ServicePlan& side, const ServicePlan& other) {
  const auto side_rules = requested_by_rule(side);
  const auto other_rules = requested_by_rule(other);
  const auto side_items = installed(side);
  const auto other_items = installed(other);
  std::vector<DiffEntry> entries;
  for (const auto& [name, rule] : side_rules) {
    if (other_rules.contains(name)) continue;
    const auto it = side_items.find(name);
    if (it == side_items.end()) {
      entries.push_back({name, "", true, rule, absent_reason(side, name)});
    } else {
      entries.push_back({name, it->second->version, true, rule, ""});
    }
  }
  for (const auto& [name, item] : side_items) {
    if (other_items.contains(name) || side_rules.contains(name)) continue;
    entries.push_back(
        {name, item->version, false, item->source == "bootstrap" ? "bootstrap" : "", ""});
  }
  std::sort(entries.begin(), entries.end(),
            [](const DiffEntry& a, const DiffEntry& b) { return a.name < b.name; });
  return entries;
}

// Packages in both install sets at another version, and packages both
// sides' rules ask for that only one side could install ("" for none).
std::vector<VersionChange> version_changes(const ServicePlan& old_service,
                                           const ServicePlan& new_service) {
  const auto old_items = installed(old_service);
  const auto new_items = installed(new_service);
  const auto old_rules = requested_by_rule(old_service);
  const auto new_rules = requested_by_rule(new_service);
  std::set<std::string> names;
  for (const auto& [name, item] : old_items) names.insert(name);
  for (const auto& [name, item] : new_items) names.insert(name);
  std::vector<VersionChange> changes;
  for (const auto& name : names) {
    const auto old_it = old_items.find(name);
    const auto new_it = new_items.find(name);
    const bool in_both = old_it != old_items.end() && new_it != new_items.end();
    if (!in_both && !(old_rules.contains(name) && new_rules.contains(name))) continue;
    VersionChange change{name, "", "", "", ""};
    if (old_it == old_items.end()) {
      change.from_absent = absent_reason(old_service, name);
    } else {
      change.from = old_it->second->version;
    }
    if (new_it == new_items.end()) {
      change.to_absent = absent_reason(new_service, name);
    } else {
      change.to = new_it->second->version;
    }
    if (change.from != change.to) changes.push_back(std::move(change));
  }
  return changes;
}

ServiceDiff diff_service(const ServicePlan& old_service, const ServicePlan& new_service,
                         const std::string& distro) {
  ServiceDiff diff;
  diff.service = new_service.service.empty() ? old_service.service : new_service.service;
  diff.distro = distro;
  diff.added = one_sided(new_service, old_service);
  diff.removed = one_sided(old_service, new_service);
  diff.changed = version_changes(old_service, new_service);
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
    list.push_back({{"name", entry.name},
                    {"version", entry.version},
                    {"direct", entry.direct},
                    {"rule", entry.rule}});
  }
  return list;
}

std::string version_text(const std::string& version, const std::string& absent) {
  return version.empty() ? "(" + absent + ")" : version;
}

std::string why_text(const DiffEntry& entry) {
  if (entry.direct) return "direct: " + entry.rule;
  return entry.rule.empty() ? "transitive" : entry.rule;
}

std::string entry_text(const DiffEntry& entry) {
  return entry.name + " " + version_text(entry.version, entry.absent) + "  [" + why_text(entry) +
         "]";
}

std::string markdown_why(const DiffEntry& entry) {
  if (entry.direct) return "rule " + entry.rule;
  return entry.rule.empty() ? "dependency" : entry.rule;
}

std::string signed_size(std::int64_t bytes) {
  const char sign = bytes < 0 ? '-' : '+';
  const auto magnitude = static_cast<std::uint64_t>(bytes < 0 ? -bytes : bytes);
  return fmt::format("{}{} KiB", sign, magnitude / 1024);
}

}  // namespace

std::vector<ServiceDiff> diff_plans(const Plan& old_plan, const Plan& new_plan) {
  const std::string distro = old_plan.distro == new_plan.distro
                                 ? new_plan.distro
                                 : old_plan.distro + " -> " + new_plan.distro;
  std::vector<ServiceDiff> diffs;
  std::set<std::string> seen;
  const ServicePlan none;
  for (const auto& old_service : old_plan.services) {
    seen.insert(old_service.service);
    const auto it =
        std::find_if(new_plan.services.begin(), new_plan.services.end(),
                     [&](const ServicePlan& s) { return s.service == old_service.service; });
    ServiceDiff diff =
        diff_service(old_service, it == new_plan.services.end() ? none : *it, distro);
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
      for (const auto& change : diff.changed)
        changed.push_back({{"name", change.name}, {"from", change.from}, {"to", change.to}});
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
        text += fmt::format("| added | `{}` | {} | {} |\n", entry.name,
                            version_text(entry.version, entry.absent), markdown_why(entry));
      }
      for (const auto& entry : diff.removed) {
        text += fmt::format("| removed | `{}` | {} | {} |\n", entry.name,
                            version_text(entry.version, entry.absent), markdown_why(entry));
      }
      for (const auto& change : diff.changed) {
        text += fmt::format("| changed | `{}` | {} → {} | |\n", change.name,
                            version_text(change.from, change.from_absent),
                            version_text(change.to, change.to_absent));
      }
      for (const auto& name : diff.purge_added)
        text += fmt::format("| now purged | `{}` | | cleanup |\n", name);
      for (const auto& name : diff.purge_removed)
        text += fmt::format("| no longer purged | `{}` | | cleanup |\n", name);
      text += fmt::format("\nInstalled size: {}.\n\n", signed_size(diff.installed_size_change));
      continue;
    }
    text += fmt::format("{} on {}: {} added, {} removed, {} changed, installed size {}\n",
                        diff.service, diff.distro, diff.added.size(), diff.removed.size(),
                        diff.changed.size(), signed_size(diff.installed_size_change));
    for (const auto& entry : diff.added) text += "  + " + entry_text(entry) + "\n";
    for (const auto& entry : diff.removed) text += "  - " + entry_text(entry) + "\n";
    for (const auto& change : diff.changed) {
      text += fmt::format("  ~ {} {} -> {}\n", change.name,
                          version_text(change.from, change.from_absent),
                          version_text(change.to, change.to_absent));
    }
    for (const auto& name : diff.purge_added) text += "  purge + " + name + "\n";
    for (const auto& name : diff.purge_removed) text += "  purge - " + name + "\n";
  }
  return text;
}

}  // namespace locidep::planner
