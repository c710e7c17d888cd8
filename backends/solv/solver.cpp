#include "backends/solv/solver.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>

#include "backends/solv/queue.hpp"
#include "backends/solv/solvext.hpp"
#include "common/error.hpp"
#include "common/text_grammar.hpp"

extern "C" {
#include <solv/pool.h>
#include <solv/poolarch.h>
#include <solv/problems.h>
#include <solv/repo.h>
#include <solv/rules.h>
#include <solv/solv_xfopen.h>
#include <solv/solver.h>
#include <solv/testcase.h>
#include <solv/transaction.h>
}

namespace locidep::solv {

// ------------------------------------------------------------------- Jobs

void Jobs::install(SolvableId solvable, bool weak) {
  jobs_.push_back({JobAction::install, Selector::solvable, {solvable.value()}, weak, false});
}
void Jobs::install_one_of(const std::vector<SolvableId>& solvables, bool weak) {
  Job job{JobAction::install, Selector::one_of, {}, weak, false};
  for (SolvableId id : solvables) job.ids.push_back(id.value());
  jobs_.push_back(std::move(job));
}
void Jobs::install_name(DependencyId name_or_relation, bool weak) {
  jobs_.push_back({JobAction::install, Selector::name, {name_or_relation.value()}, weak, false});
}
void Jobs::install_provides(DependencyId dependency, bool weak) {
  jobs_.push_back({JobAction::install, Selector::provides, {dependency.value()}, weak, false});
}
void Jobs::erase(SolvableId solvable, bool clean_deps, bool weak) {
  jobs_.push_back({JobAction::erase, Selector::solvable, {solvable.value()}, weak, clean_deps});
}
void Jobs::erase_name(DependencyId name, bool clean_deps, bool weak) {
  jobs_.push_back({JobAction::erase, Selector::name, {name.value()}, weak, clean_deps});
}
void Jobs::favor(const std::vector<SolvableId>& solvables) {
  Job job{JobAction::favor, Selector::one_of, {}, false, false};
  for (SolvableId id : solvables) job.ids.push_back(id.value());
  jobs_.push_back(std::move(job));
}
void Jobs::disfavor(const std::vector<SolvableId>& solvables) {
  Job job{JobAction::disfavor, Selector::one_of, {}, false, false};
  for (SolvableId id : solvables) job.ids.push_back(id.value());
  jobs_.push_back(std::move(job));
}
void Jobs::user_installed(const std::vector<SolvableId>& solvables) {
  Job job{JobAction::user_installed, Selector::one_of, {}, false, false};
  for (SolvableId id : solvables) job.ids.push_back(id.value());
  jobs_.push_back(std::move(job));
}
void Jobs::lock(SolvableId solvable) {
  jobs_.push_back({JobAction::lock, Selector::solvable, {solvable.value()}, false, false});
}

namespace {

Queue materialize(::Pool* pool, const Jobs& jobs) {
  Queue queue;
  for (const Job& job : jobs.jobs()) {
    Id how = 0;
    switch (job.action) {
      case JobAction::install: how = SOLVER_INSTALL; break;
      case JobAction::erase: how = SOLVER_ERASE; break;
      case JobAction::favor: how = SOLVER_FAVOR; break;
      case JobAction::disfavor: how = SOLVER_DISFAVOR; break;
      case JobAction::user_installed: how = SOLVER_USERINSTALLED; break;
      case JobAction::lock: how = SOLVER_LOCK; break;
    }
    Id what = 0;
    switch (job.selector) {
      case Selector::solvable:
        how |= SOLVER_SOLVABLE;
        what = job.ids.at(0);
        break;
      case Selector::name:
        how |= SOLVER_SOLVABLE_NAME;
        what = job.ids.at(0);
        break;
      case Selector::provides:
        how |= SOLVER_SOLVABLE_PROVIDES;
        what = job.ids.at(0);
        break;
      case Selector::one_of: {
        how |= SOLVER_SOLVABLE_ONE_OF;
        Queue members(job.ids);
        what = pool_queuetowhatprovides(pool, members.native());
        break;
      }
    }
    if (job.weak) how |= SOLVER_WEAK;
    if (job.clean_deps) how |= SOLVER_CLEANDEPS;
    if (job.keep_arch_and_version) how |= SOLVER_SETARCH | SOLVER_SETEVR;
    queue.push2(how, what);
  }
  return queue;
}

std::string rule_kind(SolverRuleinfo type) {
  switch (type) {
    case SOLVER_RULE_DISTUPGRADE: return "distupgrade";
    case SOLVER_RULE_INFARCH: return "inferior architecture";
    case SOLVER_RULE_UPDATE: return "update";
    case SOLVER_RULE_JOB: return "job";
    case SOLVER_RULE_JOB_NOTHING_PROVIDES_DEP: return "nothing provides (job)";
    case SOLVER_RULE_JOB_PROVIDED_BY_SYSTEM: return "provided by system";
    case SOLVER_RULE_JOB_UNKNOWN_PACKAGE: return "unknown package";
    case SOLVER_RULE_JOB_UNSUPPORTED: return "unsupported job";
    case SOLVER_RULE_PKG: return "package";
    case SOLVER_RULE_PKG_NOT_INSTALLABLE: return "not installable";
    case SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP: return "nothing provides";
    case SOLVER_RULE_PKG_REQUIRES: return "requires";
    case SOLVER_RULE_PKG_SELF_CONFLICT: return "self conflict";
    case SOLVER_RULE_PKG_CONFLICTS: return "conflicts";
    case SOLVER_RULE_PKG_SAME_NAME: return "same name";
    case SOLVER_RULE_PKG_OBSOLETES: return "obsoletes";
    case SOLVER_RULE_PKG_IMPLICIT_OBSOLETES: return "implicit obsoletes";
    case SOLVER_RULE_PKG_INSTALLED_OBSOLETES: return "installed obsoletes";
    case SOLVER_RULE_PKG_CONSTRAINS: return "constrains";
    case SOLVER_RULE_BEST: return "best";
    case SOLVER_RULE_BLACK: return "blacklisted";
    default: return "other";
  }
}

// What RULE says, the same whatever the pool's ids. A package whose
// requirements lack providers has one rule for all of them, and libsolv's
// solver_ruleinfo names the dependency of lowest id; ids follow the order
// strings were first seen, which differs between a pool read from Packages
// text and one read from a .solv image, so cold and warm runs named
// different missing dependencies. Among the reasons of the same type and
// packages, the first dependency by its text is named instead.
struct RuleInfo {
  SolverRuleinfo type;
  Id source = 0;
  Id target = 0;
  Id dependency = 0;
};

RuleInfo stable_ruleinfo(::Solver* solver, Id rule) {
  RuleInfo info;
  info.type = solver_ruleinfo(solver, rule, &info.source, &info.target, &info.dependency);
  if (!info.dependency) return info;
  ::Pool* pool = solver->pool;
  Queue all;
  solver_allruleinfos(solver, rule, all.native());
  std::string best = pool_dep2str(pool, info.dependency);
  for (int i = 0; i + 3 < all.size(); i += 4) {
    if (all[i] != info.type || all[i + 1] != info.source || all[i + 2] != info.target ||
        !all[i + 3]) {
      continue;
    }
    std::string text = pool_dep2str(pool, all[i + 3]);
    if (text < best) {
      best = std::move(text);
      info.dependency = all[i + 3];
    }
  }
  return info;
}

std::string solvable_text(::Pool* pool, Id p) {
  if (p <= 0 || p >= pool->nsolvables) return "";
  return pool_solvid2str(pool, p);
}

}  // namespace

// ----------------------------------------------------------- Transaction

Transaction::~Transaction() {
  if (transaction_) transaction_free(transaction_);
}
Transaction::Transaction(Transaction&& other) noexcept
    : pool_(other.pool_), transaction_(std::exchange(other.transaction_, nullptr)) {}
Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    if (transaction_) transaction_free(transaction_);
    pool_ = other.pool_;
    transaction_ = std::exchange(other.transaction_, nullptr);
  }
  return *this;
}

