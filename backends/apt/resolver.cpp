#include "backends/apt/resolver.hpp"

#include <algorithm>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_set>

#include "backends/apt/dependency_names.hpp"
#include "backends/apt/index_reader.hpp"
#include "backends/solv/package_words.hpp"
#include "backends/solv/solver.hpp"
#include "common/error.hpp"

namespace locidep::apt {

namespace fs = std::filesystem;
using solv::DependencyId;
using solv::DependencyKind;
using solv::SolvableId;
using solv::StringId;

AptSystem::AptSystem(std::string architecture)
    : pool_(solv::Disttype::deb, architecture),
      keys_(AptKeys::in(pool_)),
      native_arch_(pool_.intern(architecture)),
      all_arch_(pool_.intern("all")) {}

std::vector<LoadedIndex> AptSystem::add_repository(const fs::path& path,
                                                   const CacheSettings& cache) {
  std::vector<LoadedIndex> loaded;
  for (const fs::path& index : find_package_indexes(path)) {
    loaded.push_back(load_index(pool_, index, cache));
    solv::check_package_words(pool_, pool_.repos().back().solvables(), index.string());
  }
  indexed_ = false;
  provides_ = ProvidesIndex::stale;
  apt_numbers_.clear();
  repo_order_.clear();
  return loaded;
}

void AptSystem::add_packages(std::string_view packages_text, std::string_view repo_name) {
  const auto added = add_packages_text(pool_, pool_.create_repo(repo_name), packages_text);
  solv::check_package_words(pool_, added, std::string(repo_name));
  indexed_ = false;
  provides_ = ProvidesIndex::stale;
  apt_numbers_.clear();
  repo_order_.clear();
}

void AptSystem::set_base(const BaseImage& base, const CacheSettings& cache) {
  if (auto old = pool_.installed()) old->free();
  solv::RepoView repo = pool_.create_repo("@System");
  add_installed_packages(pool_, repo, base.installed_stanzas, cache);
  solv::check_package_words(pool_, repo.solvables(), base.status_file.string());
  pool_.set_installed(repo);
  indexed_ = false;
  provides_ = ProvidesIndex::stale;
  apt_numbers_.clear();
  repo_order_.clear();
}

int AptSystem::available_count() const {
  int count = 0;
  for (const auto& repo : pool_.repos()) {
    if (!pool_.installed() || !(repo == *pool_.installed())) count += repo.size();
  }
  return count;
}

int AptSystem::installed_count() const { return pool_.installed() ? pool_.installed()->size() : 0; }

void AptSystem::index_universe() {
  if (indexed_) return;
  installed_by_source_.clear();
  const std::vector<SolvableId> all = pool_.solvables();
  const auto names = static_cast<std::size_t>(pool_.string_count());
  // A counting sort by name: two passes, no comparisons; ids stay ascending
  // within a name because ALL is in id order.
  name_offsets_.assign(names + 1, 0);
  for (SolvableId id : all)
    ++name_offsets_[static_cast<std::size_t>(pool_.name_id(id).value()) + 1];
  for (std::size_t i = 1; i <= names; ++i) name_offsets_[i] += name_offsets_[i - 1];
  name_members_.assign(all.size(), SolvableId{});
  std::vector<std::uint32_t> next(name_offsets_.begin(), name_offsets_.end() - 1);
  known_name_.assign(names, false);
  candidate_by_name_.assign(names, SolvableId{});
  candidates_.clear();
  for (SolvableId id : all) {
    const StringId name = pool_.name_id(id);
    const auto slot = static_cast<std::size_t>(name.value());
    name_members_[next[slot]++] = id;
    if (pool_.is_installed(id)) {
      known_name_[slot] = true;
      const auto source = pool_.lookup_string(id, keys_.source_name);
      installed_by_source_[std::string(source ? *source : pool_.name(id))].push_back(id);
      continue;
    }
    const StringId arch = pool_.arch_id(id);
    if (arch != native_arch_ && arch != all_arch_)
      continue;  // foreign architectures are not modelled
    known_name_[slot] = true;
    SolvableId& best = candidate_by_name_[slot];
    if (!best || pool_.compare_versions(id, best) > 0) best = id;
  }
  for (SolvableId id : candidate_by_name_) {
    if (id) candidates_.push_back(id);
  }
  indexed_ = true;
}

std::span<const SolvableId> AptSystem::solvables_named(StringId name) const {
  const auto slot = static_cast<std::size_t>(name.value());
  if (slot + 1 >= name_offsets_.size()) return {};
  return std::span<const SolvableId>(name_members_)
      .subspan(name_offsets_[slot], name_offsets_[slot + 1] - name_offsets_[slot]);
}

std::optional<SolvableId> AptSystem::candidate_of(StringId name) const {
  const auto slot = static_cast<std::size_t>(name.value());
  if (slot >= candidate_by_name_.size() || !candidate_by_name_[slot]) return std::nullopt;
  return candidate_by_name_[slot];
}

// ------------------------------------------------------------- preparing

struct AptSystem::Prepared {
  struct Word {
    std::string text;
    std::string name;
    std::string pin;  // version after '=', or ""
    std::optional<SolvableId> pinned;
  };
  std::vector<Word> words;
  std::vector<SolvableId> considered;
  std::vector<RequestProblem> problems;
};

AptSystem::Prepared AptSystem::prepare(const ResolveRequest& request) {
  index_universe();
  Prepared prepared;
  prepared.considered = candidates_;
  for (const std::string& text : request.packages) {
    Prepared::Word word{text, text, "", std::nullopt};
    if (const auto eq = text.find('='); eq != std::string::npos) {
      word.name = text.substr(0, eq);
      word.pin = text.substr(eq + 1);
    }
    if (const auto colon = word.name.find(':'); colon != std::string::npos) {
      const std::string arch = word.name.substr(colon + 1);
      if (arch == pool_.architecture() || arch == "all" || arch == "any" || arch == "native") {
        word.name.resize(colon);
      }
    }
    if (!word.pin.empty()) {
      std::optional<SolvableId> found;
      if (auto name = pool_.find_string(word.name)) {
        for (SolvableId id : solvables_named(*name)) {
          if (pool_.version(id) == word.pin && (!found || pool_.is_installed(*found))) found = id;
        }
      }
      if (!found) {
        prepared.problems.push_back(
            {text, "Version '" + word.pin + "' for '" + word.name + "' was not found", {}});
      } else {
        word.pinned = found;
        prepared.considered.push_back(*found);
      }
    }
    prepared.words.push_back(std::move(word));
  }
  index_provides(prepared.considered);
  return prepared;
}

void AptSystem::index_provides(const std::vector<SolvableId>& considered) {
  if (provides_ == ProvidesIndex::considered && provides_considered_ == considered) return;
  pool_.set_considered(considered);
  pool_.prepare();
  ++provides_generation_;
  provides_ = ProvidesIndex::considered;
  provides_considered_ = considered;
}

void AptSystem::index_provides_covering(const std::vector<SolvableId>& members) {
  if (provides_ == ProvidesIndex::all) return;
  if (provides_ == ProvidesIndex::considered &&
      std::all_of(members.begin(), members.end(),
                  [&](SolvableId id) { return pool_.is_considered(id); })) {
    return;  // every member is in the index: links between members are all there
  }
  pool_.clear_considered();
  pool_.prepare();
  ++provides_generation_;
  provides_ = ProvidesIndex::all;
  provides_considered_.clear();
}

namespace {

PackageVersion version_of(const solv::Pool& pool, SolvableId id) {
  return {std::string(pool.name(id)), std::string(pool.version(id)), std::string(pool.arch(id))};
}

void add_solver_problems(const solv::Pool&, const std::vector<solv::Problem>& problems,
                         std::vector<RequestProblem>& out, const std::string& subject) {
  for (const solv::Problem& problem : problems) {
    RequestProblem entry;
    entry.subject = problem.rule.source.empty() ? subject : problem.rule.source;
    entry.message = "unsatisfiable: " + problem.description;
    if (!problem.rule.text.empty() && problem.rule.text != problem.description) {
      entry.details.push_back("rule (" + problem.rule.kind + "): " + problem.rule.text);
    }
    for (const std::string& solution : problem.solutions)
      entry.details.push_back("possible solution: " + solution);
    out.push_back(std::move(entry));
  }
}

}  // namespace

// --------------------------------------------------------------- resolving

// The request words as jobs, and what each word selected.
struct AptSystem::RequestJobs {
  solv::Jobs jobs;
  std::vector<SolvableId> requested;                         // what each word selected
  std::unordered_map<std::string, SolvableId> word_choices;  // word → what it selected

