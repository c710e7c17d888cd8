// The owning Pool and non-owning Repo views: the only place (with
// solver.hpp) where locidep touches libsolv's pool and repositories.
//
// One Pool per backend and per question. Its distribution type (Debian or
// rpm version semantics) is always set explicitly: Debian's libsolv defaults
// to DEB, so an rpm pool that forgot would compare versions wrongly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "backends/solv/ids.hpp"

struct s_Pool;
struct s_Repo;

namespace locidep::solv {

enum class Disttype { deb, rpm };

// The dependency lists of a solvable. `depends` is libsolv's requires:
// Debian's Pre-Depends are part of it; Breaks are conflicts.
enum class DependencyKind {
  provides,
  depends,
  conflicts,
  obsoletes,
  recommends,
  suggests,
  supplements,
  enhances
};

// The operator of a relation dependency (libsolv's REL_* values).
enum class RelationOp : int {
  gt = 1,
  eq = 2,
  ge = 3,
  lt = 4,
  ne = 5,
  le = 6,
  and_ = 16,
  or_ = 17,
  with = 18,
  namespace_ = 19,
  arch = 20,
  multiarch = 25,
};

struct Relation {
  DependencyId name;  // left side: a name, or a nested relation for and/or
  DependencyId evr;   // right side: a version, an architecture, or a nested relation
  int op = 0;         // a RelationOp value; comparison ops may be or-ed (gt|eq)
};

class Pool;

// A solvable's dependency list as stored by libsolv, without copying: valid
// until its repository changes. Prerequisite and file markers are skipped.
class DependencyList {
 public:
  class iterator {
   public:
    using value_type = DependencyId;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const int* at, int marker_a, int marker_b)
        : at_(at), marker_a_(marker_a), marker_b_(marker_b) {
      skip();
    }
    DependencyId operator*() const { return DependencyId{*at_}; }
    iterator& operator++() {
      ++at_;
      skip();
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const iterator& other) const { return at_ == other.at_; }

   private:
    void skip() {
      while (at_ && *at_ != 0 && (*at_ == marker_a_ || *at_ == marker_b_)) ++at_;
      if (at_ && *at_ == 0) at_ = nullptr;
    }
    const int* at_ = nullptr;
    int marker_a_ = 0;
    int marker_b_ = 0;
  };
  DependencyList() = default;
  DependencyList(const int* first, int marker_a, int marker_b)
      : first_(first), marker_a_(marker_a), marker_b_(marker_b) {}
  iterator begin() const { return iterator(first_, marker_a_, marker_b_); }
  iterator end() const { return iterator(); }

 private:
  const int* first_ = nullptr;
  int marker_a_ = 0;
  int marker_b_ = 0;
};

// A repository inside a Pool. The Pool owns it; a view stays valid until
// the repository is freed or the Pool dies.
class RepoView {
 public:
  std::string_view name() const;
  int size() const;
  std::vector<SolvableId> solvables() const;

  // Adds the stanzas of a Debian `Packages` (or dpkg `status`) text and
  // returns the new solvables in stanza order. Leaves the data
  // uninternalized: attach extra attributes, then internalize().
  std::vector<SolvableId> add_debian_packages(std::string_view text);
  // Loads a .solv image written by to_solv(). Throws Error(environment).
  // Images come from memory only: cached ones are checked whole
  // (common/cache_entry.hpp) before libsolv sees a byte of them.
  std::vector<SolvableId> add_solv(std::string_view bytes);
  // The repository as a .solv image (all attributes, including custom keys,
  // except DROPPED_KEYS: long texts nobody reads make images slow to load).
  std::string to_solv(std::span<const StringId> dropped_keys = {}) const;

  // Custom attributes, kept in the repository's last data block.
  // A value shared by many solvables (interned in the pool's string table).
  void set_string(SolvableId solvable, StringId key, std::string_view value);
  // A value mostly unique to the solvable (kept in the repository data, not
  // hashed into the pool's string table when an image is loaded).
  void set_text(SolvableId solvable, StringId key, std::string_view value);
  void set_flag(SolvableId solvable, StringId key);
  void set_number(SolvableId solvable, StringId key, std::uint64_t value);
  void internalize();
  // Empties one dependency list of every solvable of the repository.
  void clear_dependencies(DependencyKind kind);

  // Copies a solvable (name, evr, arch, vendor, every dependency list and
  // the given string/flag attributes) from any pool into this repository.
  SolvableId add_copy(const Pool& from, SolvableId solvable, std::span<const StringId> string_keys,
                      std::span<const StringId> flag_keys);

  // Frees the repository and its solvables; the view is dead afterwards.
  void free();

  bool operator==(const RepoView& other) const { return repo_ == other.repo_; }

  // rpm data (rpm_readers.cpp). An rpm-md primary.xml, in any compression
  // libsolv knows by the file name (.gz, .xz, .zst, .bz2); with
  // EXTEND_SOLVABLES a filelists.xml whose file lists are attached to the
  // solvables this repository already holds. Throws Error(bad_input).
  std::vector<SolvableId> add_rpmmd_file(const std::filesystem::path& path,
                                         bool extend_solvables = false);
  // Keeps the first of the solvables with the same name, epoch-version-release
  // and architecture and frees the others; returns how many are left.
  // libsolv makes a rule between every two packages of one name, so ten
  // thousand copies of one entry would be a hundred million rules; the
  // solver could only ever take the first of identical ones anyway.
  int drop_duplicate_nevras();
  // The packages of the rpmdb inside ROOT (never the host's): %_dbpath must
  // already name the database relative to ROOT. Throws Error(environment).
  std::vector<SolvableId> add_rpmdb(const std::filesystem::path& root);
  // Records in the repository's meta data that it carries these file
  // provides (REPOSITORY_ADDEDFILEPROVIDES): a .solv image written afterwards
  // lets libsolv skip searching its file lists when it is loaded again.
  void record_added_file_provides(std::span<const DependencyId> file_provides);

