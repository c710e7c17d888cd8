// zypper's and dnf's answers, reproduced on libsolv: which packages
// `zypper install --no-recommends W…` / `dnf install --setopt=install_weak_deps=False W…`
// install on top of a base image, what `zypper remove --clean-deps` /
// `dnf remove` (clean_requirements_on_remove) then remove, and the purge set
// of a build: the build-only requests and what only they needed, never a
// runtime package, nothing a runtime package needs, nothing from the base.
//
// The policies (docs/rpm-oracles.md measured them against the real tools):
// - both: rpm version semantics; architecture policy x86_64 > i686, noarch;
//   weak dependencies (Recommends, Supplements) only on request; every
//   request word must match, else the whole request is refused with the
//   tool's own sentence; removals may take installed dependents with them
//   (SOLVER_FLAG_ALLOW_UNINSTALL) and clean what only they needed;
// - zypper: primary only (libzypp never reads filelists); same-name packages
//   of different architectures replace each other; modules ignored;
//   words: a package name (`name`, `name=version`, `name.arch`), else a
//   capability ("Trying capabilities."), else "No provider of 'W' found.";
//   `pattern:X` is the package providing `pattern() = X` (as openSUSE's
//   zypper installs patterns; Debian's libzypp build makes no patterns);
// - dnf: filelists read; multilib (POOL_FLAG_IMPLICITOBSOLETEUSESCOLORS);
//   modules.yaml: packages of streams that are not enabled are hidden, and so
//   are non-modular packages whose names an enabled stream ships; words as
//   hawkey's Subject reads them (NEVRA, NA, NAME, NEVR, NEV, then provides,
//   then files), a bare name also selecting the packages that obsolete it;
//   the protected package `dnf` is never removed (the request is refused).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "backends/rpm/metadata.hpp"
#include "backends/solv/pool.hpp"
#include "backends/solv/solver.hpp"
#include "backends/solver_backend.hpp"

namespace locidep::rpm {

enum class Tool { zypper, dnf };
const char* to_string(Tool tool);

// The answer types are the backends' common ones (backends/solver_backend.hpp).
using backends::DependencyLink;
using backends::InstallEntry;
using backends::KeptPackage;
using backends::PackageVersion;
using RequestProblem = backends::SolveProblem;

struct ResolveRequest {
  std::vector<std::string> install{};  // words as the tool takes them
  bool recommends = false;             // zypper --recommends, dnf install_weak_deps=True
  std::map<std::string, std::string>
      enabled_modules{};             // dnf: module → stream (besides the defaults)
  std::vector<std::string> purge{};  // build-only words removed after the build
  bool dependency_links =
      true;  // fill pulled_in_by and links (plans, why); `resolve` needs neither
  // When set, libsolv testcases of the install and the purge solve are
  // written into DIR/install and DIR/purge.
  std::optional<std::filesystem::path> testcase_directory{};
};

using ResolveResult = backends::SolveAnswer;

// A removal as the tool itself runs it: on a system holding the base and
// INSTALLED, where USER_INSTALLED (and the base) were installed on request.
struct RemoveRequest {
  std::vector<std::string> remove;          // words
  std::vector<std::string> installed;       // NEVRAs installed on top of the base
  std::vector<std::string> user_installed;  // names among INSTALLED marked as installed on request
  std::optional<std::filesystem::path> testcase_directory;  // writes DIR/remove
};

struct RemoveResult {
  std::vector<RequestProblem> problems;  // non-empty: refused
  std::vector<PackageVersion> remove;    // sorted by name
  std::vector<std::string> warnings;     // e.g. dnf's "No match for argument: X"
  bool solved() const { return problems.empty(); }
};

class RpmSystem {
 public:
  explicit RpmSystem(Tool tool, std::string architecture = "x86_64");

  Tool tool() const { return tool_; }

