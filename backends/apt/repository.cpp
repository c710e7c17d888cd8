#include "backends/apt/repository.hpp"

#include <cstdlib>
#include <functional>
#include <unordered_map>

#include "backends/apt/index_reader.hpp"
#include "backends/solv/source_memo.hpp"
#include "common/cache_entry.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"

namespace locidep::apt {

namespace fs = std::filesystem;

AptKeys AptKeys::in(solv::Pool& pool) {
  return {pool.intern("deb:priority"),       pool.intern("deb:essential"),
          pool.intern("deb:protected"),      pool.intern("deb:source-name"),
          pool.intern("deb:source-version"), pool.intern("deb:depends-order"),
          pool.intern("deb:mention")};
}

namespace {

// Calls VISIT(name, item) for each item of a relationship field split at
// SEPARATORS (", " for one entry per relation, ",|" for every alternative):
// NAME is the package name the item starts with.
template <class Visit>
void for_each_relation_name(std::string_view field, std::string_view separators, Visit&& visit) {
  std::size_t pos = 0;
  while (pos < field.size()) {
    std::size_t end = field.find_first_of(separators, pos);
    if (end == std::string_view::npos) end = field.size();
    std::string_view item = field.substr(pos, end - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    const std::string_view name = item.substr(0, item.find_first_of(" \t(:|[<"));
    if (!name.empty()) visit(name, item);
    pos = end + 1;
  }
}

}  // namespace

std::string first_names(std::string_view field) {
  std::string names;
  for_each_relation_name(field, ",", [&](std::string_view name, std::string_view) {
    if (!names.empty()) names += ' ';
    names += name;
  });
  return names;
}

namespace {

// The order in which apt's cache generator first meets each package name of
// an index: the stanza's Package, then the names in its relationship fields
// in the order apt parses them, then its Provides. "name:any" is a package
// of its own in apt (architecture any) and is left out.
class MentionOrder {
 public:
  void stanza(const StanzaFields& fields) {
    note(fields.package);
    for (std::string_view field :
         {fields.pre_depends, fields.depends, fields.conflicts, fields.breaks, fields.recommends,
          fields.suggests, fields.replaces, fields.enhances, fields.provides}) {
      for_each_relation_name(field, ",|", [&](std::string_view name, std::string_view item) {
        const bool any_arch = item.size() > name.size() && item[name.size()] == ':' &&
                              item.substr(name.size() + 1).starts_with("any");
        if (!any_arch) note(name);
      });
    }
  }
  int of(std::string_view name) const {
    const auto found = first_.find(name);
    return found == first_.end() ? -1 : found->second;
  }