 private:
  friend class Pool;
  friend class Solver;
  RepoView(Pool* pool, s_Repo* repo) : pool_(pool), repo_(repo) {}
  Pool* pool_;
  s_Repo* repo_;
};

class Pool {
 public:
  // Throws Error(environment) when libsolv lacks the distribution type.
  Pool(Disttype disttype, std::string_view architecture);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  Pool(Pool&&) noexcept;
  Pool& operator=(Pool&&) noexcept;

  Disttype disttype() const noexcept { return disttype_; }
  const std::string& architecture() const noexcept { return architecture_; }

  // Strings and dependencies.
  StringId intern(std::string_view text);
  std::optional<StringId> find_string(std::string_view text) const;
  std::string_view str(StringId id) const;
  DependencyId relation(DependencyId name, RelationOp op, DependencyId evr);
  std::optional<Relation> relation_of(DependencyId dependency) const;
  std::string dependency_to_string(DependencyId dependency) const;
  // Parses "name", "name (>= 1.0)", "a | b" the way testcases write them.
  DependencyId parse_dependency(std::string_view text);
  // The family's version comparison: <0, 0, >0.
  int compare_versions(std::string_view left, std::string_view right) const;
  int compare_versions(SolvableId left, SolvableId right) const;
  // One past the highest StringId (for tables indexed by name).
  int string_count() const;

  // Repositories.
  RepoView create_repo(std::string_view name);
  std::vector<RepoView> repos() const;
  void set_installed(RepoView repo);
  void clear_installed();
  std::optional<RepoView> installed() const;

  // Solvables.
  std::vector<SolvableId> solvables() const;  // every solvable of every repo
  bool is_installed(SolvableId id) const;
  StringId name_id(SolvableId id) const;
  std::string_view name(SolvableId id) const;
  std::string_view version(SolvableId id) const;
  std::string_view arch(SolvableId id) const;
  StringId arch_id(SolvableId id) const;
  std::string_view repo_name(SolvableId id) const;
  RepoView repo_of(SolvableId id) const;
  std::vector<DependencyId> dependencies(SolvableId id, DependencyKind kind) const;
  // The same without copying (hot loops over the whole universe).
  DependencyList dependency_list(SolvableId id, DependencyKind kind) const;
  std::optional<std::string_view> lookup_string(SolvableId id, StringId key) const;
  bool lookup_flag(SolvableId id, StringId key) const;
  std::optional<std::uint64_t> lookup_number(SolvableId id, StringId key) const;
  // "name=version:arch" style text for messages.
  std::string describe(SolvableId id) const;

  // Restricts what the solver may pick (installed packages are always
  // allowed). Call prepare() afterwards.
  void set_considered(std::span<const SolvableId> allowed);
  void clear_considered();
  bool is_considered(SolvableId id) const;

  // Builds the provides index: needed after any repository or considered
  // change, before what_provides() or solving.
  void prepare();
  std::vector<SolvableId> what_provides(DependencyId dependency) const;
  // Whether SOLVABLE satisfies DEPENDENCY (alternatives included).
  bool matches(SolvableId solvable, DependencyId dependency) const;

  // libsolv's version string ("0.7.23"), part of every cache key.
  static std::string library_version();

  // rpm pools (rpm_readers.cpp).
  enum class Flag {
    implicit_obsolete_uses_colors,  // dnf: glibc.i686 and glibc.x86_64 may be installed together
  };
  void set_flag(Flag flag, bool value);
  // The package checksum of the metadata (rpm-md primary, a Packages index's
  // SHA256) as "sha256:…", when recorded.
  std::optional<std::string> package_checksum(SolvableId id) const;
  // Installed size in bytes (0 when unknown).
  std::uint64_t installed_size(SolvableId id) const;
  // Whether an Obsoletes of OBSOLETER names TARGET (rpm: by name and version).
  bool obsoletes(SolvableId obsoleter, SolvableId target) const;
  // The solvables whose file lists contain PATH (primary's files, and
  // filelists.xml where loaded), considered or not.
  std::vector<SolvableId> file_owners(std::string_view path) const;
  // prepare() without the file provides pass: enough after a considered or
  // installed change when no solvable with new file requirements came in
  // (searching every file list again is the expensive half).
  void prepare_provides_index();
  // prepare(), returning the file provides the pass added to repositories
  // that are not installed (for RepoView::record_added_file_provides).
  std::vector<DependencyId> prepare_listing_file_provides();

 private:
  friend class RepoView;
  friend class Solver;
  friend class Transaction;
  friend struct PoolAccess;  // testcase.cpp
  s_Pool* native() const noexcept { return pool_; }

  s_Pool* pool_ = nullptr;
  Disttype disttype_;
  std::string architecture_;
};

}  // namespace locidep::solv