  void choose(const std::string& word, SolvableId id) {
    jobs.install(id);
    requested.push_back(id);
    word_choices.emplace(word, id);
  }
};

// The weak jobs added for apt's follow-ups so far, each added once.
struct AptSystem::FollowUps {
  std::set<SolvableId> source_upgrades;
  std::set<DependencyId> recommends;
  std::set<DependencyId> first_alternatives;
  std::set<SolvableId> providers;
};

// The request words become jobs, or refusals worded as apt words them.
AptSystem::RequestJobs AptSystem::request_jobs(const Prepared& prepared,
                                               std::vector<RequestProblem>& problems) {
  RequestJobs request_jobs;
  for (const Prepared::Word& word : prepared.words) {
    if (!word.pin.empty()) {
      if (word.pinned) request_jobs.choose(word.text, *word.pinned);
      continue;
    }
    const auto name = pool_.find_string(word.name);
    if (const auto own = own_package(name)) {
      request_jobs.choose(word.text, *own);
      continue;
    }
    std::vector<SolvableId> providers;
    if (name) {
      for (SolvableId id : pool_.what_provides(solv::as_dependency(*name))) {
        if (pool_.is_considered(id)) providers.push_back(id);
      }
    }
    if (providers.empty()) {
      problems.push_back({word.text, "Unable to locate package " + word.name, {}});
    } else if (providers.size() == 1) {
      // apt: "Note, selecting 'P' instead of 'W'".
      request_jobs.choose(word.text, providers.front());
    } else {
      RequestProblem problem{
          word.text,
          "Package '" + word.name +
              "' is a virtual package provided by several packages; select one explicitly",
          {}};
      for (SolvableId id : providers) {
        problem.details.push_back(std::string(pool_.name(id)) + " " +
                                  std::string(pool_.version(id)));
      }
      problems.push_back(std::move(problem));
    }
  }
  return request_jobs;
}

// What `install NAME` takes of a package of that name: its candidate,
// unless the installed version is as new.
std::optional<SolvableId> AptSystem::own_package(std::optional<StringId> name) const {
  std::optional<SolvableId> installed, candidate;
  if (name) {
    for (SolvableId id : solvables_named(*name)) {
      if (pool_.is_installed(id)) installed = id;
    }
    candidate = candidate_of(*name);
  }
  if (!installed && !candidate) return std::nullopt;
  if (installed && candidate && pool_.compare_versions(*candidate, *installed) <= 0) {
    return installed;
  }
  return candidate ? candidate : installed;
}

// Solves the install; adds apt's follow-ups (upgrade by source, Recommends,
// apt's first choices) as weak jobs and solves again until nothing changes.
// The new and upgraded packages, and the installed ones kept; nothing when
// the request is unsatisfiable (PROBLEMS say why).
std::optional<AptSystem::InstallSolution> AptSystem::solve_install(
    const ResolveRequest& request, const Prepared& prepared, const RequestJobs& request_jobs,
    std::vector<RequestProblem>& problems) {
  // Policy jobs: disfavour substitutes, then favour first alternatives
  // (later favour jobs win over earlier ones).
  const PolicySets& policy = policy_sets(prepared.considered);
  solv::Jobs jobs;
  if (!policy.substitutes.empty()) jobs.disfavor(policy.substitutes);
  if (!policy.favoured.empty()) jobs.favor(policy.favoured);
  for (const solv::Job& job : request_jobs.jobs.jobs()) jobs.add(job);

  FollowUps follow_ups;
  InstallSolution solution;
  std::optional<solv::Solver> solver;
  for (int round = 0; round < 100; ++round) {
    solver.emplace(pool_);
    solver->set_flag(solv::SolverFlag::ignore_recommended, true);
    solver->set_flag(solv::SolverFlag::allow_uninstall, false);
    const std::vector<solv::Problem> solver_problems = solver->solve(jobs);
    if (!solver_problems.empty()) {
      if (request.testcase_directory)
        solver->write_testcase(*request.testcase_directory / "install");
      add_solver_problems(pool_, solver_problems, problems, "request");
      return std::nullopt;
    }
    auto installed_result = solver->transaction().installed_result();
    solution.changed = std::move(installed_result.changed);
    solution.kept = std::move(installed_result.kept);
    if (!add_follow_up_jobs(request_jobs.requested, solution.changed, request.recommends,
                            follow_ups, jobs)) {
      break;
    }
  }
  if (request.testcase_directory) solver->write_testcase(*request.testcase_directory / "install");
  return solution;
}

// The follow-ups of a solution that are not jobs yet, added to JOBS as weak
// jobs; false when there were none.
bool AptSystem::add_follow_up_jobs(const std::vector<SolvableId>& requested,
                                   const std::vector<SolvableId>& changed, bool recommends,
                                   FollowUps& follow_ups, solv::Jobs& jobs) {
  bool added = false;
  // apt picks the first installable alternative of an OR group that is
  // not yet satisfied when the depending package is marked, even if a
  // later alternative gets installed anyway (libsolv would then skip it).
  const FirstChoices firsts = apt_first_choices(requested, changed, recommends);
  for (DependencyId first : firsts.alternatives) {
    if (follow_ups.first_alternatives.insert(first).second) {
      jobs.install_provides(first, /*weak=*/true);
      added = true;
    }
  }
  for (SolvableId provider : firsts.providers) {
    if (follow_ups.providers.insert(provider).second) {
      jobs.install(provider, /*weak=*/true);
      added = true;
    }
  }
  std::unordered_set<StringId> changed_names;
  for (SolvableId id : changed) changed_names.insert(pool_.name_id(id));
  for (SolvableId id : changed) {
    for (SolvableId next : source_upgrades(id, changed_names)) {
      if (follow_ups.source_upgrades.insert(next).second) {
        jobs.install(next, /*weak=*/true);
        added = true;
      }
    }
    // Recommends of new packages, and those an upgrade adds.
    if (recommends) {
      for (DependencyId dep : new_recommends(id)) {
        if (follow_ups.recommends.insert(dep).second) {
          jobs.install_provides(dep, /*weak=*/true);
          added = true;
        }
      }
    }
  }
  return added;
}

// Upgrade-By-Source-Package: the candidates of the installed siblings of ID
// (built from the same source) that ID's source version brings along.
// CHANGED_NAMES: the names the solution installs or upgrades already.
std::vector<SolvableId> AptSystem::source_upgrades(
    SolvableId id, const std::unordered_set<StringId>& changed_names) const {
  std::vector<SolvableId> upgrades;
  const auto source = pool_.lookup_string(id, keys_.source_name);
  const auto source_version = pool_.lookup_string(id, keys_.source_version);
  if (!source || !source_version) return upgrades;
  const auto siblings = installed_by_source_.find(std::string(*source));
  if (siblings == installed_by_source_.end()) return upgrades;
  for (SolvableId sibling : siblings->second) {
    if (changed_names.contains(pool_.name_id(sibling))) continue;
    const auto candidate = candidate_of(pool_.name_id(sibling));
    if (!candidate) continue;
    const SolvableId next = *candidate;
    if (pool_.version(next) == pool_.version(sibling)) continue;
    if (pool_.lookup_string(next, keys_.source_name) != source ||
        pool_.lookup_string(next, keys_.source_version) != source_version) {
      continue;
    }
    upgrades.push_back(next);
  }
  return upgrades;
}

// The new and upgraded packages as the result lists them, with the words
// that selected each.
std::vector<InstallEntry> AptSystem::install_entries(
    const std::vector<SolvableId>& changed, const Prepared& prepared,
    const std::unordered_map<std::string, SolvableId>& word_choices) const {
  std::unordered_map<StringId, SolvableId> base_by_name;
  if (auto installed = pool_.installed()) {
    for (SolvableId id : installed->solvables()) base_by_name.emplace(pool_.name_id(id), id);
  }
  std::vector<InstallEntry> entries;
  for (SolvableId id : changed) {
    InstallEntry entry{std::string(pool_.name(id)),
                       std::string(pool_.version(id)),
                       std::string(pool_.arch(id)),
                       "",
                       pool_.package_checksum(id).value_or(""),
                       pool_.installed_size(id)};
    if (auto old = base_by_name.find(pool_.name_id(id)); old != base_by_name.end()) {
      entry.previous_version = pool_.version(old->second);
    }
    for (const Prepared::Word& word : prepared.words) {
      const auto choice = word_choices.find(word.text);
      if (choice != word_choices.end() && choice->second == id)
        entry.requested_as.push_back(word.text);
    }
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(), [](const InstallEntry& a, const InstallEntry& b) {
    return std::tie(a.name, a.arch) < std::tie(b.name, b.arch);
  });
  return entries;
}

ResolveResult AptSystem::resolve(const ResolveRequest& request) {
  ResolveResult result;
  Prepared prepared = prepare(request);
  result.problems = prepared.problems;
  const RequestJobs requested = request_jobs(prepared, result.problems);
  if (!result.problems.empty()) return result;

  const auto solution = solve_install(request, prepared, requested, result.problems);
  if (!solution) return result;
  result.install = install_entries(solution->changed, prepared, requested.word_choices);

  if (!request.purge.empty()) {
    std::vector<SolvableId> after = solution->changed;
    after.insert(after.end(), solution->kept.begin(), solution->kept.end());
    purge_after_install(request, requested.word_choices, after, result);
  }
  return result;
}

// apt's preferences over the whole universe (candidates and installed
// packages), as sets for libsolv's favour/disfavour jobs. They depend only on
// the universe and its provides index, not on the request, so every resolve
// on the same index (one per service of a plan) shares them.
const AptSystem::PolicySets& AptSystem::policy_sets(const std::vector<SolvableId>& considered) {
  if (policy_ && policy_->generation == provides_generation_) return *policy_;
  auto is_known_name = [&](StringId name) {
    return static_cast<std::size_t>(name.value()) < known_name_.size() &&
           known_name_[static_cast<std::size_t>(name.value())];
  };
  std::vector<SolvableId> universe = considered;
  if (auto installed = pool_.installed()) {
    auto ids = installed->solvables();
    universe.insert(universe.end(), ids.begin(), ids.end());
  }
  std::unordered_set<SolvableId> substitutes;
  std::unordered_set<SolvableId> favoured;
  std::unordered_set<DependencyId> seen_first;
  for (SolvableId id : universe) {
    const StringId own = pool_.name_id(id);
    for (DependencyId provide : pool_.dependency_list(id, DependencyKind::provides)) {
      auto name = dependency_name(pool_, provide);
      if (name && *name != own && is_known_name(*name)) substitutes.insert(id);
    }
    for (DependencyKind kind : {DependencyKind::depends, DependencyKind::recommends}) {
      for (DependencyId dep : pool_.dependency_list(id, kind)) {
        auto relation = pool_.relation_of(dep);
        if (!relation || relation->op != static_cast<int>(solv::RelationOp::or_)) continue;
        const DependencyId first = first_alternative(pool_, dep);
        if (!seen_first.insert(first).second) continue;
        const auto first_name = dependency_name(pool_, first);
        std::vector<SolvableId> providers = pool_.what_provides(first);
        const bool real =
            first_name && std::any_of(providers.begin(), providers.end(), [&](SolvableId p) {
              return pool_.name_id(p) == *first_name;
            });
        for (SolvableId p : providers) {
          if (!real || pool_.name_id(p) == *first_name) favoured.insert(p);
        }
      }
    }
  }
  auto sorted = [](const auto& set) {
    std::vector<SolvableId> list(set.begin(), set.end());
    std::sort(list.begin(), list.end());
    return list;
  };
  policy_ = PolicySets{provides_generation_, sorted(substitutes), sorted(favoured)};
  return *policy_;
}

// The Recommends of ID that the installed version of its name (if any) did
// not already have: apt adds only those on an upgrade, it does not re-add
// what the user once removed.
std::vector<DependencyId> AptSystem::new_recommends(SolvableId id) const {
  std::vector<DependencyId> old_recommends;
  for (SolvableId other : solvables_named(pool_.name_id(id))) {
    if (pool_.is_installed(other)) {
      old_recommends = pool_.dependencies(other, DependencyKind::recommends);
      break;
    }
  }
  std::vector<DependencyId> added;
  for (DependencyId dep : pool_.dependencies(id, DependencyKind::recommends)) {
    if (std::find(old_recommends.begin(), old_recommends.end(), dep) == old_recommends.end())
      added.push_back(dep);
  }
  return added;
}

// ----------------------------------------------------------------- purging

// The installed system after the build (base, upgraded where the install
// upgraded it, plus the install set) in a pool of its own: a purge only
// erases, so the repositories have nothing to offer it, and a pool of a
// few hundred solvables indexes in microseconds where the full one
// (tens of thousands) would be indexed twice per plan.
struct AptSystem::AfterInstall {
  AfterInstall(const AptSystem& from, const std::vector<SolvableId>& after_install)
      : pool(solv::Disttype::deb, from.pool_.architecture()),
        keys(AptKeys::in(pool)),
        repo(pool.create_repo("@AfterInstall")) {
    const auto string_keys = from.keys_.string_keys();
    const auto flag_keys = from.keys_.flag_keys();
    for (SolvableId id : after_install) {
      const SolvableId copy = repo.add_copy(from.pool_, id, string_keys, flag_keys);
      by_name[pool.name_id(copy)] = copy;
    }
    repo.internalize();
    pool.set_installed(repo);
    pool.prepare();
  }

