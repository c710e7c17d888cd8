// rpm-md, rpmdb and rpm attribute access on libsolv (see rpm_readers.hpp
// and the rpm sections of pool.hpp).
#include "backends/solv/rpm_readers.hpp"

#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <tuple>

#include "backends/solv/pool.hpp"
#include "backends/solv/queue.hpp"
#include "backends/solv/solvext.hpp"
#include "common/bounded_input.hpp"
#include "common/error.hpp"

extern "C" {
#include <solv/chksum.h>
#include <solv/dataiterator.h>
#include <solv/knownid.h>
#include <solv/pool.h>
#include <solv/repo.h>
#include <solv/repo_repomdxml.h>
#include <solv/repo_rpmdb.h>
#include <solv/repo_rpmmd.h>
#include <solv/repodata.h>
#include <solv/solv_xfopen.h>
}

namespace locidep::solv {

namespace {

struct FileCloser {
  void operator()(FILE* file) const noexcept {
    if (file) std::fclose(file);
  }
};
using UniqueFile = std::unique_ptr<FILE, FileCloser>;

struct PoolFree {
  void operator()(::Pool* pool) const noexcept { pool_free(pool); }
};

// The solvables a reader added to REPO since FIRST.
std::vector<SolvableId> added_since(::Pool* pool, ::Repo* repo, Id first) {
  std::vector<SolvableId> added;
  for (Id p = first; p < repo->end; ++p) {
    if (pool->solvables[p].repo == repo) added.emplace_back(p);
  }
  return added;
}

std::string hex_of(const unsigned char* bytes, int length) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(static_cast<std::size_t>(length) * 2);
  for (int i = 0; i < length; ++i) {
    hex.push_back(digits[bytes[i] >> 4]);
    hex.push_back(digits[bytes[i] & 0xf]);
  }
  return hex;
}

}  // namespace

// ------------------------------------------------------------ repomd.xml

std::vector<RepomdRecord> read_repomd(const std::filesystem::path& repomd_xml) {
  UniqueFile file(std::fopen(repomd_xml.c_str(), "r"));
  if (!file) throw Error(ExitCode::bad_input, "cannot read " + repomd_xml.string());
  std::unique_ptr<::Pool, PoolFree> pool(pool_create());
  ::Repo* repo = repo_create(pool.get(), "repomd");
  if (ext::repo_add_repomdxml(repo, file.get(), 0) != 0) {
    throw Error(ExitCode::bad_input,
                repomd_xml.string() + ": not a readable repomd.xml: " + pool_errstr(pool.get()));
  }
  std::vector<RepomdRecord> records;
  Dataiterator di;
  dataiterator_init(&di, pool.get(), repo, SOLVID_META, REPOSITORY_REPOMD_TYPE, nullptr, 0);
  dataiterator_prepend_keyname(&di, REPOSITORY_REPOMD);
  while (dataiterator_step(&di)) {
    RepomdRecord record;
    // The type is stored as an id: spell it out before moving the position.
    if (const char* type = repodata_stringify(pool.get(), di.data, di.key, &di.kv, SEARCH_STRING))
      record.type = type;
    dataiterator_setpos_parent(&di);
    if (const char* location =
            pool_lookup_str(pool.get(), SOLVID_POS, REPOSITORY_REPOMD_LOCATION)) {
      record.location = location;
    }
    Id type = 0;
    if (const char* checksum =
            pool_lookup_checksum(pool.get(), SOLVID_POS, REPOSITORY_REPOMD_CHECKSUM, &type)) {
      record.checksum = checksum;
      if (const char* name = solv_chksum_type2str(type)) record.checksum_type = name;
    }
    records.push_back(std::move(record));
  }
  dataiterator_free(&di);
  return records;
}

std::string read_decompressed(const std::filesystem::path& path) {
  UniqueFile file(ext::solv_xfopen(path.c_str(), "r"));
  if (!file) throw Error(ExitCode::bad_input, "cannot read " + path.string());
  StreamBudget budget(path.string(), max_index_text_bytes);
  std::string content;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    budget.take(std::string_view(buffer, got));
    content.append(buffer, got);
  }
  if (std::ferror(file.get()))
    throw Error(ExitCode::bad_input, "cannot decompress " + path.string());
  return content;
}

std::string file_digest(const std::filesystem::path& path, const std::string& algorithm) {
  const Id type = solv_chksum_str2type(algorithm.c_str());
  if (!type) return "";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::bad_input, "cannot read " + path.string());
  Chksum* sum = solv_chksum_create(type);
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    if (in.gcount() > 0) solv_chksum_add(sum, buffer, static_cast<int>(in.gcount()));
  }
  int length = 0;
  const unsigned char* digest = solv_chksum_get(sum, &length);
  std::string hex = hex_of(digest, length);
  solv_chksum_free(sum, nullptr);
  return hex;
}

// ------------------------------------------------------------- RepoView

