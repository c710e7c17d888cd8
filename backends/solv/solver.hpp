// Jobs, the Solver, its Transaction and its Problems as value types.
//
// "Unsolvable" is an ordinary outcome: Solver::solve returns the problems
// (which package, which dependency, which rule, and libsolv's proposed
// solutions as text); it throws only when libsolv itself cannot run.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "backends/solv/ids.hpp"
#include "backends/solv/pool.hpp"

struct s_Solver;
struct s_Transaction;

namespace locidep::solv {

// What a job selects.
enum class Selector {
  solvable,  // one solvable
  name,      // every solvable with that name (or a name=version relation)
  provides,  // every solvable providing the dependency
  one_of,    // any of a list of solvables
};

enum class JobAction { install, erase, favor, disfavor, user_installed, lock };

struct Job {
  JobAction action = JobAction::install;
  Selector selector = Selector::solvable;
  std::vector<int> ids;     // one SolvableId/DependencyId value, or the list for one_of
  bool weak = false;        // may be dropped when it conflicts (SOLVER_WEAK)
  bool clean_deps = false;  // erase: also what only this needed (SOLVER_CLEANDEPS)
  // install: keep the chosen package's architecture and version
  // (SOLVER_SETARCH|SOLVER_SETEVR, as libdnf's install jobs).
  bool keep_arch_and_version = false;
};

// A list of jobs, built with typed ids; materialized only when solving, so
// it stays valid across Pool::prepare() calls.
class Jobs {
 public:
  void install(SolvableId solvable, bool weak = false);
  void install_one_of(const std::vector<SolvableId>& solvables, bool weak = false);
  void install_name(DependencyId name_or_relation, bool weak = false);
  void install_provides(DependencyId dependency, bool weak = false);
  void erase(SolvableId solvable, bool clean_deps, bool weak = false);
  void erase_name(DependencyId name, bool clean_deps, bool weak = false);
  void favor(const std::vector<SolvableId>& solvables);
  void disfavor(const std::vector<SolvableId>& solvables);
  void user_installed(const std::vector<SolvableId>& solvables);
  void lock(SolvableId solvable);
  void add(Job job) { jobs_.push_back(std::move(job)); }

  const std::vector<Job>& jobs() const noexcept { return jobs_; }
  std::size_t size() const noexcept { return jobs_.size(); }

 private:
  std::vector<Job> jobs_;
};

// The rule libsolv blames for a problem, spelled out.
struct ProblemRule {
  std::string kind;        // "requires", "conflicts", "nothing provides", "job", …
  std::string source;      // package the rule comes from (name=version:arch), or ""
  std::string target;      // other package involved, or ""
  std::string dependency;  // the dependency involved, or ""
  std::string text;        // libsolv's sentence for the rule
};

struct Problem {
  std::string description;             // libsolv's summary of the problem
  ProblemRule rule;                    // the rule found responsible
  std::vector<std::string> solutions;  // one line per proposed solution
};

enum class SolverFlag {
  ignore_recommended,
  allow_uninstall,
  allow_downgrade,
  strong_recommends,
  best_obey_policy,
  focus_installed,
  focus_best,
};

class Transaction {
 public:
  ~Transaction();
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // New or upgraded packages (`changed`) and untouched installed ones (`kept`).
  struct InstalledResult {
    std::vector<SolvableId> changed;
    std::vector<SolvableId> kept;
  };
  InstalledResult installed_result() const;
  // Installed packages that go away without a replacement of the same name.
  std::vector<SolvableId> erased() const;

 private:
  friend class Solver;
  Transaction(const Pool& pool, s_Transaction* transaction)
      : pool_(&pool), transaction_(transaction) {}
  const Pool* pool_;
  s_Transaction* transaction_;
};

class Solver {
 public:
  explicit Solver(Pool& pool);
  ~Solver();
  Solver(const Solver&) = delete;
  Solver& operator=(const Solver&) = delete;
  Solver(Solver&&) noexcept;
  Solver& operator=(Solver&&) noexcept;

  void set_flag(SolverFlag flag, bool value);

  // Solves; an empty result means success.
  std::vector<Problem> solve(const Jobs& jobs);
  Transaction transaction() const;
  // Installed packages nothing user-installed needs any more.
  std::vector<SolvableId> unneeded() const;
  // Writes a libsolv testcase (testcase_write) of the last solve into DIR,
  // replayable without locidep by `testsolv DIR/testcase.t`.
  void write_testcase(const std::filesystem::path& directory) const;

 private:
  Pool* pool_;
  s_Solver* solver_;
};

// Replays a testcase written by Solver::write_testcase: reads it into a fresh
// pool, solves, and returns the difference between the recorded and the new
// result ("" when they agree). Throws Error(bad_input) when unreadable.
std::string replay_testcase(const std::filesystem::path& testcase_file);

}  // namespace locidep::solv
