// What the planner asks of a package manager backend (apt, zypper, dnf): one
// install + purge question against the distro's repositories and base image.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace locidep::planner {

struct SolveRequest {
  std::vector<std::string> install;  // names (or name=version pins)
  std::vector<std::string> purge;    // build-only names removed after the build
  bool recommends = false;
};

struct SolvedPackage {
  std::string name;
  std::string version;
  std::string arch;
  std::string previous_version;  // base image's version for an upgrade
  std::string checksum;
  std::uint64_t installed_size = 0;
  // The request words this package was installed for, in request order: its
  // own name, or a word it meets under another name (zypper/dnf: a provide
  // such as apache2-mod_wsgi-python3 → apache2-mod_wsgi, a file, an
  // obsoleted name; apt: a virtual package with one provider). Empty for
  // what was only pulled in.
  std::vector<std::string> requested_as{};
};

struct SolvedPurge {
  std::string name;
  std::string version;
  std::string arch;
};

struct SolveProblem {
  std::string subject;  // the requested name concerned, when known
  std::string message;  // readable, several lines allowed
};

// One satisfied dependency in the system after the install: the package
// `from` needs `dependency` (as the metadata writes it), and `to` meets it.
struct DependencyLink {
  std::string from;
  std::string dependency;
  std::string to;
};

struct SolveAnswer {
  std::vector<SolveProblem> problems;       // non-empty: refused
  std::vector<SolvedPackage> install;       // new and upgraded packages
  std::vector<SolvedPurge> purge;           // what the cleanup removes
  std::map<std::string, std::string> kept;  // purge request staying installed → why
  // For packages installed without being requested: one package of the
  // install set (or the request) that depends on it. When a backend leaves
  // it empty, the planner derives it from `links`.
  std::map<std::string, std::string> pulled_in_by;
  // The dependencies among base + install set that the installed packages
  // rely on (for `why`); may be empty when the backend cannot tell.
  std::vector<DependencyLink> links;
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

}  // namespace locidep::planner
