#include "backends/solv/pool.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

#include "common/error.hpp"

extern "C" {
#include <solv/chksum.h>
#include <solv/evr.h>
#include <solv/knownid.h>
#include <solv/pool.h>
#include <solv/poolarch.h>
#include <solv/repo.h>
#include <solv/repo_deb.h>
#include <solv/repo_solv.h>
#include <solv/repo_write.h>
#include <solv/repodata.h>
#include <solv/selection.h>
#include <solv/solv_xfopen.h>
#include <solv/solvversion.h>
#include <solv/testcase.h>
}

#include "backends/solv/queue.hpp"
#include "backends/solv/solvext.hpp"

namespace locidep::solv {

namespace {

// A FILE* that closes itself.
struct FileCloser {
  void operator()(FILE* file) const noexcept {
    if (file) std::fclose(file);
  }
};
using UniqueFile = std::unique_ptr<FILE, FileCloser>;

Id dependency_key(DependencyKind kind) {
  switch (kind) {
    case DependencyKind::provides: return SOLVABLE_PROVIDES;
    case DependencyKind::depends: return SOLVABLE_REQUIRES;
    case DependencyKind::conflicts: return SOLVABLE_CONFLICTS;
    case DependencyKind::obsoletes: return SOLVABLE_OBSOLETES;
    case DependencyKind::recommends: return SOLVABLE_RECOMMENDS;
    case DependencyKind::suggests: return SOLVABLE_SUGGESTS;
    case DependencyKind::supplements: return SOLVABLE_SUPPLEMENTS;
    case DependencyKind::enhances: return SOLVABLE_ENHANCES;
  }
  return SOLVABLE_REQUIRES;
}

}  // namespace

// ---------------------------------------------------------------- RepoView

std::string_view RepoView::name() const { return repo_->name ? repo_->name : ""; }
int RepoView::size() const { return repo_->nsolvables; }

std::vector<SolvableId> RepoView::solvables() const {
  std::vector<SolvableId> result;
  result.reserve(static_cast<std::size_t>(repo_->nsolvables));
  Id p;
  Solvable* s;
  FOR_REPO_SOLVABLES(repo_, p, s) result.emplace_back(p);
  return result;
}

std::vector<SolvableId> RepoView::add_debian_packages(std::string_view text) {
  UniqueFile file(ext::solv_fmemopen(text.data(), text.size(), "r"));
  if (!file) throw Error(ExitCode::environment, "cannot open a memory stream for a Packages index");
  const Id first = repo_->end;
  if (ext::repo_add_debpackages(repo_, file.get(), REPO_NO_INTERNALIZE | REPO_REUSE_REPODATA) !=
      0) {
    throw Error(ExitCode::bad_input,
                std::string("libsolv could not read a Debian Packages index: ") +
                    pool_errstr(pool_->pool_));
  }
  std::vector<SolvableId> added;
  for (Id p = first; p < repo_->end; ++p) {
    if (pool_->pool_->solvables[p].repo == repo_) added.emplace_back(p);
  }
  return added;
}

std::vector<SolvableId> RepoView::add_solv(std::string_view bytes) {
  // glibc's fmemopen, not libsolvext's: a warm run that reads only images
  // must not load libsolvext (tests/cli/lazy_libraries_test.cpp). The stream
  // is only read, so the buffer is never written through.
  UniqueFile file(::fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "r"));
  if (!file) throw Error(ExitCode::environment, "cannot open a memory stream for a .solv image");
  const Id first = repo_->end;
  if (repo_add_solv(repo_, file.get(), 0) != 0) {
    throw Error(ExitCode::environment,
                std::string("libsolv could not read a .solv image: ") + pool_errstr(pool_->pool_));
  }
  std::vector<SolvableId> added;
  for (Id p = first; p < repo_->end; ++p) {
    if (pool_->pool_->solvables[p].repo == repo_) added.emplace_back(p);
  }
  return added;
}

namespace {

struct DroppedKeys {
  std::span<const StringId> keys;
};

int drop_keys_filter(::Repo* repo, Repokey* key, void* data) {
  const auto* dropped = static_cast<const DroppedKeys*>(data);
  for (StringId id : dropped->keys) {
    if (key->name == id.value()) return KEY_STORAGE_DROPPED;
  }
  return repo_write_stdkeyfilter(repo, key, nullptr);
}

}  // namespace