std::vector<SolvableId> RepoView::add_rpmmd_file(const std::filesystem::path& path,
                                                 bool extend_solvables) {
  FILE* decompressed = ext::solv_xfopen(path.c_str(), "r");
  if (!decompressed) throw Error(ExitCode::bad_input, "cannot read " + path.string());
  // libsolv reads through our count: a bomb stops at the cap (or at its first
  // binary byte, which XML never holds) instead of filling memory.
  const BudgetedFile file(decompressed, StreamBudget(path.string(), max_rpmmd_stream_bytes));
  const Id first = repo_->end;
  const int flags = extend_solvables ? REPO_EXTEND_SOLVABLES : 0;
  const int status = ext::repo_add_rpmmd(repo_, file.get(), nullptr, flags);
  if (file.failure()) throw *file.failure();
  if (status != 0) {
    throw Error(ExitCode::bad_input,
                path.string() + ": not readable rpm-md: " + pool_errstr(pool_->pool_));
  }
  if (extend_solvables) return {};
  return added_since(pool_->pool_, repo_, first);
}

int RepoView::drop_duplicate_nevras() {
  ::Pool* pool = pool_->pool_;
  std::set<std::tuple<Id, Id, Id>> seen;
  int kept = 0;
  for (Id p = repo_->start; p < repo_->end; ++p) {
    const ::Solvable* solvable = pool->solvables + p;
    if (solvable->repo != repo_) continue;
    if (seen.emplace(solvable->name, solvable->evr, solvable->arch).second) {
      ++kept;
    } else {
      repo_free_solvable(repo_, p, /*reuseids=*/0);
    }
  }
  return kept;
}

std::vector<SolvableId> RepoView::add_rpmdb(const std::filesystem::path& root) {
  ::Pool* pool = pool_->pool_;
  const Id first = repo_->end;
  // Without REPO_USE_ROOTDIR libsolv ignores the root and reads the host's db.
  pool_set_rootdir(pool, root.c_str());
  const int status = ext::repo_add_rpmdb(repo_, nullptr, REPO_USE_ROOTDIR);
  const std::string message = status != 0 ? pool_errstr(pool) : "";
  pool_set_rootdir(pool, nullptr);
  if (status != 0) {
    throw Error(ExitCode::environment,
                "cannot read the rpm database in " + root.string() + ": " + message);
  }
  return added_since(pool, repo_, first);
}

// ----------------------------------------------------------------- Pool

void Pool::set_flag(Flag flag, bool value) {
  switch (flag) {
    case Flag::implicit_obsolete_uses_colors:
      pool_set_flag(pool_, POOL_FLAG_IMPLICITOBSOLETEUSESCOLORS, value ? 1 : 0);
      break;
  }
}

std::optional<std::string> Pool::package_checksum(SolvableId id) const {
  Id type = 0;
  const char* hex =
      solvable_lookup_checksum(pool_->solvables + id.value(), SOLVABLE_CHECKSUM, &type);
  if (!hex || !type) return std::nullopt;
  const char* name = solv_chksum_type2str(type);
  return std::string(name ? name : "unknown") + ":" + hex;
}

std::uint64_t Pool::installed_size(SolvableId id) const {
  return solvable_lookup_num(pool_->solvables + id.value(), SOLVABLE_INSTALLSIZE, 0);
}

bool Pool::obsoletes(SolvableId obsoleter, SolvableId target) const {
  for (DependencyId dependency : dependency_list(obsoleter, DependencyKind::obsoletes)) {
    if (pool_match_nevr(pool_, pool_->solvables + target.value(), dependency.value())) return true;
  }
  return false;
}

void Pool::prepare_provides_index() { pool_createwhatprovides(pool_); }

std::vector<DependencyId> Pool::prepare_listing_file_provides() {
  Queue added, added_installed;
  pool_addfileprovides_queue(pool_, added.native(), added_installed.native());
  pool_createwhatprovides(pool_);
  std::vector<DependencyId> result;
  for (int id : added) result.emplace_back(id);
  return result;
}

void RepoView::record_added_file_provides(std::span<const DependencyId> file_provides) {
  if (file_provides.empty()) return;
  Queue ids;
  for (DependencyId id : file_provides) ids.push(id.value());
  Repodata* data = repo_add_repodata(repo_, 0);
  repodata_set_idarray(data, SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES, ids.native());
  repodata_internalize(data);
}

std::vector<SolvableId> Pool::file_owners(std::string_view path) const {
  const std::string wanted(path);
  std::vector<SolvableId> owners;
  Dataiterator di;
  dataiterator_init(&di, pool_, nullptr, 0, SOLVABLE_FILELIST, wanted.c_str(),
                    SEARCH_STRING | SEARCH_FILES);
  while (dataiterator_step(&di)) {
    if (owners.empty() || owners.back().value() != di.solvid) owners.emplace_back(di.solvid);
    dataiterator_skip_solvable(&di);
  }
  dataiterator_free(&di);
  return owners;
}

}  // namespace locidep::solv
