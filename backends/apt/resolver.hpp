// apt's answer, reproduced on libsolv: which packages `apt-get install
// --no-install-recommends PKG…` installs on top of a base image, and which
// `apt-get purge --auto-remove B…` removes afterwards (with the container
// default APT::AutoRemove::SuggestsImportant=false).
//
// The apt-compatible policy (../shared/docs/libsolv-apt.md):
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

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backends/apt/base_image.hpp"
#include "backends/apt/repository.hpp"
#include "backends/solv/pool.hpp"

namespace locidep::apt {

struct PackageVersion {
  std::string name;
  std::string version;
  std::string arch;
  auto operator<=>(const PackageVersion&) const = default;
};

struct InstallEntry {
  std::string name;
  std::string version;
  std::string arch;
  std::string previous_version;  // the base's version for an upgrade, "" for a new package
  // The request words that selected it, in request order; a virtual
  // package with one provider selects a package of another name. Empty for
  // what was only pulled in.
  std::vector<std::string> requested_as{};
};

struct RequestProblem {
  std::string subject;               // the request word or package concerned
  std::string message;               // one sentence, apt's wording where apt has one
  std::vector<std::string> details;  // providers, the rule libsolv blames, proposed solutions
};

struct KeptPackage {
  std::string name;
  std::string reason;  // "needed by libpq-dev (Depends: libssl-dev)", "in the base image", …
};

struct ResolveRequest {
  std::vector<std::string> packages;  // "name", "name=version" or "name:arch"
  bool recommends = false;
  std::vector<std::string> purge;  // build-only packages removed after the build
  // When set, libsolv testcases of the final install solve and of the purge
  // solve are written into DIR/install and DIR/purge.
  std::optional<std::filesystem::path> testcase_directory;
};

struct ResolveResult {
  std::vector<RequestProblem> problems;  // non-empty: the request is refused
  std::vector<InstallEntry> install;     // new and upgraded packages, sorted by name
  std::vector<PackageVersion> purge;     // sorted by name
  std::vector<KeptPackage> kept;         // purge requests that stay installed, with why
  bool solved() const { return problems.empty(); }
};

class AptSystem {
 public:
  explicit AptSystem(std::string architecture = "amd64");

  // A --repo argument: an index file, a folder of them, or apt's lists folder.
  std::vector<LoadedIndex> add_repository(const std::filesystem::path& path, const CacheSettings& cache);
  // Packages stanzas from memory (tests, generated data).
  void add_packages(std::string_view packages_text, std::string_view repo_name);
  void set_base(const BaseImage& base);

  ResolveResult resolve(const ResolveRequest& request);

  // A new system holding only the packages REQUEST can reach (candidates,
  // pins, installed packages and the closure of their Depends/Recommends):
  // it gives the same answer, and its testcases are small enough to keep.
  AptSystem reduced_for(const ResolveRequest& request);

  // The Depends (and Pre-Depends) that a set of installed packages leaves
  // unmet, as "pkg: dependency" lines; empty when the set is consistent.
  // Names a package of SYSTEM it cannot find as "unknown: name=version".
  std::vector<std::string> unmet_dependencies(const std::vector<PackageVersion>& system);
  struct DependencyLink {
    std::string from;        // the package that depends
    std::string dependency;  // as the metadata writes it
    std::string to;          // a package of SYSTEM that meets it
  };
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
  std::vector<solv::DependencyId> declaration_order(solv::SolvableId solvable) const;
  std::vector<solv::DependencyId> apt_first_choices(const std::vector<solv::SolvableId>& requested,
                                                    const std::vector<solv::SolvableId>& changed);
  void purge_after_install(const ResolveRequest& request, const std::vector<solv::SolvableId>& considered,
                           const std::unordered_map<std::string, solv::SolvableId>& word_choices,
                           const std::vector<solv::SolvableId>& after_install, ResolveResult& result);

  solv::Pool pool_;
  AptKeys keys_;
  solv::StringId native_arch_;
  solv::StringId all_arch_;
  bool indexed_ = false;
  // (name, solvable) for every solvable, sorted: all versions of a name
  std::vector<std::pair<solv::StringId, solv::SolvableId>> by_name_;
  std::vector<solv::SolvableId> solvables_named(solv::StringId name) const;
  // indexed by StringId: the name has a candidate or an installed version
  std::vector<bool> known_name_;
  // name (arch `all` folded into native) → highest available version
  std::unordered_map<solv::StringId, solv::SolvableId> candidate_;
  // source package name → installed binaries built from it
  std::unordered_map<std::string, std::vector<solv::SolvableId>> installed_by_source_;
};

}  // namespace locidep::apt