std::string RepoView::to_solv(std::span<const StringId> dropped_keys) const {
  char* buffer = nullptr;
  std::size_t length = 0;
  FILE* stream = open_memstream(&buffer, &length);
  if (!stream) throw Error(ExitCode::environment, "cannot open a memory stream for a .solv image");
  DroppedKeys dropped{dropped_keys};
  const int status = repo_write_filtered(repo_, stream, drop_keys_filter, &dropped, nullptr);
  std::fclose(stream);
  std::string bytes(buffer ? buffer : "", length);
  std::free(buffer);
  if (status != 0) {
    throw Error(ExitCode::environment,
                std::string("libsolv could not write a .solv image: ") + pool_errstr(pool_->pool_));
  }
  return bytes;
}

void RepoView::set_string(SolvableId solvable, StringId key, std::string_view value) {
  Repodata* data = repo_last_repodata(repo_);
  const std::string copy(value);
  repodata_set_poolstr(data, solvable.value(), key.value(), copy.c_str());
}

void RepoView::set_text(SolvableId solvable, StringId key, std::string_view value) {
  Repodata* data = repo_last_repodata(repo_);
  const std::string copy(value);
  repodata_set_str(data, solvable.value(), key.value(), copy.c_str());
}

void RepoView::set_flag(SolvableId solvable, StringId key) {
  Repodata* data = repo_last_repodata(repo_);
  repodata_set_void(data, solvable.value(), key.value());
}

void RepoView::set_number(SolvableId solvable, StringId key, std::uint64_t value) {
  Repodata* data = repo_last_repodata(repo_);
  repodata_set_num(data, solvable.value(), key.value(), value);
}

void RepoView::internalize() { repo_internalize(repo_); }

void RepoView::clear_dependencies(DependencyKind kind) {
  Id p;
  Solvable* s;
  FOR_REPO_SOLVABLES(repo_, p, s) {
    switch (kind) {
      case DependencyKind::provides: s->dep_provides = 0; break;
      case DependencyKind::depends: s->dep_requires = 0; break;
      case DependencyKind::conflicts: s->dep_conflicts = 0; break;
      case DependencyKind::obsoletes: s->dep_obsoletes = 0; break;
      case DependencyKind::recommends: s->dep_recommends = 0; break;
      case DependencyKind::suggests: s->dep_suggests = 0; break;
      case DependencyKind::supplements: s->dep_supplements = 0; break;
      case DependencyKind::enhances: s->dep_enhances = 0; break;
    }
  }
}

namespace {

// Re-creates a dependency of one pool in another.
Id translate_dependency(::Pool* from, ::Pool* to, Id dependency) {
  if (from == to || dependency == 0) return dependency;
  if (ISRELDEP(dependency)) {
    const Reldep* rel = GETRELDEP(from, dependency);
    const Id name = translate_dependency(from, to, rel->name);
    Id evr = rel->evr;
    // Architecture-like right sides are ids too; every right side is an id or a relation.
    evr = translate_dependency(from, to, evr);
    return pool_rel2id(to, name, evr, rel->flags, 1);
  }
  return pool_str2id(to, pool_id2str(from, dependency), 1);
}

}  // namespace

