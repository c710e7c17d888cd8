// apt's answer, reproduced on libsolv: which packages `apt-get install
// --no-install-recommends PKG…` installs on top of a base image, and which
// `apt-get purge --auto-remove B…` removes afterwards (with the container
// default APT::AutoRemove::SuggestsImportant=false).
//
// The apt-compatible policy (docs/libsolv-apt.md):
// - only candidate versions (the highest per name) are considered, plus the
//   installed ones and explicit `name=version` pins;
// - the first alternative of `a | b` is favoured; packages that merely
//   Provide a real package's name are disfavoured;
// - `install X` installs X's candidate, upgrading an installed X;
// - Upgrade-By-Source-Package: when a binary of source S at version V is
//   installed, installed binaries of S whose candidate is S at V follow;
// - Recommends only on request, as weak jobs for new packages (and for the
//   Recommends an upgrade adds), solved again until nothing changes;
// - refusals apt makes (unknown package, virtual package with several
//   providers, missing pinned version, unsatisfiable request) are results
//   with readable problems.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "backends/apt/base_image.hpp"
#include "backends/apt/repository.hpp"
#include "backends/solv/pool.hpp"
#include "backends/solv/solver.hpp"
#include "backends/solver_backend.hpp"

namespace locidep::apt {

// The answer types are the backends' common ones (backends/solver_backend.hpp).
using backends::InstallEntry;
using backends::KeptPackage;
using backends::PackageVersion;
using RequestProblem = backends::SolveProblem;

struct ResolveRequest {
  std::vector<std::string> packages;  // "name", "name=version" or "name:arch"
  bool recommends = false;
  std::vector<std::string> purge;  // build-only packages removed after the build
  // When set, libsolv testcases of the final install solve and of the purge
  // solve are written into DIR/install and DIR/purge.
  std::optional<std::filesystem::path> testcase_directory;
};

using ResolveResult = backends::SolveAnswer;

class AptSystem {
 public:
  explicit AptSystem(std::string architecture = "amd64");

  // A --repo argument: an index file, a folder of them, or apt's lists folder.
  std::vector<LoadedIndex> add_repository(const std::filesystem::path& path,
                                          const CacheSettings& cache);
  // Packages stanzas from memory (tests, generated data).
  void add_packages(std::string_view packages_text, std::string_view repo_name);
  // The installed packages; with a cache, through a .solv image of the
  // stanzas (add_installed_packages).
  void set_base(const BaseImage& base, const CacheSettings& cache = {});

  ResolveResult resolve(const ResolveRequest& request);

  // A new system holding only the packages REQUEST can reach (candidates,
  // pins, installed packages and the closure of their Depends/Recommends):
  // it gives the same answer, and its testcases are small enough to keep.
  AptSystem reduced_for(const ResolveRequest& request);

  // The Depends (and Pre-Depends) that a set of installed packages leaves
  // unmet, as "pkg: dependency" lines; empty when the set is consistent.
  // Names a package of SYSTEM it cannot find as "unknown: name=version".
  std::vector<std::string> unmet_dependencies(const std::vector<PackageVersion>& system);
  using DependencyLink = backends::DependencyLink;
  // Every Depends (and Pre-Depends) among a set of installed packages that a
  // member of the set meets, sorted; for `why`.
  std::vector<DependencyLink> dependency_links(const std::vector<PackageVersion>& system);
  // The installed set of the base (name, version, arch).
  std::vector<PackageVersion> base_packages() const;

  int available_count() const;
  int installed_count() const;

 private:
  struct Prepared;
  Prepared prepare(const ResolveRequest& request);
  void index_universe();

  // Steps of resolve (resolver.cpp).
  struct RequestJobs;
  struct FollowUps;
  struct InstallSolution {
    std::vector<solv::SolvableId> changed;  // new and upgraded packages
    std::vector<solv::SolvableId> kept;     // installed packages left as they are
  };
  RequestJobs request_jobs(const Prepared& prepared, std::vector<RequestProblem>& problems);
  std::optional<solv::SolvableId> own_package(std::optional<solv::StringId> name) const;
  std::optional<InstallSolution> solve_install(const ResolveRequest& request,
                                               const Prepared& prepared,
                                               const RequestJobs& request_jobs,
                                               std::vector<RequestProblem>& problems);
  bool add_follow_up_jobs(const std::vector<solv::SolvableId>& requested,
                          const std::vector<solv::SolvableId>& changed, bool recommends,
                          FollowUps& follow_ups, solv::Jobs& jobs);
  std::vector<solv::SolvableId> source_upgrades(
      solv::SolvableId id, const std::unordered_set<solv::StringId>& changed_names) const;
  std::vector<InstallEntry> install_entries(
      const std::vector<solv::SolvableId>& changed, const Prepared& prepared,
      const std::unordered_map<std::string, solv::SolvableId>& word_choices) const;