Transaction::InstalledResult Transaction::installed_result() const {
  Queue result;
  const int cutoff = transaction_installedresult(transaction_, result.native());
  InstalledResult split;
  for (int i = 0; i < result.size(); ++i) {
    (i < cutoff ? split.changed : split.kept).emplace_back(result[i]);
  }
  return split;
}

std::vector<SolvableId> Transaction::erased() const {
  std::vector<SolvableId> result;
  ::Pool* pool = pool_->native();
  for (int i = 0; i < transaction_->steps.count; ++i) {
    const Id p = transaction_->steps.elements[i];
    if (!pool->installed || pool->solvables[p].repo != pool->installed) continue;
    if (transaction_type(transaction_, p, SOLVER_TRANSACTION_SHOW_ALL) ==
        SOLVER_TRANSACTION_ERASE) {
      result.emplace_back(p);
    }
  }
  return result;
}

// ---------------------------------------------------------------- Solver

Solver::Solver(Pool& pool) : pool_(&pool), solver_(solver_create(pool.native())) {
  if (!solver_) throw Error(ExitCode::environment, "libsolv could not create a solver");
}
Solver::~Solver() {
  if (solver_) solver_free(solver_);
}
Solver::Solver(Solver&& other) noexcept
    : pool_(other.pool_), solver_(std::exchange(other.solver_, nullptr)) {}
Solver& Solver::operator=(Solver&& other) noexcept {
  if (this != &other) {
    if (solver_) solver_free(solver_);
    pool_ = other.pool_;
    solver_ = std::exchange(other.solver_, nullptr);
  }
  return *this;
}