SolvableId RepoView::add_copy(const Pool& from, SolvableId solvable,
                              std::span<const StringId> string_keys,
                              std::span<const StringId> flag_keys) {
  ::Pool* source_pool = from.pool_;
  ::Pool* target_pool = pool_->pool_;
  const Solvable* source = source_pool->solvables + solvable.value();
  const Id copy_id = repo_add_solvable(repo_);
  Solvable* copy = target_pool->solvables + copy_id;
  // repo_add_solvable may move the solvables array; `source` stays valid
  // only when the pools differ, so re-read it in the same-pool case.
  source = source_pool->solvables + solvable.value();
  copy->name = translate_dependency(source_pool, target_pool, source->name);
  copy->evr = translate_dependency(source_pool, target_pool, source->evr);
  copy->arch = translate_dependency(source_pool, target_pool, source->arch);
  copy->vendor = translate_dependency(source_pool, target_pool, source->vendor);
  const Id keys[] = {SOLVABLE_PROVIDES,    SOLVABLE_OBSOLETES,  SOLVABLE_CONFLICTS,
                     SOLVABLE_REQUIRES,    SOLVABLE_RECOMMENDS, SOLVABLE_SUGGESTS,
                     SOLVABLE_SUPPLEMENTS, SOLVABLE_ENHANCES};
  for (Id key : keys) {
    Queue deps;
    solvable_lookup_idarray(source_pool->solvables + solvable.value(), key, deps.native());
    Offset offset = 0;
    for (int dependency : deps) {
      // Markers (prerequisite, file) are known ids with the same value in every pool.
      const Id translated =
          (dependency == SOLVABLE_PREREQMARKER || dependency == SOLVABLE_FILEMARKER)
              ? dependency
              : translate_dependency(source_pool, target_pool, dependency);
      offset = repo_addid_dep(repo_, offset, translated, 0);
    }
    copy = target_pool->solvables + copy_id;
    switch (key) {
      case SOLVABLE_PROVIDES: copy->dep_provides = offset; break;
      case SOLVABLE_OBSOLETES: copy->dep_obsoletes = offset; break;
      case SOLVABLE_CONFLICTS: copy->dep_conflicts = offset; break;
      case SOLVABLE_REQUIRES: copy->dep_requires = offset; break;
      case SOLVABLE_RECOMMENDS: copy->dep_recommends = offset; break;
      case SOLVABLE_SUGGESTS: copy->dep_suggests = offset; break;
      case SOLVABLE_SUPPLEMENTS: copy->dep_supplements = offset; break;
      case SOLVABLE_ENHANCES: copy->dep_enhances = offset; break;
      default: break;
    }
  }
  for (StringId key : string_keys) {
    if (auto value = from.lookup_string(solvable, key)) {
      const StringId target_key = (source_pool == target_pool) ? key : pool_->intern(from.str(key));
      set_string(SolvableId{copy_id}, target_key, *value);
    }
  }
  for (StringId key : flag_keys) {
    if (from.lookup_flag(solvable, key)) {
      const StringId target_key = (source_pool == target_pool) ? key : pool_->intern(from.str(key));
      set_flag(SolvableId{copy_id}, target_key);
    }
  }
  return SolvableId{copy_id};
}

void RepoView::free() {
  repo_free(repo_, 1);
  repo_ = nullptr;
}

// -------------------------------------------------------------------- Pool

Pool::Pool(Disttype disttype, std::string_view architecture)
    : pool_(pool_create()), disttype_(disttype), architecture_(architecture) {
  if (!pool_) throw Error(ExitCode::environment, "libsolv could not create a pool");
  const int wanted = disttype == Disttype::deb ? DISTTYPE_DEB : DISTTYPE_RPM;
  if (pool_setdisttype(pool_, wanted) == -1) {
    pool_free(pool_);
    throw Error(ExitCode::environment, std::string("this libsolv was built without ") +
                                           (disttype == Disttype::deb ? "Debian" : "rpm") +
                                           " support");
  }
  const std::string arch(architecture);
  if (disttype == Disttype::deb) {
    // Debian's policy is the architecture and `all`; pool_setarch would
    // install the rpm-style chain (amd64:x86_64:athlon:i686…).
    pool_setarchpolicy(pool_, arch.c_str());
  } else {
    pool_setarch(pool_, arch.c_str());
  }
  // LOCIDEP_SOLV_DEBUG=N turns on libsolv's own statistics and traces (on
  // stderr): the number of rules, the time of each solver phase.
  if (const char* level = std::getenv("LOCIDEP_SOLV_DEBUG"); level && *level) {
    pool_setdebuglevel(pool_, std::atoi(level));
  }
}

Pool::~Pool() {
  if (pool_) {
    clear_considered();  // pool_free leaves the considered map itself behind
    pool_free(pool_);
  }
}

