// What `locidep diff` must report, worked out from other commands: the
// direct entries from `locidep list` on each file (bindep's selection alone;
// a name the package manager met with a package of another name counts as
// that package, as the plan's "meets" says),
// the transitive ones, version changes, purge changes and installed size from
// the two sides' `locidep plan --format json`. (A name both files select that
// only one side's repositories have is a version change from or to none.) The diff tests compare
// diff's answer with this one, entry by entry.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace locidep::test {

// One side of a diff: a bindep file planned on a distro, with the data
// options (--repo …, already spelled for `plan`) and extra profiles.
struct DiffSide {
  std::filesystem::path file;
  std::string distro;
  std::vector<std::string> data_options;
};

using NameSet = std::set<std::string>;

inline NameSet minus(const NameSet& a, const NameSet& b) {
  NameSet out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

// One service of a side's plan: what the oracle needs of it.
struct PlannedService {
  std::vector<std::string> profiles;
  std::map<std::string, std::string> install;  // name → version
  NameSet purge;
  std::int64_t installed_size = 0;
  // A request word the package manager met with a package of another name
  // ("meets" in the plan's JSON) → that package.
  std::map<std::string, std::string> met_by;
};

class DiffOracle {
 public:
  DiffOracle(std::filesystem::path cache, std::vector<std::string> profiles)
      : cache_(std::move(cache)), profiles_(std::move(profiles)) {}

  std::map<std::string, PlannedService> plan(const DiffSide& side) const {
    std::vector<std::string> arguments = {
        "plan",     "--distro", side.distro,          "-f",          side.file.string(),
        "--format", "json",     "--skip-unavailable", "--cache-dir", cache_.string()};
    arguments.insert(arguments.end(), side.data_options.begin(), side.data_options.end());
    for (const auto& profile : profiles_) {
      arguments.push_back("--profile");
      arguments.push_back(profile);
    }
    const auto result = run_process(LOCIDEP_BINARY, arguments);
    EXPECT_EQ(result.exit_code, 0) << side.file << " on " << side.distro << ": " << result.err;
    std::map<std::string, PlannedService> services;
    if (result.exit_code != 0) return services;
    // Keep the parsed document alive while walking it.
    const auto document = nlohmann::json::parse(result.out);
    for (const auto& service : document.at("services")) {
      PlannedService planned;
      planned.profiles = service.at("profiles").get<std::vector<std::string>>();
      for (const auto& item : service.at("install")) {
        planned.install[item.at("name").get<std::string>()] = item.at("version").get<std::string>();
        for (const auto& word : item.value("meets", nlohmann::json::array())) {
          planned.met_by[word.get<std::string>()] = item.at("name").get<std::string>();
        }
        planned.installed_size += item.value("installed_size", std::int64_t{0});
      }
      for (const auto& item : service.at("purge"))
        planned.purge.insert(item.at("name").get<std::string>());
      services[service.at("service").get<std::string>()] = std::move(planned);
    }
    return services;
  }

  // `locidep list` on the side's file for these profiles.
  NameSet listed(const DiffSide& side, const std::vector<std::string>& profiles) const {
    std::vector<std::string> arguments = {"list", "-f", side.file.string(), "--distro",
                                          side.distro};
    arguments.insert(arguments.end(), profiles.begin(), profiles.end());
    const auto result = run_process(LOCIDEP_BINARY, arguments);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    NameSet names;
    std::string line;
    std::istringstream lines(result.out);
    while (std::getline(lines, line)) {
      if (!line.empty()) names.insert(line);
    }
    return names;
  }

  // Runs `locidep diff OLD NEW --format json DIFF_ARGUMENTS…` and checks
  // every service against the plans and lists of the two sides. Returns how
  // many services differ (so a caller can see the check was not vacuous).
  int check(const DiffSide& old_side, const DiffSide& new_side,
            const std::vector<std::string>& diff_arguments) const {
    std::vector<std::string> arguments = {
        "diff", old_side.file.string(), new_side.file.string(), "--format",
        "json", "--cache-dir",          cache_.string()};
    arguments.insert(arguments.end(), diff_arguments.begin(), diff_arguments.end());
    for (const auto& profile : profiles_) {
      arguments.push_back("--profile");
      arguments.push_back(profile);
    }
    const auto diff = run_process(LOCIDEP_BINARY, arguments);
    EXPECT_TRUE(diff.exit_code == 0 || diff.exit_code == 1) << diff.err;
    if (diff.exit_code != 0 && diff.exit_code != 1) return 0;
    const auto document = nlohmann::json::parse(diff.out);
    EXPECT_EQ(diff.exit_code, document.at("services").empty() ? 0 : 1);

    const auto old_plan = plan(old_side);
    const auto new_plan = plan(new_side);
    NameSet names;
    for (const auto* side : {&old_plan, &new_plan}) {
      for (const auto& [name, service] : *side) names.insert(name);
    }
    int differing = 0;
    for (const auto& name : names) {
      const PlannedService none;
      const auto old_it = old_plan.find(name);
      const auto new_it = new_plan.find(name);
      const PlannedService& old_service = old_it == old_plan.end() ? none : old_it->second;
      const PlannedService& new_service = new_it == new_plan.end() ? none : new_it->second;
      // The listed names, each as the package that met it.
      const auto as_installed = [](const NameSet& names, const PlannedService& service) {
        NameSet out;
        for (const auto& listed_name : names) {
          const auto met = service.met_by.find(listed_name);
          out.insert(met == service.met_by.end() ? listed_name : met->second);
        }
        return out;
      };
      const NameSet old_listed =
          old_it == old_plan.end()
              ? NameSet{}
              : as_installed(listed(old_side, old_service.profiles), old_service);
      const NameSet new_listed =
          new_it == new_plan.end()
              ? NameSet{}
              : as_installed(listed(new_side, new_service.profiles), new_service);
      const auto keys = [](const std::map<std::string, std::string>& install) {
        NameSet out;
        for (const auto& [package, version] : install) out.insert(package);
        return out;
      };
      const NameSet old_installed = keys(old_service.install),
                    new_installed = keys(new_service.install);

      // A name both files select that only one side could install changed
      // version (from or to none); it is neither added nor removed.
      const NameSet listed_on_both = minus(old_listed, minus(old_listed, new_listed));
      Expected expected;
      expected.direct_added = minus(new_listed, old_listed);
      expected.direct_removed = minus(old_listed, new_listed);
      expected.transitive_added =
          minus(minus(minus(new_installed, old_installed), expected.direct_added), listed_on_both);
      expected.transitive_removed = minus(
          minus(minus(old_installed, new_installed), expected.direct_removed), listed_on_both);
      for (const auto& package : listed_on_both) {
        if (old_installed.contains(package) != new_installed.contains(package))
          expected.changed.insert(package);
      }
      for (const auto& [package, version] : new_service.install) {
        const auto old_version = old_service.install.find(package);
        if (old_version != old_service.install.end() && old_version->second != version)
          expected.changed.insert(package);
      }
      expected.purge_added = minus(new_service.purge, old_service.purge);
      expected.purge_removed = minus(old_service.purge, new_service.purge);
      expected.size_change = new_service.installed_size - old_service.installed_size;

      Expected reported;
      for (const auto& entry : document.at("services")) {
        if (entry.at("service") != name) continue;
        for (const auto& item : entry.at("added")) {
          (item.at("direct") ? reported.direct_added : reported.transitive_added)
              .insert(item.at("name").get<std::string>());
          if (item.at("direct")) {
            EXPECT_FALSE(item.at("rule").get<std::string>().empty()) << item;
          }
        }
        for (const auto& item : entry.at("removed")) {
          (item.at("direct") ? reported.direct_removed : reported.transitive_removed)
              .insert(item.at("name").get<std::string>());
          if (item.at("direct")) {
            EXPECT_FALSE(item.at("rule").get<std::string>().empty()) << item;
          }
        }
        for (const auto& item : entry.at("changed"))
          reported.changed.insert(item.at("name").get<std::string>());
        for (const auto& item : entry.at("purge_added"))
          reported.purge_added.insert(item.get<std::string>());
        for (const auto& item : entry.at("purge_removed"))
          reported.purge_removed.insert(item.get<std::string>());
        reported.size_change = entry.at("installed_size_change").get<std::int64_t>();
      }
      const auto where = old_side.file.filename().string() + " on " + old_side.distro + " -> " +
                         new_side.file.filename().string() + " on " + new_side.distro + ", " + name;
      EXPECT_EQ(reported.direct_added, expected.direct_added) << where << ": direct added";
      EXPECT_EQ(reported.direct_removed, expected.direct_removed) << where << ": direct removed";
      EXPECT_EQ(reported.transitive_added, expected.transitive_added)
          << where << ": transitive added";
      EXPECT_EQ(reported.transitive_removed, expected.transitive_removed)
          << where << ": transitive removed";
      EXPECT_EQ(reported.changed, expected.changed) << where << ": changed";
      EXPECT_EQ(reported.purge_added, expected.purge_added) << where << ": purge added";
      EXPECT_EQ(reported.purge_removed, expected.purge_removed) << where << ": purge removed";
      EXPECT_EQ(reported.size_change, expected.size_change) << where << ": installed size";
      if (!(expected == Expected{})) ++differing;
    }
    return differing;
  }

 private:
  struct Expected {
    NameSet direct_added, direct_removed, transitive_added, transitive_removed, changed,
        purge_added, purge_removed;
    std::int64_t size_change = 0;
    bool operator==(const Expected&) const = default;
  };

  std::filesystem::path cache_;
  std::vector<std::string> profiles_;
};

}  // namespace locidep::test