void Solver::set_flag(SolverFlag flag, bool value) {
  int native = 0;
  switch (flag) {
    case SolverFlag::ignore_recommended: native = SOLVER_FLAG_IGNORE_RECOMMENDED; break;
    case SolverFlag::allow_uninstall: native = SOLVER_FLAG_ALLOW_UNINSTALL; break;
    case SolverFlag::allow_downgrade: native = SOLVER_FLAG_ALLOW_DOWNGRADE; break;
    case SolverFlag::strong_recommends: native = SOLVER_FLAG_STRONG_RECOMMENDS; break;
    case SolverFlag::best_obey_policy: native = SOLVER_FLAG_BEST_OBEY_POLICY; break;
    case SolverFlag::focus_installed: native = SOLVER_FLAG_FOCUS_INSTALLED; break;
    case SolverFlag::focus_best: native = SOLVER_FLAG_FOCUS_BEST; break;
  }
  solver_set_flag(solver_, native, value ? 1 : 0);
}

std::vector<Problem> Solver::solve(const Jobs& jobs) {
  ::Pool* pool = pool_->native();
  if (!pool->whatprovides) pool_->prepare();
  Queue queue = materialize(pool, jobs);
  std::vector<Problem> problems;
  if (solver_solve(solver_, queue.native()) == 0) return problems;
  const unsigned count = solver_problem_count(solver_);
  for (Id problem = 1; problem <= static_cast<Id>(count); ++problem) {
    Problem entry;
    const Id rule = solver_findproblemrule(solver_, problem);
    const RuleInfo info = stable_ruleinfo(solver_, rule);
    entry.rule.kind = rule_kind(info.type);
    entry.rule.source = solvable_text(pool, info.source);
    entry.rule.target = solvable_text(pool, info.target);
    // Dependency texts come from metadata and are not checked (rpm allows
    // nearly anything in one): controls are escaped before anyone shows them.
    entry.rule.dependency =
        info.dependency ? grammar::printable(pool_dep2str(pool, info.dependency)) : "";
    entry.rule.text = grammar::printable(
        solver_problemruleinfo2str(solver_, info.type, info.source, info.target, info.dependency));
    // libsolv's solver_problem2str is this sentence for solver_ruleinfo's pick.
    entry.description = entry.rule.text;
    const unsigned solutions = solver_solution_count(solver_, problem);
    for (Id solution = 1; solution <= static_cast<Id>(solutions); ++solution) {
      std::string text;
      Id element = 0, p = 0, rp = 0;
      while ((element =
                  solver_next_solutionelement(solver_, problem, solution, element, &p, &rp)) != 0) {
        if (!text.empty()) text += "; ";
        text += solver_solutionelement2str(solver_, p, rp);
      }
      entry.solutions.push_back(grammar::printable(text));
    }
    problems.push_back(std::move(entry));
  }
  return problems;
}

Transaction Solver::transaction() const {
  return Transaction(*pool_, solver_create_transaction(solver_));
}

std::vector<SolvableId> Solver::unneeded() const {
  Queue queue;
  solver_get_unneeded(solver_, queue.native(), 0);
  std::vector<SolvableId> result;
  for (int p : queue) result.emplace_back(p);
  return result;
}

void Solver::write_testcase(const std::filesystem::path& directory) const {
  const std::string dir = directory.string();
  std::error_code error;
  std::filesystem::create_directories(directory.parent_path(), error);
  if (!ext::testcase_write(solver_, dir.c_str(),
                           TESTCASE_RESULT_TRANSACTION | TESTCASE_RESULT_PROBLEMS, nullptr,
                           nullptr)) {
    throw Error(ExitCode::environment, "cannot write a libsolv testcase into " + dir + ": " +
                                           pool_errstr(pool_->native()));
  }
}

std::string replay_testcase(const std::filesystem::path& testcase_file) {
  struct PoolDeleter {
    void operator()(::Pool* pool) const noexcept {
      if (pool->considered) {  // testcases may create it; pool_free leaves it behind
        map_free(pool->considered);
        pool->considered = static_cast<Map*>(solv_free(pool->considered));
      }
      pool_free(pool);
    }
  };
  struct SolverDeleter {
    void operator()(::Solver* solver) const noexcept { solver_free(solver); }
  };
  struct FileDeleter {
    void operator()(FILE* file) const noexcept { std::fclose(file); }
  };
  const std::string name = testcase_file.string();
  std::unique_ptr<FILE, FileDeleter> file(ext::solv_xfopen(name.c_str(), "r"));
  if (!file) throw Error(ExitCode::bad_input, "cannot read testcase " + name);
  std::unique_ptr<::Pool, PoolDeleter> pool(pool_create());
  Queue jobs;
  char* expected = nullptr;
  int result_flags = 0;
  std::unique_ptr<::Solver, SolverDeleter> solver(ext::testcase_read(
      pool.get(), file.get(), name.c_str(), jobs.native(), &expected, &result_flags));
  if (!solver) {
    std::free(expected);
    throw Error(ExitCode::bad_input,
                "cannot parse testcase " + name + ": " + pool_errstr(pool.get()));
  }
  solver_solve(solver.get(), jobs.native());
  char* actual = ext::testcase_solverresult(solver.get(), result_flags);
  char* diff = ext::testcase_resultdiff(expected, actual);
  std::string text = diff ? diff : "";
  std::free(diff);
  std::free(actual);
  std::free(expected);
  return text;
}

}  // namespace locidep::solv