  solv::Pool pool;
  AptKeys keys;
  solv::RepoView repo;
  std::unordered_map<StringId, SolvableId> by_name;  // ids of pool
};

// Never purged: the base, the runtime packages and what is Essential.
std::vector<SolvableId> AptSystem::protected_after_install(
    const AfterInstall& after, const std::unordered_set<std::string>& base_names,
    const std::unordered_set<std::string>& purge_names,
    const std::unordered_map<std::string, SolvableId>& word_choices) const {
  std::set<SolvableId> protected_set;
  for (SolvableId id : after.repo.solvables()) {
    if (base_names.contains(std::string(after.pool.name(id))) ||
        after.pool.lookup_flag(id, after.keys.essential)) {
      protected_set.insert(id);
    }
  }
  // The runtime packages: what the words that are not purged selected
  // (ids of pool_, found in the system pool by name).
  for (const auto& [word, id] : word_choices) {
    const std::string name(pool_.name(id));
    if (purge_names.contains(word) || purge_names.contains(name)) continue;
    const auto name_id = after.pool.find_string(name);
    if (auto found = name_id ? after.by_name.find(*name_id) : after.by_name.end();
        found != after.by_name.end()) {
      protected_set.insert(found->second);
    }
  }
  return {protected_set.begin(), protected_set.end()};
}

// The erase jobs of the purge words; a word that cannot go is KEPT, with why.
// Returns each erased word with the installed package it purges.
std::vector<std::pair<std::string, SolvableId>> AptSystem::add_purge_jobs(
    const AfterInstall& after, const std::unordered_set<std::string>& base_names,
    const std::vector<std::string>& purge_words,
    const std::unordered_map<std::string, SolvableId>& word_choices, solv::Jobs& jobs,
    std::vector<KeptPackage>& kept) const {
  std::vector<std::pair<std::string, SolvableId>> erased_names;
  for (const std::string& name : purge_words) {
    // A word names a package, or (a virtual package) the one its install selected.
    std::optional<StringId> id = after.pool.find_string(name);
    if (!id || !after.by_name.contains(*id)) {
      const auto choice = word_choices.find(name);
      id = choice == word_choices.end() ? std::nullopt
                                        : after.pool.find_string(pool_.name(choice->second));
    }
    if (!id || !after.by_name.contains(*id)) {
      kept.push_back({name, "not installed"});
      continue;
    }
    if (base_names.contains(std::string(after.pool.str(*id)))) {
      kept.push_back({name, "in the base image"});
      continue;
    }
    if (after.pool.lookup_flag(after.by_name.at(*id), after.keys.essential)) {
      kept.push_back({name, "Essential"});
      continue;
    }
    jobs.erase_name(solv::as_dependency(*id), /*clean_deps=*/true, /*weak=*/true);
    erased_names.emplace_back(name, after.by_name.at(*id));
  }
  return erased_names;
}

// Why a purge request stays: the remaining packages that depend on it.
std::string AptSystem::needed_by(const AfterInstall& after, SolvableId id,
                                 const std::unordered_set<SolvableId>& erased) {
  std::string reason;
  for (SolvableId other : after.repo.solvables()) {
    if (other == id || erased.contains(other)) continue;
    for (DependencyId dep : after.pool.dependencies(other, DependencyKind::depends)) {
      if (after.pool.matches(id, dep)) {
        if (!reason.empty()) reason += ", ";
        reason += std::string(after.pool.name(other)) +
                  " (Depends: " + after.pool.dependency_to_string(dep) + ")";
        break;
      }
    }
  }
  return reason;
}

void AptSystem::purge_after_install(const ResolveRequest& request,
                                    const std::unordered_map<std::string, SolvableId>& word_choices,
                                    const std::vector<SolvableId>& after_install,
                                    ResolveResult& result) {
  AfterInstall after(*this, after_install);
  std::unordered_set<std::string> base_names;
  if (auto base = pool_.installed()) {
    for (SolvableId id : base->solvables()) base_names.emplace(pool_.name(id));
  }
  const std::unordered_set<std::string> purge_names(request.purge.begin(), request.purge.end());

  solv::Jobs jobs;
  jobs.user_installed(protected_after_install(after, base_names, purge_names, word_choices));
  const auto erased_names =
      add_purge_jobs(after, base_names, request.purge, word_choices, jobs, result.kept);
  solv::Solver solver(after.pool);
  solver.set_flag(solv::SolverFlag::ignore_recommended, true);
  solver.set_flag(solv::SolverFlag::allow_uninstall, false);
  const auto problems = solver.solve(jobs);
  if (!problems.empty()) {
    add_solver_problems(after.pool, problems, result.problems, "purge");
    return;
  }
  if (request.testcase_directory) solver.write_testcase(*request.testcase_directory / "purge");
  std::unordered_set<SolvableId> erased;
  for (SolvableId id : solver.transaction().erased()) {
    erased.insert(id);
    result.purge.push_back(version_of(after.pool, id));
  }
  std::sort(result.purge.begin(), result.purge.end());
  // A purge request that stays: say which remaining package needs it.
  for (const auto& [name, id] : erased_names) {
    if (erased.contains(id)) continue;
    const std::string reason = needed_by(after, id, erased);
    result.kept.push_back({name, reason.empty() ? "still needed" : "needed by " + reason});
  }
}

// ------------------------------------------------------------- checking

std::vector<PackageVersion> AptSystem::base_packages() const {
  std::vector<PackageVersion> packages;
  if (auto installed = pool_.installed()) {
    for (SolvableId id : installed->solvables()) packages.push_back(version_of(pool_, id));
  }
  std::sort(packages.begin(), packages.end());
  return packages;
}

// One solvable per package: the installed one, else one the provides index
// holds (a base package's version is often also in a repository, shadowed
// there by a newer candidate), else any.
std::optional<SolvableId> AptSystem::solvable_of(const PackageVersion& package) const {
  const auto name = pool_.find_string(package.name);
  if (!name) return std::nullopt;
  auto rank = [&](SolvableId id) {
    return pool_.is_installed(id) ? 2 : pool_.is_considered(id) ? 1 : 0;
  };
  std::optional<SolvableId> chosen;
  for (SolvableId id : solvables_named(*name)) {
    if (pool_.version(id) == package.version && (!chosen || rank(id) > rank(*chosen))) chosen = id;
  }
  return chosen;
}

std::vector<AptSystem::DependencyLink> AptSystem::dependency_links(
    const std::vector<PackageVersion>& system) {
  index_universe();
  std::vector<SolvableId> members;
  std::unordered_set<SolvableId> member_set;
  for (const PackageVersion& package : system) {
    const auto member = solvable_of(package);
    if (member && member_set.insert(*member).second) members.push_back(*member);
  }
  index_provides_covering(members);
  std::vector<DependencyLink> links;
  for (SolvableId id : members) {
    for (DependencyId dep : pool_.dependencies(id, DependencyKind::depends)) {
      for (SolvableId provider : pool_.what_provides(dep)) {
        if (!member_set.contains(provider) || provider == id) continue;
        links.push_back({std::string(pool_.name(id)), pool_.dependency_to_string(dep),
                         std::string(pool_.name(provider))});
      }
    }
  }
  std::sort(links.begin(), links.end(), [](const DependencyLink& a, const DependencyLink& b) {
    return std::tie(a.from, a.dependency, a.to) < std::tie(b.from, b.dependency, b.to);
  });
  links.erase(std::unique(links.begin(), links.end(),
                          [](const DependencyLink& a, const DependencyLink& b) {
                            return std::tie(a.from, a.dependency, a.to) ==
                                   std::tie(b.from, b.dependency, b.to);
                          }),
              links.end());
  return links;
}

std::vector<std::string> AptSystem::unmet_dependencies(const std::vector<PackageVersion>& system) {
  index_universe();
  std::vector<std::string> unmet;
  std::unordered_set<SolvableId> members;
  for (const PackageVersion& package : system) {
    const auto found = solvable_of(package);
    if (found) {
      members.insert(*found);
    } else {
      unmet.push_back("unknown: " + package.name + "=" + package.version);
    }
  }
  index_provides_covering(std::vector<SolvableId>(members.begin(), members.end()));
  for (SolvableId id : members) {
    for (DependencyId dep : pool_.dependencies(id, DependencyKind::depends)) {
      const auto providers = pool_.what_provides(dep);
      if (std::none_of(providers.begin(), providers.end(),
                       [&](SolvableId p) { return members.contains(p); })) {
        unmet.push_back(std::string(pool_.name(id)) + ": " + pool_.dependency_to_string(dep));
      }
    }
  }
  std::sort(unmet.begin(), unmet.end());
  return unmet;
}

// ----------------------------------------------------------------- reducing

AptSystem AptSystem::reduced_for(const ResolveRequest& request) {
  Prepared prepared = prepare(request);
  std::set<SolvableId> closure;
  std::deque<SolvableId> queue;
  auto visit = [&](SolvableId id) {
    if (closure.insert(id).second) queue.push_back(id);
  };
  std::optional<solv::RepoView> base = pool_.installed();
  if (base) {
    for (SolvableId id : base->solvables()) {
      visit(id);
      if (auto candidate = candidate_of(pool_.name_id(id))) visit(*candidate);
    }
  }
  for (const Prepared::Word& word : prepared.words) {
    if (word.pinned) visit(*word.pinned);
    if (auto name = pool_.find_string(word.name)) {
      if (auto candidate = candidate_of(*name)) visit(*candidate);
      for (SolvableId id : pool_.what_provides(solv::as_dependency(*name))) visit(id);
    }
  }
  while (!queue.empty()) {
    const SolvableId id = queue.front();
    queue.pop_front();
    for (DependencyKind kind : {DependencyKind::depends, DependencyKind::recommends}) {
      for (DependencyId dep : pool_.dependencies(id, kind)) {
        for (SolvableId provider : pool_.what_provides(dep)) visit(provider);
      }
    }
    // A sibling built from the same source may be upgraded along with it.
    if (auto source = pool_.lookup_string(id, keys_.source_name)) {
      if (auto siblings = installed_by_source_.find(std::string(*source));
          siblings != installed_by_source_.end()) {
        for (SolvableId sibling : siblings->second) {
          if (auto candidate = candidate_of(pool_.name_id(sibling))) {
            visit(*candidate);
          }
        }
      }
    }
  }
  AptSystem reduced(pool_.architecture());
  solv::RepoView available = reduced.pool_.create_repo("closure");
  solv::RepoView installed = reduced.pool_.create_repo("@System");
  const auto string_keys = keys_.string_keys();
  const auto flag_keys = keys_.flag_keys();
  for (SolvableId id : closure) {
    (pool_.is_installed(id) ? installed : available).add_copy(pool_, id, string_keys, flag_keys);
  }
  available.internalize();
  installed.internalize();
  if (base) reduced.pool_.set_installed(installed);
  return reduced;
}

}  // namespace locidep::apt