  // An rpm-md repository (folder, repodata/ or repomd.xml). NAME defaults to
  // the folder's name.
  LoadedRepository add_repository(const std::filesystem::path& path, const CacheSettings& cache,
                                  std::string name = "");
  // The base image as a package list, matched against the repositories
  // added so far (add them first). Throws Error(bad_input) naming the first
  // line that no repository holds.
  void set_base_packages(const std::filesystem::path& list);
  void set_base_packages(const std::vector<BaseListEntry>& entries, const std::string& source);
  // The base image as the rpmdb of an unpacked image root.
  void set_base_root(const std::filesystem::path& root);

  ResolveResult resolve(const ResolveRequest& request);
  RemoveResult remove(const RemoveRequest& request);

  // The Requires a set of installed packages leaves unmet, as "pkg: dependency"
  // lines (rich `and`/`or`/`with` evaluated; `if`/`unless`/`else` taken as
  // met); a package no repository or base holds is "unknown: name=version.arch".
  std::vector<std::string> unmet_dependencies(const std::vector<PackageVersion>& system);

  std::vector<PackageVersion> base_packages() const;
  int available_count() const;
  int installed_count() const;

 private:
  struct Word;
  struct Selection;
  void index();
  std::vector<solv::SolvableId> considered_for(
      const std::map<std::string, std::string>& enabled_modules);
  void check_module_streams(const std::map<std::string, std::string>& enabled_modules) const;
  std::optional<Selection> select(const std::string& word, bool installed_only);
  std::optional<Selection> select_dnf(const std::string& word, bool installed_only);
  std::optional<Selection> select_zypper(const std::string& word, bool installed_only);
  std::vector<solv::SolvableId> named(const std::string& name) const;
  std::optional<solv::SolvableId> find_nevra(const Nevra& nevra) const;
  std::string refusal(const std::string& word) const;
  void purge_after_install(const ResolveRequest& request,
                           const std::vector<solv::SolvableId>& considered,
                           const std::vector<std::pair<std::string, solv::SolvableId>>& chosen,
                           const std::vector<solv::SolvableId>& after_install,
                           ResolveResult& result);
  std::vector<std::pair<std::string, Selection>> select_install_words(
      const std::vector<std::string>& words, std::vector<RequestProblem>& problems);
  solv::Jobs install_jobs(const std::vector<std::pair<std::string, Selection>>& selections) const;
  std::map<std::string, std::string> pulled_in_by(
      const std::vector<std::pair<std::string, solv::SolvableId>>& chosen,
      const std::vector<solv::SolvableId>& changed,
      const std::unordered_set<solv::SolvableId>& in_system) const;
  struct RemovalSystem;
  RemovalSystem install_for_removal(const std::vector<std::string>& installed,
                                    const std::vector<solv::SolvableId>& considered);
  void restore_after_removal(RemovalSystem& system,
                             const std::vector<solv::SolvableId>& considered);
  bool add_removal_jobs(const std::vector<std::string>& words, solv::Jobs& jobs,
                        RemoveResult& result);
  std::string protected_in_the_way(const solv::Jobs& jobs,
                                   const std::vector<solv::SolvableId>& protected_installed);
  void solve_removal(const RemoveRequest& request, const RemovalSystem& system,
                     const solv::Jobs& jobs, RemoveResult& result);
  std::vector<DependencyLink> links_of(const std::vector<solv::SolvableId>& system) const;
  std::vector<solv::DependencyId> requires_in_text_order(solv::SolvableId id) const;
  void refresh_provides();

  struct ToolPolicy;
  static const ToolPolicy& policy_of(Tool tool);

  Tool tool_;
  const ToolPolicy* policy_;  // never null
  solv::Pool pool_;
  std::vector<ModuleMetadata> modules_;
  std::vector<solv::RepoView> available_;
  bool indexed_ = false;
  bool file_provides_ready_ = false;
  std::vector<std::pair<solv::RepoView, std::filesystem::path>>
      pending_images_;  // .solv images to write
  std::unordered_map<std::string, std::vector<solv::SolvableId>> by_name_;
  // The available packages that obsolete anything, in repository order
  // (built with by_name_): dnf's obsoletes=True looks at these only.
  std::vector<solv::SolvableId> obsoleting_;
};

}  // namespace locidep::rpm