  // The replay of apt's marking (mark_install.cpp).
  std::vector<solv::DependencyId> declaration_order(solv::SolvableId solvable) const;
  // What apt's marking would have installed that libsolv's solution lacks:
  // first alternatives of OR groups, and apt's preferred providers.
  struct FirstChoices {
    std::vector<solv::DependencyId> alternatives;
    std::vector<solv::SolvableId> providers;
  };
  FirstChoices apt_first_choices(const std::vector<solv::SolvableId>& requested,
                                 const std::vector<solv::SolvableId>& changed, bool recommends);
  std::optional<solv::SolvableId> apt_preferred_provider(solv::DependencyId dependency);
  std::vector<solv::DependencyId> new_recommends(solv::SolvableId id) const;
  std::uint64_t apt_package_number(solv::StringId name);
  std::unordered_map<solv::StringId, std::uint64_t> apt_numbers_;  // memo of apt_package_number
  std::unordered_map<std::string, std::uint64_t> repo_order_;  // index → place in apt's reading
  void purge_after_install(const ResolveRequest& request,
                           const std::unordered_map<std::string, solv::SolvableId>& word_choices,
                           const std::vector<solv::SolvableId>& after_install,
                           ResolveResult& result);
  struct AfterInstall;
  std::vector<solv::SolvableId> protected_after_install(
      const AfterInstall& after, const std::unordered_set<std::string>& base_names,
      const std::unordered_set<std::string>& purge_names,
      const std::unordered_map<std::string, solv::SolvableId>& word_choices) const;
  std::vector<std::pair<std::string, solv::SolvableId>> add_purge_jobs(
      const AfterInstall& after, const std::unordered_set<std::string>& base_names,
      const std::vector<std::string>& purge_words,
      const std::unordered_map<std::string, solv::SolvableId>& word_choices, solv::Jobs& jobs,
      std::vector<KeptPackage>& kept) const;
  static std::string needed_by(const AfterInstall& after, solv::SolvableId id,
                               const std::unordered_set<solv::SolvableId>& erased);

  solv::Pool pool_;
  AptKeys keys_;
  solv::StringId native_arch_;
  solv::StringId all_arch_;
  bool indexed_ = false;
  // What pool_'s provides index (libsolv's whatprovides) was last built for:
  // rebuilding it costs as much as a solve on a full distribution.
  enum class ProvidesIndex { stale, considered, all };
  ProvidesIndex provides_ = ProvidesIndex::stale;
  std::vector<solv::SolvableId> provides_considered_;
  std::uint64_t provides_generation_ = 0;  // counts rebuilds of the index
  struct PolicySets {
    std::uint64_t generation = 0;               // the provides index they were computed on
    std::vector<solv::SolvableId> substitutes;  // provide another known package's name: disfavoured
    std::vector<solv::SolvableId> favoured;     // first alternatives of OR dependencies
  };
  std::optional<PolicySets> policy_;
  const PolicySets& policy_sets(const std::vector<solv::SolvableId>& considered);
  void index_provides(const std::vector<solv::SolvableId>& considered);
  // An index in which every solvable of MEMBERS is visible.
  void index_provides_covering(const std::vector<solv::SolvableId>& members);
  // Every solvable by name, all versions of a name together in id order:
  // members of name N are name_members_[name_offsets_[N] .. name_offsets_[N+1]).
  std::vector<std::uint32_t> name_offsets_;
  std::vector<solv::SolvableId> name_members_;
  std::span<const solv::SolvableId> solvables_named(solv::StringId name) const;
  std::optional<solv::SolvableId> solvable_of(const PackageVersion& package) const;
  // indexed by StringId: the name has a candidate or an installed version
  std::vector<bool> known_name_;
  // indexed by StringId (arch `all` folded into native): the highest
  // available version, or a null id
  std::vector<solv::SolvableId> candidate_by_name_;
  std::vector<solv::SolvableId> candidates_;  // the non-null entries of candidate_by_name_
  std::optional<solv::SolvableId> candidate_of(solv::StringId name) const;
  // source package name → installed binaries built from it
  std::unordered_map<std::string, std::vector<solv::SolvableId>> installed_by_source_;
};

}  // namespace locidep::apt