 private:
  void note(std::string_view name) {
    if (!name.empty()) first_.try_emplace(name, static_cast<int>(first_.size()));
  }
  std::unordered_map<std::string_view, int> first_;
};

}  // namespace

std::vector<solv::SolvableId> add_packages_text(solv::Pool& pool, solv::RepoView repo,
                                                std::string_view text) {
  const AptKeys keys = AptKeys::in(pool);
  const std::vector<solv::SolvableId> added = repo.add_debian_packages(text);
  MentionOrder mentions;
  for_each_stanza(text, [&](const StanzaFields& fields) { mentions.stanza(fields); });
  // apt never installs Suggests, ignores Enhances, and LOCI's containers run
  // with APT::AutoRemove::SuggestsImportant false, so neither can change an
  // answer; libsolv would still add rules for every package that enhances
  // something reachable (a quarter of all rules on full Debian).
  repo.clear_dependencies(solv::DependencyKind::suggests);
  repo.clear_dependencies(solv::DependencyKind::enhances);
  auto annotate = [&](solv::SolvableId id, const StanzaFields& fields) {
    if (!fields.priority.empty()) repo.set_string(id, keys.priority, fields.priority);
    if (fields.essential == "yes") repo.set_flag(id, keys.essential);
    if (fields.protected_ == "yes") repo.set_flag(id, keys.protected_);
    auto [source_name, source_version] = split_source(fields.source);
    repo.set_string(id, keys.source_name, source_name.empty() ? pool.name(id) : source_name);
    repo.set_string(id, keys.source_version,
                    source_version.empty() ? pool.version(id) : source_version);
    std::string order = first_names(fields.pre_depends);
    const std::string depends = first_names(fields.depends);
    if (!order.empty() && !depends.empty()) order += ' ';
    order += depends;
    if (!order.empty()) repo.set_text(id, keys.depends_order, order);
    if (const int mention = mentions.of(fields.package); mention >= 0) {
      repo.set_number(id, keys.mention, static_cast<std::uint64_t>(mention));
    }
  };
  // libsolv makes one solvable per stanza that names a package, in order;
  // should that ever not hold, match by name and version instead.
  std::size_t next = 0;
  bool aligned = true;
  for_each_stanza(text, [&](const StanzaFields& fields) {
    if (fields.package.empty() || !aligned) return;
    if (next < added.size() && pool.name(added[next]) == fields.package &&
        pool.version(added[next]) == fields.version) {
      annotate(added[next++], fields);
    } else {
      aligned = false;
    }
  });
  if (!aligned) {
    std::unordered_map<std::string, solv::SolvableId> by_identity;
    for (solv::SolvableId id : added) {
      by_identity.emplace(std::string(pool.name(id)) + '\n' + std::string(pool.version(id)), id);
    }
    for_each_stanza(text, [&](const StanzaFields& fields) {
      auto found =
          by_identity.find(std::string(fields.package) + '\n' + std::string(fields.version));
      if (found != by_identity.end()) annotate(found->second, fields);
    });
  }
  repo.internalize();
  return added;
}

namespace {

struct ImageLoad {
  int packages = 0;
  bool from_cache = false;
};

// Fills REPO from the image <dir>/<NAME>-solv<libsolv version>-<format tag>.solv
// of the cache when there is a sound one (common/cache_entry.hpp: built from
// NAME, of this format, its bytes whole), else from the text READ_TEXT
// returns, and writes that image for the next run. NAME carries a content
// checksum, so an image is never stale.
ImageLoad load_through_image(solv::Pool& pool, solv::RepoView& repo, const std::string& name,
                             const CacheSettings& cache,
                             const std::function<std::string()>& read_text) {
  const std::string repo_name(repo.name());
  const std::string kind =
      "apt-solv" + solv::Pool::library_version() + "-" + std::string(solv_format_tag);
  const fs::path image = *cache.directory / (name + "-" + kind + ".solv");
  const std::string source = "apt " + name;
  if (!cache.refresh) {
    if (const auto bytes = read_cache_entry(image, kind, source)) {
      try {
        return {static_cast<int>(repo.add_solv(*bytes).size()), true};
      } catch (const Error&) {
        // Sound bytes libsolv cannot read (another build of it): rebuild below.
        repo.free();
        repo = pool.create_repo(repo_name);
      }
    }
  }
  ImageLoad loaded{static_cast<int>(add_packages_text(pool, repo, read_text()).size()), false};
  try {
    // Descriptions and summaries are most of an index and no question of
    // locidep needs them: the image stays small and quick to load.
    const solv::StringId dropped[] = {
        pool.intern("solvable:description"), pool.intern("solvable:summary"),
        pool.intern("solvable:url"),         pool.intern("solvable:packager"),
        pool.intern("solvable:mediadir"),    pool.intern("solvable:mediafile"),
        pool.intern("solvable:sourcename")};
    write_cache_entry(image, kind, source, repo.to_solv(dropped));
  } catch (const Error&) {
    // Caching is a speed-up only.
  }
  return loaded;
}

}  // namespace

LoadedIndex load_index(solv::Pool& pool, const fs::path& index, const CacheSettings& cache) {
  LoadedIndex loaded;
  loaded.source = index;
  solv::RepoView repo = pool.create_repo(index.string());
  if (!cache.directory) {
    loaded.packages =
        static_cast<int>(add_packages_text(pool, repo, read_packages_index(index)).size());
    return loaded;
  }
  loaded.checksum = solv::remembered_digest(index, "sha256", cache);
  const ImageLoad image = load_through_image(pool, repo, loaded.checksum, cache,
                                             [&] { return read_packages_index(index); });
  loaded.packages = image.packages;
  loaded.from_cache = image.from_cache;
  return loaded;
}

int add_installed_packages(solv::Pool& pool, solv::RepoView& repo,
                           std::string_view installed_stanzas, const CacheSettings& cache) {
  if (!cache.directory)
    return static_cast<int>(add_packages_text(pool, repo, installed_stanzas).size());
  return load_through_image(pool, repo, "base-" + sha256_hex(installed_stanzas), cache,
                            [&] { return std::string(installed_stanzas); })
      .packages;
}

}  // namespace locidep::apt