Pool::Pool(Pool&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      disttype_(other.disttype_),
      architecture_(other.architecture_) {}

Pool& Pool::operator=(Pool&& other) noexcept {
  if (this != &other) {
    if (pool_) {
      clear_considered();
      pool_free(pool_);
    }
    pool_ = std::exchange(other.pool_, nullptr);
    disttype_ = other.disttype_;
    architecture_ = other.architecture_;
  }
  return *this;
}

StringId Pool::intern(std::string_view text) {
  return StringId{pool_strn2id(pool_, text.data(), static_cast<unsigned int>(text.size()), 1)};
}

std::optional<StringId> Pool::find_string(std::string_view text) const {
  const Id id = pool_strn2id(pool_, text.data(), static_cast<unsigned int>(text.size()), 0);
  if (!id) return std::nullopt;
  return StringId{id};
}

std::string_view Pool::str(StringId id) const { return pool_id2str(pool_, id.value()); }

DependencyId Pool::relation(DependencyId name, RelationOp op, DependencyId evr) {
  return DependencyId{pool_rel2id(pool_, name.value(), evr.value(), static_cast<int>(op), 1)};
}

std::optional<Relation> Pool::relation_of(DependencyId dependency) const {
  if (!ISRELDEP(dependency.value())) return std::nullopt;
  const Reldep* rel = GETRELDEP(pool_, dependency.value());
  return Relation{DependencyId{rel->name}, DependencyId{rel->evr}, rel->flags};
}

std::string Pool::dependency_to_string(DependencyId dependency) const {
  return pool_dep2str(pool_, dependency.value());
}

DependencyId Pool::parse_dependency(std::string_view text) {
  const std::string copy(text);
  return DependencyId{ext::testcase_str2dep(pool_, copy.c_str())};
}

int Pool::compare_versions(std::string_view left, std::string_view right) const {
  const std::string l(left), r(right);
  return pool_evrcmp_str(pool_, l.c_str(), r.c_str(), EVRCMP_COMPARE);
}

int Pool::compare_versions(SolvableId left, SolvableId right) const {
  return pool_evrcmp(pool_, pool_->solvables[left.value()].evr, pool_->solvables[right.value()].evr,
                     EVRCMP_COMPARE);
}

int Pool::string_count() const { return pool_->ss.nstrings; }

RepoView Pool::create_repo(std::string_view name) {
  const std::string copy(name);
  return RepoView(this, repo_create(pool_, copy.c_str()));
}

std::vector<RepoView> Pool::repos() const {
  std::vector<RepoView> result;
  ::Pool* pool = pool_;
  int i;
  ::Repo* repo;
  FOR_REPOS(i, repo) result.push_back(RepoView(const_cast<Pool*>(this), repo));
  return result;
}

void Pool::set_installed(RepoView repo) { pool_set_installed(pool_, repo.repo_); }
void Pool::clear_installed() { pool_set_installed(pool_, nullptr); }

std::optional<RepoView> Pool::installed() const {
  if (!pool_->installed) return std::nullopt;
  return RepoView(const_cast<Pool*>(this), pool_->installed);
}

std::vector<SolvableId> Pool::solvables() const {
  std::vector<SolvableId> result;
  result.reserve(static_cast<std::size_t>(pool_->nsolvables));
  ::Pool* pool = pool_;
  Id p;
  FOR_POOL_SOLVABLES(p) result.emplace_back(p);
  return result;
}

bool Pool::is_installed(SolvableId id) const {
  return pool_->installed && pool_->solvables[id.value()].repo == pool_->installed;
}

StringId Pool::name_id(SolvableId id) const { return StringId{pool_->solvables[id.value()].name}; }
std::string_view Pool::name(SolvableId id) const {
  return pool_id2str(pool_, pool_->solvables[id.value()].name);
}
std::string_view Pool::version(SolvableId id) const {
  return pool_id2str(pool_, pool_->solvables[id.value()].evr);
}
std::string_view Pool::arch(SolvableId id) const {
  const Id arch = pool_->solvables[id.value()].arch;
  return arch ? pool_id2str(pool_, arch) : "";
}
StringId Pool::arch_id(SolvableId id) const { return StringId{pool_->solvables[id.value()].arch}; }

std::string_view Pool::repo_name(SolvableId id) const {
  const ::Repo* repo = pool_->solvables[id.value()].repo;
  return repo && repo->name ? repo->name : "";
}

RepoView Pool::repo_of(SolvableId id) const {
  return RepoView(const_cast<Pool*>(this), pool_->solvables[id.value()].repo);
}

std::vector<DependencyId> Pool::dependencies(SolvableId id, DependencyKind kind) const {
  Queue deps;
  solvable_lookup_deparray(pool_->solvables + id.value(), dependency_key(kind), deps.native(), 0);
  std::vector<DependencyId> result;
  result.reserve(static_cast<std::size_t>(deps.size()));
  for (int dep : deps) {
    if (dep != SOLVABLE_PREREQMARKER && dep != SOLVABLE_FILEMARKER) result.emplace_back(dep);
  }
  return result;
}

DependencyList Pool::dependency_list(SolvableId id, DependencyKind kind) const {
  const Solvable* s = pool_->solvables + id.value();
  if (!s->repo) return {};
  Offset offset = 0;
  switch (kind) {
    case DependencyKind::provides: offset = s->dep_provides; break;
    case DependencyKind::depends: offset = s->dep_requires; break;
    case DependencyKind::conflicts: offset = s->dep_conflicts; break;
    case DependencyKind::obsoletes: offset = s->dep_obsoletes; break;
    case DependencyKind::recommends: offset = s->dep_recommends; break;
    case DependencyKind::suggests: offset = s->dep_suggests; break;
    case DependencyKind::supplements: offset = s->dep_supplements; break;
    case DependencyKind::enhances: offset = s->dep_enhances; break;
  }
  if (!offset) return {};
  return DependencyList(s->repo->idarraydata + offset, SOLVABLE_PREREQMARKER, SOLVABLE_FILEMARKER);
}

std::optional<std::string_view> Pool::lookup_string(SolvableId id, StringId key) const {
  const char* value = solvable_lookup_str(pool_->solvables + id.value(), key.value());
  if (!value) return std::nullopt;
  return std::string_view(value);
}

std::optional<std::uint64_t> Pool::lookup_number(SolvableId id, StringId key) const {
  const Solvable* s = pool_->solvables + id.value();
  // libsolv returns the default for an absent key: ask twice with two defaults.
  const auto first = solvable_lookup_num(const_cast<Solvable*>(s), key.value(), 0);
  if (first != 0) return first;
  if (solvable_lookup_num(const_cast<Solvable*>(s), key.value(), 1) == 1) return std::nullopt;
  return 0;
}

bool Pool::lookup_flag(SolvableId id, StringId key) const {
  return solvable_lookup_void(pool_->solvables + id.value(), key.value()) != 0;
}

std::string Pool::describe(SolvableId id) const {
  return std::string(name(id)) + "=" + std::string(version(id)) + ":" + std::string(arch(id));
}

void Pool::set_considered(std::span<const SolvableId> allowed) {
  if (!pool_->considered) {
    pool_->considered = static_cast<Map*>(solv_calloc(1, sizeof(Map)));
    map_init(pool_->considered, pool_->nsolvables);
  } else {
    map_grow(pool_->considered, pool_->nsolvables);
    map_empty(pool_->considered);
  }
  for (SolvableId id : allowed) MAPSET(pool_->considered, id.value());
  if (pool_->installed) {
    Id p;
    Solvable* s;
    FOR_REPO_SOLVABLES(pool_->installed, p, s) MAPSET(pool_->considered, p);
  }
}

void Pool::clear_considered() {
  if (pool_->considered) {
    map_free(pool_->considered);
    pool_->considered = static_cast<Map*>(solv_free(pool_->considered));
  }
}

bool Pool::is_considered(SolvableId id) const {
  return !pool_->considered ||
         (id.value() < pool_->considered->size * 8 && MAPTST(pool_->considered, id.value()));
}

void Pool::prepare() {
  // Debian relationships never name files; the scan for file dependencies
  // over every solvable would find none.
  if (disttype_ != Disttype::deb) pool_addfileprovides(pool_);
  pool_createwhatprovides(pool_);
}

std::vector<SolvableId> Pool::what_provides(DependencyId dependency) const {
  std::vector<SolvableId> result;
  ::Pool* pool = pool_;
  Id p, pp;
  FOR_PROVIDES(p, pp, dependency.value()) result.emplace_back(p);
  return result;
}

bool Pool::matches(SolvableId solvable, DependencyId dependency) const {
  ::Pool* pool = pool_;
  Id p, pp;
  FOR_PROVIDES(p, pp, dependency.value()) {
    if (p == solvable.value()) return true;
  }
  return false;
}

std::string Pool::library_version() { return solv_version; }

}  // namespace locidep::solv
