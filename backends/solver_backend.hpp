// The one answer every package-manager backend gives (apt, zypper, dnf), and
// the interface the planner and `locidep resolve` ask it through. Each
// backend's resolver fills these types itself; nothing above copies them.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace locidep::backends {

struct PackageVersion {
  std::string name;
  std::string version;  // apt: Debian version; rpm: [epoch:]version-release
  std::string arch;
  auto operator<=>(const PackageVersion&) const = default;
};

// A package of the install set: new, or an upgrade of a base package.
struct InstallEntry {
  std::string name;
  std::string version;
  std::string arch;
  std::string previous_version;      // the base's version for an upgrade, "" for a new package
  std::string checksum;              // "sha256:…" where the metadata records one, else ""
  std::uint64_t installed_size = 0;  // bytes
  // The request words that selected it, in request order: its own name, or
  // a word it meets under another name (apt: a virtual package with one
  // provider; zypper/dnf: a provide, a file, an obsoleted name). Empty for
  // what was only pulled in.
  std::vector<std::string> requested_as{};
};

struct SolveProblem {
  std::string subject;               // the request word or package concerned
  std::string message;               // one sentence, the tool's wording where it has one
  std::vector<std::string> details;  // providers, the rule libsolv blames, proposed solutions

  // The message with each detail on an indented line of its own.
  std::string text() const {
    std::string joined = message;
    for (const auto& detail : details) joined += "\n    " + detail;
    return joined;
  }
};

// A purge request that stays installed, and why ("needed by libpq-dev
// (Depends: libssl-dev)", "in the base image", …).
struct KeptPackage {
  std::string name;
  std::string reason;
};

// One satisfied dependency in the system after the install: the package
// `from` needs `dependency` (as the metadata writes it), and `to` meets it.
struct DependencyLink {
  std::string from;
  std::string dependency;
  std::string to;
};

struct SolveRequest {
  std::vector<std::string> install;  // words as the package manager takes them
  std::vector<std::string> purge;    // build-only words removed after the build
  bool recommends = false;
  // Fill pulled_in_by and links (plans, why); `resolve` needs neither, and
  // they cost a walk over the whole system.
  bool dependency_links = true;
};

struct SolveAnswer {
  std::vector<SolveProblem> problems;  // non-empty: the request is refused
  std::vector<InstallEntry> install;   // new and upgraded packages, sorted by name
  std::vector<PackageVersion> purge;   // what the cleanup removes, sorted by name
  std::vector<KeptPackage> kept;       // purge requests that stay installed, with why
  // For packages installed without being requested: one package of the
  // install set (or the request) that depends on it. When a backend leaves
  // it empty, the planner derives it from `links`.
  std::map<std::string, std::string> pulled_in_by;
  // The dependencies among base + install set that the installed packages
  // rely on (for `why`); empty when not asked for.
  std::vector<DependencyLink> links;
  bool solved() const { return problems.empty(); }
};

class SolverBackend {
 public:
  virtual ~SolverBackend() = default;
  virtual std::string name() const = 0;  // "apt", "zypper", "dnf"
  // Where the base image's installed set came from (for plans and lock files).
  virtual std::string base_description() const = 0;
  virtual SolveAnswer solve(const SolveRequest& request) = 0;
  // Every name a request could use: package names and what they provide
  // (for lint's "no such package" and its suggestions); nullopt when the
  // backend cannot list them.
  virtual std::optional<std::set<std::string>> available_names() const { return std::nullopt; }
  // dnf module streams enabled for every solve ("nginx:1.24"): the install
  // step must enable them before it installs their packages.
  virtual std::vector<std::string> enabled_modules() const { return {}; }
};

}  // namespace locidep::backends
