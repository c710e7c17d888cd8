#include "backends/rpm/system.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <unordered_set>

#include "backends/solv/package_words.hpp"
#include "backends/solv/solver.hpp"
#include "common/error.hpp"

namespace locidep::rpm {

namespace fs = std::filesystem;
using solv::DependencyId;
using solv::DependencyKind;
using solv::SolvableId;
using solv::StringId;

const char* to_string(Tool tool) { return tool == Tool::zypper ? "zypper" : "dnf"; }

namespace {

// Architectures a word may end in (zypper's and hawkey's NA forms only take
// a suffix that names an architecture some package has).
bool is_architecture_word(std::string_view text) {
  static const std::set<std::string, std::less<>> known{"noarch",  "x86_64",  "i386",   "i486",
                                                        "i586",    "i686",    "athlon", "aarch64",
                                                        "armv7hl", "ppc64le", "s390x",  "src"};
  return known.contains(text);
}

PackageVersion version_of(const solv::Pool& pool, SolvableId id) {
  return {std::string(pool.name(id)), std::string(pool.version(id)), std::string(pool.arch(id))};
}

// libsolv spells an rpm EVR "[epoch:]version-release" without a 0 epoch.
struct Evr {
  std::string epoch;
  std::string version;
  std::string release;
};

Evr split_evr(std::string_view evr) {
  Evr parts;
  if (const auto colon = evr.find(':'); colon != std::string_view::npos) {
    parts.epoch = std::string(evr.substr(0, colon));
    evr = evr.substr(colon + 1);
  }
  if (const auto dash = evr.rfind('-'); dash != std::string_view::npos) {
    parts.release = std::string(evr.substr(dash + 1));
    evr = evr.substr(0, dash);
  }
  parts.version = std::string(evr);
  if (parts.epoch == "0") parts.epoch.clear();
  return parts;
}

void add_solver_problems(const std::vector<solv::Problem>& problems,
                         std::vector<RequestProblem>& out, const std::string& subject) {
  for (const solv::Problem& problem : problems) {
    RequestProblem entry;
    entry.subject = subject;
    entry.message = "Problem: " + problem.description;
    if (!problem.rule.text.empty() && problem.rule.text != problem.description) {
      entry.details.push_back("rule (" + problem.rule.kind + "): " + problem.rule.text);
    }
    for (const std::string& solution : problem.solutions)
      entry.details.push_back("possible solution: " + solution);
    out.push_back(std::move(entry));
  }
}

}  // namespace

struct RpmSystem::Selection {
  std::vector<SolvableId> candidates;
};

// Where dnf and zypper differ, as facts the code reads; chosen once per tool.
struct RpmSystem::ToolPolicy {
  // dnf installs glibc.i686 beside glibc.x86_64; libzypp lets them replace each other.
  bool multilib;
  bool reads_filelists;  // libzypp never reads filelists
  // dnf's modules.yaml: streams to enable, packages of other streams hidden;
  // zypper knows nothing of modules.
  bool reads_modules;
  // How a word selects packages: hawkey's Subject or zypper's PackageArgs.
  std::optional<Selection> (RpmSystem::*select_word)(const std::string& word, bool installed_only);
  const char* refusal;  // the sentence for a word nothing matches ({} is the word)
  // A second line under that sentence when an install word matches nothing
  // ({} is the word), or nullptr.
  const char* unmatched_install_detail;
  // libdnf's install jobs keep the selected architecture: `zlib-devel.i686`
  // must not bring zlib-devel.x86_64 along.
  bool install_keeps_arch;
  // A removal word nothing installed matches: a warning ({} is the word),
  // except that zypper refuses a name no package has.
  const char* not_installed_warning;
  bool refuses_unknown_removal;
  bool refuses_empty_removal;  // dnf: "No packages marked for removal."
  // dnf's protected_packages (its default: dnf itself) may not be removed.
  std::vector<std::string> protected_packages;
};

const RpmSystem::ToolPolicy& RpmSystem::policy_of(Tool tool) {
  static const ToolPolicy dnf{
      .multilib = true,
      .reads_filelists = true,
      .reads_modules = true,
      .select_word = &RpmSystem::select_dnf,
      .refusal = "No match for argument: {}",
      .unmatched_install_detail = "Error: Unable to find a match: {}",
      .install_keeps_arch = true,
      .not_installed_warning = "No match for argument: {}",
      .refuses_unknown_removal = false,
      .refuses_empty_removal = true,
      .protected_packages = {"dnf"},
  };
  static const ToolPolicy zypper{
      .multilib = false,
      .reads_filelists = false,
      .reads_modules = false,
      .select_word = &RpmSystem::select_zypper,
      .refusal = "No provider of '{}' found.",
      .unmatched_install_detail = nullptr,
      .install_keeps_arch = false,
      .not_installed_warning = "Package '{}' is not installed.",
      .refuses_unknown_removal = true,
      .refuses_empty_removal = false,
      .protected_packages = {},
  };
  return tool == Tool::dnf ? dnf : zypper;
}

RpmSystem::RpmSystem(Tool tool, std::string architecture)
    : tool_(tool), policy_(&policy_of(tool)), pool_(solv::Disttype::rpm, architecture) {
  if (policy_->multilib) pool_.set_flag(solv::Pool::Flag::implicit_obsolete_uses_colors, true);
}

LoadedRepository RpmSystem::add_repository(const fs::path& path, const CacheSettings& cache,
                                           std::string name) {
  if (name.empty()) {
    fs::path folder = path.lexically_normal();
    if (folder.filename().empty()) folder = folder.parent_path();
    if (folder.filename() == "repomd.xml") folder = folder.parent_path();
    if (folder.filename() == "repodata") folder = folder.parent_path();
    name = folder.filename().string();
    if (name.empty()) name = "repository";
  }
  RpmmdOptions options;
  options.filelists = policy_->reads_filelists;
  options.modules = policy_->reads_modules;
  options.cache = cache;
  options.defer_cache_write = true;
  LoadedRepository loaded = load_rpmmd_repository(pool_, path, name, options);
  available_.push_back(pool_.repos().back());
  solv::check_package_words(pool_, available_.back().solvables(),
                            (loaded.source / "repodata" / "primary.xml").string());
  if (loaded.pending_image) pending_images_.emplace_back(available_.back(), *loaded.pending_image);
  file_provides_ready_ = false;
  if (policy_->reads_modules && !loaded.modules.empty()) modules_.push_back(loaded.modules);
  indexed_ = false;
  return loaded;
}

void RpmSystem::set_base_packages(const fs::path& list) {
  set_base_packages(read_base_list(list), list.string());
}

void RpmSystem::set_base_packages(const std::vector<BaseListEntry>& entries,
                                  const std::string& source) {
  if (auto old = pool_.installed()) old->free();
  // File provides the repositories' packages carry are added now, so the
  // copies carry them too.
  pool_.clear_considered();
  indexed_ = false;
  index();
  refresh_provides();
  std::vector<SolvableId> originals;
  for (const BaseListEntry& entry : entries) {
    const auto found = find_nevra(entry.nevra);
    if (!found) {
      throw Error(
          ExitCode::bad_input,
          fmt::format("base package {} is in none of the repositories ({} of them name {})",
                      entry.text, named(entry.nevra.name).empty() ? "none" : "some versions",
                      entry.nevra.name),
          SourceLocation{source, entry.line, 1, entry.text});
    }
    originals.push_back(*found);
  }
  solv::RepoView system = pool_.create_repo("@System");
  for (SolvableId id : originals) system.add_copy(pool_, id, {}, {});
  system.internalize();
  pool_.set_installed(system);
  indexed_ = false;
}

void RpmSystem::set_base_root(const fs::path& root) {
  if (auto old = pool_.installed()) old->free();
  solv::RepoView system = pool_.create_repo("@System");
  try {
    const auto added = add_rpmdb_packages(system, root);
    solv::check_package_words(pool_, added, (root / "rpm database").string());
  } catch (...) {
    system.free();
    throw;
  }
  system.internalize();
  pool_.set_installed(system);
  indexed_ = false;
  file_provides_ready_ = false;  // an rpmdb brings its own file requirements and lists
}

// The provides index after a change. The file provides pass (every file list
// searched for the files anything requires) runs once per set of
// repositories: copies made afterwards carry the file provides they got.
void RpmSystem::refresh_provides() {
  if (file_provides_ready_) {
    pool_.prepare_provides_index();
  } else {
    if (pending_images_.empty()) {
      pool_.prepare();
    } else {
      // Images written now carry the file provides just added, and say so.
      const auto added = pool_.prepare_listing_file_provides();
      for (auto& [repo, image] : pending_images_) {
        repo.record_added_file_provides(added);
        write_repository_image(pool_, repo, image);
      }
      pending_images_.clear();
    }
    file_provides_ready_ = true;
  }
}

int RpmSystem::available_count() const {
  int count = 0;
  for (const auto& repo : available_) count += repo.size();
  return count;
}

int RpmSystem::installed_count() const { return pool_.installed() ? pool_.installed()->size() : 0; }

std::vector<PackageVersion> RpmSystem::base_packages() const {
  std::vector<PackageVersion> packages;
  if (auto installed = pool_.installed()) {
    for (SolvableId id : installed->solvables()) packages.push_back(version_of(pool_, id));
  }
  std::sort(packages.begin(), packages.end());
  return packages;
}

void RpmSystem::index() {
  if (indexed_) return;
  by_name_.clear();
  for (SolvableId id : pool_.solvables()) by_name_[std::string(pool_.name(id))].push_back(id);
  obsoleting_.clear();
  for (const auto& repo : available_) {
    for (SolvableId id : repo.solvables()) {
      const auto obsoletes = pool_.dependency_list(id, DependencyKind::obsoletes);
      if (obsoletes.begin() != obsoletes.end()) obsoleting_.push_back(id);
    }
  }
  indexed_ = true;
}

std::vector<SolvableId> RpmSystem::named(const std::string& name) const {
  const auto found = by_name_.find(name);
  return found == by_name_.end() ? std::vector<SolvableId>{} : found->second;
}

std::optional<SolvableId> RpmSystem::find_nevra(const Nevra& nevra) const {
  const std::string evr = nevra.evr();
  for (SolvableId id : named(nevra.name)) {
    if (pool_.is_installed(id)) continue;
    if (pool_.arch(id) == nevra.arch && pool_.version(id) == evr) return id;
  }
  return std::nullopt;
}

// ----------------------------------------------------------------- modules

std::vector<SolvableId> RpmSystem::considered_for(
    const std::map<std::string, std::string>& enabled_modules) {
  index();
  std::vector<SolvableId> available;
  for (const auto& repo : available_) {
    const auto ids = repo.solvables();
    available.insert(available.end(), ids.begin(), ids.end());
  }
  if (policy_->reads_modules) check_module_streams(enabled_modules);
  if (!policy_->reads_modules || modules_.empty()) return available;

  // dnf's module filtering: a package an enabled stream ships is visible,
  // one only other streams ship is hidden, and so is a non-modular package
  // whose name an enabled stream ships.
  // Artifacts are looked up through the name index (no string per package).
  auto solvables_of = [&](const std::string& artifact) -> std::vector<SolvableId> {
    const auto nevra = parse_nevra(artifact);
    if (!nevra || nevra->arch == "src" || nevra->arch == "nosrc") return {};
    const std::string evr = nevra->evr();
    std::vector<SolvableId> found;
    for (SolvableId id : named(nevra->name)) {
      if (!pool_.is_installed(id) && pool_.arch(id) == nevra->arch && pool_.version(id) == evr)
        found.push_back(id);
    }
    return found;
  };
  std::map<std::string, std::string> active;
  for (const ModuleMetadata& metadata : modules_) {
    for (const auto& [module, stream] : metadata.default_streams) active[module] = stream;
  }
  for (const auto& [module, stream] : enabled_modules) active[module] = stream;

  std::unordered_set<SolvableId> modular, shipped;
  std::unordered_set<std::string> shipped_names;
  for (const ModuleMetadata& metadata : modules_) {
    // Of each enabled stream, the newest version of every context.
    std::map<std::string, const ModuleStream*> newest;  // "name\nstream\ncontext" → stream
    for (const ModuleStream& stream : metadata.streams) {
      for (const std::string& artifact : stream.artifacts) {
        for (SolvableId id : solvables_of(artifact)) modular.insert(id);
      }
      const auto wanted = active.find(stream.name);
      if (wanted == active.end() || wanted->second != stream.stream) continue;
      const std::string key = stream.name + "\n" + stream.stream + "\n" + stream.context;
      auto [slot, inserted] = newest.try_emplace(key, &stream);
      if (!inserted) {
        const auto number = [](const std::string& text) {
          return std::strtoull(text.c_str(), nullptr, 10);
        };
        if (number(stream.version) > number(slot->second->version)) slot->second = &stream;
      }
    }
    for (const auto& [key, stream] : newest) {
      for (const std::string& artifact : stream->artifacts) {
        for (SolvableId id : solvables_of(artifact)) {
          shipped.insert(id);
          shipped_names.insert(std::string(pool_.name(id)));
        }
      }
    }
  }
  std::vector<SolvableId> considered;
  considered.reserve(available.size());
  for (SolvableId id : available) {
    if (modular.contains(id) ? shipped.contains(id)
                             : !shipped_names.contains(std::string(pool_.name(id)))) {
      considered.push_back(id);
    }
  }
  return considered;
}

// dnf refuses to enable a stream no repository has ("Problems in request:
// missing groups or modules"); so do we, naming the streams there are.
void RpmSystem::check_module_streams(
    const std::map<std::string, std::string>& enabled_modules) const {
  std::set<std::string> known;
  for (const ModuleMetadata& metadata : modules_) {
    for (const ModuleStream& stream : metadata.streams)
      known.insert(stream.name + ":" + stream.stream);
  }
  for (const auto& [module, stream] : enabled_modules) {
    if (known.contains(module + ":" + stream)) continue;
    std::string streams;
    for (const auto& name : known) streams += (streams.empty() ? "" : ", ") + name;
    throw Error(
        ExitCode::bad_input,
        fmt::format("module stream {}:{} is in none of the repositories' modules.yaml ({})", module,
                    stream, streams.empty() ? "they hold no modules" : "streams: " + streams));
  }
}

// ------------------------------------------------------------------- words

std::string RpmSystem::refusal(const std::string& word) const {
  return fmt::format(fmt::runtime(policy_->refusal), word);
}

std::optional<RpmSystem::Selection> RpmSystem::select(const std::string& word,
                                                      bool installed_only) {
  return (this->*policy_->select_word)(word, installed_only);
}

// hawkey's Subject: the NEVRA forms in the order dnf tries them (NEVRA, NA,
// NAME, NEVR, NEV); then provides; then files.
std::optional<RpmSystem::Selection> RpmSystem::select_dnf(const std::string& word,
                                                          bool installed_only) {
  auto visible = [&](SolvableId id) {
    return pool_.is_installed(id) || (!installed_only && pool_.is_considered(id));
  };
  auto matching = [&](const std::string& name, auto&& predicate) {
    std::vector<SolvableId> found;
    for (SolvableId id : named(name)) {
      if (visible(id) && predicate(id)) found.push_back(id);
    }
    return found;
  };
  auto evr_matches = [&](SolvableId id, const std::string& epoch, const std::string& version,
                         const std::string& release) {
    const Evr evr = split_evr(pool_.version(id));
    const std::string wanted_epoch = epoch == "0" ? "" : epoch;
    return (epoch.empty() || evr.epoch == wanted_epoch) && evr.version == version &&
           (release.empty() || evr.release == release);
  };
  Selection selection;
  bool just_name = false;
  // NEVRA
  if (auto nevra = parse_nevra(word)) {
    selection.candidates = matching(nevra->name, [&](SolvableId id) {
      return pool_.arch(id) == nevra->arch &&
             evr_matches(id, nevra->epoch, nevra->version, nevra->release);
    });
  }
  // NA
  if (selection.candidates.empty()) {
    if (const auto dot = word.rfind('.'); dot != std::string::npos && dot > 0) {
      const std::string arch = word.substr(dot + 1);
      selection.candidates =
          matching(word.substr(0, dot), [&](SolvableId id) { return pool_.arch(id) == arch; });
    }
  }
  // NAME
  if (selection.candidates.empty()) {
    selection.candidates = matching(word, [](SolvableId) { return true; });
    just_name = !selection.candidates.empty();
  }
  // NEVR, then NEV
  if (selection.candidates.empty()) {
    if (const auto dash = word.rfind('-'); dash != std::string::npos && dash > 0) {
      const std::string release = word.substr(dash + 1);
      const std::string nev = word.substr(0, dash);
      if (const auto dash2 = nev.rfind('-'); dash2 != std::string::npos && dash2 > 0) {
        const Evr ev = split_evr(nev.substr(dash2 + 1));
        selection.candidates = matching(nev.substr(0, dash2), [&](SolvableId id) {
          return evr_matches(id, ev.epoch, ev.version, release);
        });
      }
      if (selection.candidates.empty()) {
        const Evr ev = split_evr(word.substr(dash + 1));
        selection.candidates = matching(word.substr(0, dash), [&](SolvableId id) {
          return evr_matches(id, ev.epoch, ev.version, "");
        });
      }
    }
  }
  if (!selection.candidates.empty()) {
    // dnf's obsoletes=True: a bare name also selects what obsoletes it.
    if (just_name && !installed_only) {
      std::vector<SolvableId> obsoleters;
      index();
      for (SolvableId id : obsoleting_) {
        if (!pool_.is_considered(id)) continue;
        if (std::find(selection.candidates.begin(), selection.candidates.end(), id) !=
            selection.candidates.end()) {
          continue;
        }
        for (SolvableId target : selection.candidates) {
          if (pool_.obsoletes(id, target)) {
            obsoleters.push_back(id);
            break;
          }
        }
      }
      selection.candidates.insert(selection.candidates.end(), obsoleters.begin(), obsoleters.end());
    }
    return selection;
  }
  // Provides, then files.
  if (auto name = pool_.find_string(word)) {
    for (SolvableId id : pool_.what_provides(solv::as_dependency(*name))) {
      if (visible(id)) selection.candidates.push_back(id);
    }
  }
  if (selection.candidates.empty() && !word.empty() && word.front() == '/') {
    for (SolvableId id : pool_.file_owners(word)) {
      if (visible(id)) selection.candidates.push_back(id);
    }
  }
  if (selection.candidates.empty()) return std::nullopt;
  return selection;
}

// zypper's PackageArgs/SolverRequester: `name[.arch][OP version]` looked up
// by package name first, then ("not found in package names. Trying
// capabilities.") as a capability.
std::optional<RpmSystem::Selection> RpmSystem::select_zypper(const std::string& word,
                                                             bool installed_only) {
  auto visible = [&](SolvableId id) {
    return pool_.is_installed(id) || (!installed_only && pool_.is_considered(id));
  };
  // `pattern:X` (zypper install -t pattern X): the package providing pattern() = X.
  if (word.rfind("pattern:", 0) == 0) {
    const DependencyId pattern =
        pool_.relation(solv::as_dependency(pool_.intern("pattern()")), solv::RelationOp::eq,
                       solv::as_dependency(pool_.intern(word.substr(8))));
    Selection selection;
    for (SolvableId id : pool_.what_provides(pattern)) {
      if (visible(id)) selection.candidates.push_back(id);
    }
    if (selection.candidates.empty()) return std::nullopt;
    return selection;
  }
  std::string name = word;
  std::string op_text;
  std::string version;
  if (const auto op = word.find_first_of("<>=!"); op != std::string::npos && op > 0) {
    auto end = word.find_first_not_of("<>=!", op);
    op_text = word.substr(op, end == std::string::npos ? std::string::npos : end - op);
    version = end == std::string::npos ? "" : word.substr(end);
    name = word.substr(0, op);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!version.empty() && version.front() == ' ') version.erase(version.begin());
  }
  std::string arch;
  if (const auto dot = name.rfind('.');
      dot != std::string::npos && is_architecture_word(name.substr(dot + 1))) {
    arch = name.substr(dot + 1);
    name.resize(dot);
  }
  const StringId name_id = pool_.intern(name);
  DependencyId capability = solv::as_dependency(name_id);
  if (!op_text.empty() && !version.empty()) {
    solv::RelationOp op = solv::RelationOp::eq;
    if (op_text == ">=")
      op = solv::RelationOp::ge;
    else if (op_text == "<=")
      op = solv::RelationOp::le;
    else if (op_text == ">")
      op = solv::RelationOp::gt;
    else if (op_text == "<")
      op = solv::RelationOp::lt;
    else if (op_text == "!=")
      op = solv::RelationOp::ne;
    capability = pool_.relation(capability, op, solv::as_dependency(pool_.intern(version)));
  }
  Selection selection;
  const std::vector<SolvableId> providers = pool_.what_provides(capability);
  for (SolvableId id : named(name)) {
    if (!visible(id) || (!arch.empty() && pool_.arch(id) != arch)) continue;
    if (capability.value() != name_id.value() &&
        std::find(providers.begin(), providers.end(), id) == providers.end()) {
      continue;
    }
    selection.candidates.push_back(id);
  }
  if (selection.candidates.empty()) {
    for (SolvableId id : providers) {
      if (visible(id) && (arch.empty() || pool_.arch(id) == arch))
        selection.candidates.push_back(id);
    }
  }
  if (selection.candidates.empty() && !name.empty() && name.front() == '/') {
    for (SolvableId id : pool_.file_owners(name)) {
      if (visible(id)) selection.candidates.push_back(id);
    }
  }
  if (selection.candidates.empty()) return std::nullopt;
  return selection;
}

// ---------------------------------------------------------------- install

// Every word must match, else the tool refuses the whole request: the
// selection of each word, or PROBLEMS naming the words that match nothing.
std::vector<std::pair<std::string, RpmSystem::Selection>> RpmSystem::select_install_words(
    const std::vector<std::string>& words, std::vector<RequestProblem>& problems) {
  std::vector<std::pair<std::string, Selection>> selections;
  for (const std::string& word : words) {
    auto selection = select(word, /*installed_only=*/false);
    if (!selection) {
      RequestProblem problem{word, refusal(word), {}};
      if (policy_->unmatched_install_detail) {
        problem.details.push_back(
            fmt::format(fmt::runtime(policy_->unmatched_install_detail), word));
      }
      problems.push_back(std::move(problem));
      continue;
    }
    selections.emplace_back(word, std::move(*selection));
  }
  return selections;
}

solv::Jobs RpmSystem::install_jobs(
    const std::vector<std::pair<std::string, Selection>>& selections) const {
  solv::Jobs jobs;
  for (const auto& [word, selection] : selections) {
    solv::Job job{solv::JobAction::install, solv::Selector::one_of, {}, false, false};
    for (SolvableId id : selection.candidates) job.ids.push_back(id.value());
    job.keep_arch_and_version = policy_->install_keeps_arch;
    jobs.add(std::move(job));
  }
  return jobs;
}

namespace {

// The new and upgraded packages as the result lists them; REQUESTED_AS:
// the words that selected each.
std::vector<InstallEntry> install_entries(
    const solv::Pool& pool, const std::vector<SolvableId>& changed,
    const std::unordered_map<SolvableId, std::vector<std::string>>& requested_as) {
  std::map<std::pair<std::string, std::string>, SolvableId> base_by_name_arch;
  std::map<std::string, SolvableId> base_by_name;
  if (auto installed = pool.installed()) {
    for (SolvableId id : installed->solvables()) {
      base_by_name_arch[{std::string(pool.name(id)), std::string(pool.arch(id))}] = id;
      base_by_name.emplace(std::string(pool.name(id)), id);
    }
  }
  std::vector<InstallEntry> entries;
  for (SolvableId id : changed) {
    InstallEntry entry;
    entry.name = pool.name(id);
    entry.version = pool.version(id);
    entry.arch = pool.arch(id);
    if (auto old = base_by_name_arch.find({entry.name, entry.arch});
        old != base_by_name_arch.end()) {
      entry.previous_version = pool.version(old->second);
    } else if (auto old_name = base_by_name.find(entry.name); old_name != base_by_name.end()) {
      entry.previous_version = pool.version(old_name->second);
    }
    entry.checksum = pool.package_checksum(id).value_or("");
    entry.installed_size = pool.installed_size(id);
    if (auto word = requested_as.find(id); word != requested_as.end())
      entry.requested_as = word->second;
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(), [](const InstallEntry& a, const InstallEntry& b) {
    return std::tie(a.name, a.arch) < std::tie(b.name, b.arch);
  });
  return entries;
}

}  // namespace

// Who pulled each dependency in: breadth first from the requests (CHOSEN),
// over the system after the install.
std::map<std::string, std::string> RpmSystem::pulled_in_by(
    const std::vector<std::pair<std::string, SolvableId>>& chosen,
    const std::vector<SolvableId>& changed, const std::unordered_set<SolvableId>& in_system) const {
  std::map<std::string, std::string> pulled_in_by;
  const std::unordered_set<SolvableId> changed_set(changed.begin(), changed.end());
  std::unordered_set<SolvableId> seen;
  std::deque<SolvableId> queue;
  for (const auto& [word, id] : chosen) {
    if (seen.insert(id).second) queue.push_back(id);
  }
  while (!queue.empty()) {
    const SolvableId id = queue.front();
    queue.pop_front();
    for (DependencyId dependency : requires_in_text_order(id)) {
      for (SolvableId provider : pool_.what_provides(dependency)) {
        if (!in_system.contains(provider) || !seen.insert(provider).second) continue;
        if (changed_set.contains(provider)) {
          pulled_in_by.emplace(std::string(pool_.name(provider)), std::string(pool_.name(id)));
        }
        queue.push_back(provider);
      }
    }
  }
  return pulled_in_by;
}

ResolveResult RpmSystem::resolve(const ResolveRequest& request) {
  ResolveResult result;
  const std::vector<SolvableId> considered = considered_for(request.enabled_modules);
  pool_.set_considered(considered);
  refresh_provides();

  const auto selections = select_install_words(request.install, result.problems);
  if (!result.problems.empty()) return result;

  solv::Solver solver(pool_);
  solver.set_flag(solv::SolverFlag::ignore_recommended, !request.recommends);
  solver.set_flag(solv::SolverFlag::allow_uninstall, false);
  const auto problems = solver.solve(install_jobs(selections));
  if (request.testcase_directory) solver.write_testcase(*request.testcase_directory / "install");
  if (!problems.empty()) {
    add_solver_problems(problems, result.problems,
                        selections.size() == 1 ? selections.front().first : "request");
    return result;
  }
  auto installed_result = solver.transaction().installed_result();
  const std::vector<SolvableId>& changed = installed_result.changed;
  std::vector<SolvableId> after = changed;
  after.insert(after.end(), installed_result.kept.begin(), installed_result.kept.end());
  const std::unordered_set<SolvableId> in_system(after.begin(), after.end());

  // What each word installed (or found installed).
  std::vector<std::pair<std::string, SolvableId>> chosen;
  std::unordered_map<SolvableId, std::vector<std::string>> requested_as;
  for (const auto& [word, selection] : selections) {
    for (SolvableId id : selection.candidates) {
      if (in_system.contains(id)) {
        chosen.emplace_back(word, id);
        requested_as[id].push_back(word);
        break;
      }
    }
  }
  result.install = install_entries(pool_, changed, requested_as);
  if (request.dependency_links) {
    result.pulled_in_by = pulled_in_by(chosen, changed, in_system);
    result.links = links_of(after);
  }

  if (!request.purge.empty()) purge_after_install(request, considered, chosen, after, result);
  return result;
}

// The Requires of ID sorted by their text. A .solv image stores dependency
// arrays in another order than the rpm-md it was made from, and the first
// dependent found is the one a plan names ("pulled in by"): walking them in
// a fixed order makes plans and `why` the same from a cold and a warm cache.
std::vector<DependencyId> RpmSystem::requires_in_text_order(SolvableId id) const {
  std::vector<std::pair<std::string, DependencyId>> keyed;
  for (DependencyId dependency : pool_.dependency_list(id, DependencyKind::depends)) {
    keyed.emplace_back(pool_.dependency_to_string(dependency), dependency);
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<DependencyId> ordered;
  ordered.reserve(keyed.size());
  for (const auto& [text, dependency] : keyed) ordered.push_back(dependency);
  return ordered;
}

std::vector<DependencyLink> RpmSystem::links_of(const std::vector<SolvableId>& system) const {
  const std::unordered_set<SolvableId> members(system.begin(), system.end());
  std::vector<DependencyLink> links;
  for (SolvableId id : system) {
    for (DependencyId dependency : requires_in_text_order(id)) {
      for (SolvableId provider : pool_.what_provides(dependency)) {
        if (provider == id || !members.contains(provider)) continue;
        links.push_back({std::string(pool_.name(id)), pool_.dependency_to_string(dependency),
                         std::string(pool_.name(provider))});
        break;
      }
    }
  }
  return links;
}

// ----------------------------------------------------------------- purging

namespace {

// What a purge starts from: the packages never purged and the words to erase.
struct PurgeTargets {
  std::set<SolvableId> protected_set;         // the base and the runtime requests
  std::map<std::string, SolvableId> erasing;  // word → installed package it erases
};

// Never purged: the base and the runtime requests (dnf keeps no reason for
// the base, zypper has them out of AutoInstalled: both count as user-installed).
// A purge word that cannot go is KEPT, with why.
PurgeTargets purge_targets(const solv::Pool& pool, const solv::RepoView& after,
                           const std::unordered_set<std::string>& base_names,
                           const std::vector<std::string>& purge,
                           const std::vector<std::pair<std::string, SolvableId>>& chosen,
                           const std::unordered_map<SolvableId, SolvableId>& copy_of,
                           const std::unordered_map<std::string, SolvableId>& after_by_name,
                           std::vector<KeptPackage>& kept) {
  const std::set<std::string> purge_words(purge.begin(), purge.end());
  PurgeTargets targets;
  for (SolvableId id : after.solvables()) {
    if (base_names.contains(std::string(pool.name(id)))) targets.protected_set.insert(id);
  }
  std::map<std::string, SolvableId> selected;  // word → installed package it selected
  for (const auto& [word, id] : chosen) {
    const SolvableId copy = copy_of.at(id);
    if (purge_words.contains(word)) {
      selected.emplace(word, copy);
    } else {
      targets.protected_set.insert(copy);
    }
  }
  for (const std::string& word : purge) {
    if (selected.contains(word)) continue;
    if (auto found = after_by_name.find(word); found != after_by_name.end()) {
      selected.emplace(word, found->second);
    } else {
      kept.push_back({word, "not installed"});
    }
  }
  for (const auto& [word, id] : selected) {
    if (base_names.contains(std::string(pool.name(id)))) {
      kept.push_back({word, "in the base image"});
    } else if (targets.protected_set.contains(id)) {
      kept.push_back({word, "also requested as a runtime package"});
    } else {
      targets.erasing.emplace(word, id);
    }
  }
  return targets;
}

struct PurgeOutcome {
  std::set<SolvableId> erased;
  std::map<std::string, SolvableId> staying;  // words a kept package needs
};

// `zypper remove --clean-deps` / `dnf remove` of the build words; a word a
// kept package needs stays (and is left out of the command), so solve
// again without it until every erase holds.
PurgeOutcome solve_purge(solv::Pool& pool, const ResolveRequest& request, PurgeTargets targets,
                         std::vector<RequestProblem>& problems) {
  PurgeOutcome outcome;
  auto& erasing = targets.erasing;
  for (int round = 0; round < 100; ++round) {
    solv::Jobs jobs;
    std::vector<SolvableId> user(targets.protected_set.begin(), targets.protected_set.end());
    for (const auto& [word, id] : outcome.staying) user.push_back(id);
    jobs.user_installed(user);
    for (const auto& [word, id] : erasing) jobs.erase(id, /*clean_deps=*/true, /*weak=*/true);
    solv::Solver solver(pool);
    solver.set_flag(solv::SolverFlag::ignore_recommended, !request.recommends);
    solver.set_flag(solv::SolverFlag::allow_uninstall, false);
    const auto solver_problems = solver.solve(jobs);
    if (!solver_problems.empty()) {
      add_solver_problems(solver_problems, problems, "purge");
      break;
    }
    const auto erased_now = solver.transaction().erased();
    outcome.erased = std::set<SolvableId>(erased_now.begin(), erased_now.end());
    bool moved = false;
    for (auto it = erasing.begin(); it != erasing.end();) {
      if (!outcome.erased.contains(it->second)) {
        outcome.staying.insert(*it);
        it = erasing.erase(it);
        moved = true;
      } else {
        ++it;
      }
    }
    if (!moved) {
      if (request.testcase_directory) solver.write_testcase(*request.testcase_directory / "purge");
      break;
    }
  }
  return outcome;
}

// Why a purge word stays: the remaining packages that require ID.
std::string needed_by(const solv::Pool& pool, const solv::RepoView& after, SolvableId id,
                      const std::set<SolvableId>& erased) {
  std::string reason;
  for (SolvableId other : after.solvables()) {
    if (other == id || erased.contains(other)) continue;
    for (DependencyId dependency : pool.dependency_list(other, DependencyKind::depends)) {
      if (pool.matches(id, dependency)) {
        if (!reason.empty()) reason += ", ";
        reason += fmt::format("{} (Requires: {})", pool.name(other),
                              pool.dependency_to_string(dependency));
        break;
      }
    }
  }
  return reason;
}

}  // namespace

void RpmSystem::purge_after_install(const ResolveRequest& request,
                                    const std::vector<SolvableId>& considered,
                                    const std::vector<std::pair<std::string, SolvableId>>& chosen,
                                    const std::vector<SolvableId>& after_install,
                                    ResolveResult& result) {
  std::optional<solv::RepoView> base = pool_.installed();
  std::unordered_set<std::string> base_names;
  if (base) {
    for (SolvableId id : base->solvables()) base_names.insert(std::string(pool_.name(id)));
  }

  // The system after the build, installed.
  solv::RepoView after = pool_.create_repo("@AfterInstall");
  std::unordered_map<SolvableId, SolvableId> copy_of;
  std::unordered_map<std::string, SolvableId> after_by_name;
  for (SolvableId id : after_install) {
    const SolvableId copy = after.add_copy(pool_, id, {}, {});
    copy_of[id] = copy;
    after_by_name.emplace(std::string(pool_.name(copy)), copy);
  }
  after.internalize();
  pool_.set_installed(after);
  pool_.set_considered(considered);
  refresh_provides();

  const PurgeTargets targets = purge_targets(pool_, after, base_names, request.purge, chosen,
                                             copy_of, after_by_name, result.kept);
  const PurgeOutcome outcome = solve_purge(pool_, request, targets, result.problems);
  if (result.problems.empty()) {
    for (SolvableId id : outcome.erased) {
      if (targets.protected_set.contains(id)) {
        throw Error(
            ExitCode::environment,
            fmt::format("internal error: the {} purge set contains {}, which the base or a runtime "
                        "request needs",
                        to_string(tool_), pool_.describe(id)));
      }
      result.purge.push_back(version_of(pool_, id));
    }
    std::sort(result.purge.begin(), result.purge.end());
    for (const auto& [word, id] : outcome.staying) {
      const std::string reason = needed_by(pool_, after, id, outcome.erased);
      result.kept.push_back({word, reason.empty() ? "still needed" : "needed by " + reason});
    }
  }

  after.free();
  if (base) {
    pool_.set_installed(*base);
  } else {
    pool_.clear_installed();
  }
  // Every question starts by rebuilding the provides index: none here.
  pool_.set_considered(considered);
}

// ----------------------------------------------------------------- removal

// The system a removal runs on: one installed repository holds the base and
// the packages installed on top (the base's own is set aside and rebuilt
// afterwards), so a testcase of this solve shows only that.
struct RpmSystem::RemovalSystem {
  solv::RepoView repo;
  std::vector<SolvableId> copies;  // the base's packages first, then INSTALLED
  std::size_t base_count = 0;
  bool had_base = false;
};

RpmSystem::RemovalSystem RpmSystem::install_for_removal(const std::vector<std::string>& installed,
                                                        const std::vector<SolvableId>& considered) {
  std::optional<solv::RepoView> base = pool_.installed();
  std::vector<SolvableId> members;
  if (base) members = base->solvables();
  const std::size_t base_count = members.size();
  for (const std::string& text : installed) {
    const auto nevra = parse_nevra(text);
    const auto found = nevra ? find_nevra(*nevra) : std::nullopt;
    if (!found)
      throw Error(ExitCode::bad_input,
                  "installed package " + text + " is in none of the repositories");
    members.push_back(*found);
  }
  RemovalSystem system{pool_.create_repo("@System"), {}, base_count, base.has_value()};
  for (SolvableId id : members) system.copies.push_back(system.repo.add_copy(pool_, id, {}, {}));
  system.repo.internalize();
  if (base) base->free();
  pool_.set_installed(system.repo);
  pool_.set_considered(considered);
  refresh_provides();
  indexed_ = false;
  index();
  return system;
}

// The base back as it was before install_for_removal.
void RpmSystem::restore_after_removal(RemovalSystem& system,
                                      const std::vector<SolvableId>& considered) {
  if (system.had_base) {
    solv::RepoView restored = pool_.create_repo("@System");
    for (std::size_t i = 0; i < system.base_count; ++i)
      restored.add_copy(pool_, system.copies[i], {}, {});
    restored.internalize();
    system.repo.free();
    pool_.set_installed(restored);
  } else {
    system.repo.free();
    pool_.clear_installed();
  }
  pool_.set_considered(considered);  // the next question rebuilds the provides index
  indexed_ = false;
}

// The erase jobs of the removal words; a word that matches nothing installed
// is a warning or a refusal in RESULT. False when nothing is to be removed.
bool RpmSystem::add_removal_jobs(const std::vector<std::string>& words, solv::Jobs& jobs,
                                 RemoveResult& result) {
  bool any = false;
  for (const std::string& word : words) {
    const auto selection = select(word, /*installed_only=*/true);
    std::vector<SolvableId> targets;
    if (selection) {
      for (SolvableId id : selection->candidates) {
        if (pool_.is_installed(id)) targets.push_back(id);
      }
    }
    if (targets.empty()) {
      if (policy_->refuses_unknown_removal && named(word).empty()) {
        result.problems.push_back({word, refusal(word), {}});
      } else {
        result.warnings.push_back(fmt::format(fmt::runtime(policy_->not_installed_warning), word));
      }
      continue;
    }
    for (SolvableId id : targets) jobs.erase(id, /*clean_deps=*/true);
    any = true;
  }
  return any;
}

// The protected packages of PROTECTED_INSTALLED that JOBS would remove were
// they not locked, as a list of names; "" when they are not what stands in
// the way.
std::string RpmSystem::protected_in_the_way(const solv::Jobs& jobs,
                                            const std::vector<SolvableId>& protected_installed) {
  std::string protected_names;
  if (protected_installed.empty()) return protected_names;
  solv::Solver unlocked(pool_);
  unlocked.set_flag(solv::SolverFlag::ignore_recommended, true);
  unlocked.set_flag(solv::SolverFlag::allow_uninstall, true);
  if (!unlocked.solve(jobs).empty()) return protected_names;
  for (SolvableId id : unlocked.transaction().erased()) {
    if (std::find(protected_installed.begin(), protected_installed.end(), id) !=
        protected_installed.end()) {
      protected_names += (protected_names.empty() ? "" : ", ") + std::string(pool_.name(id));
    }
  }
  return protected_names;
}

void RpmSystem::solve_removal(const RemoveRequest& request, const RemovalSystem& system,
                              const solv::Jobs& jobs, RemoveResult& result) {
  // The protected packages may not go: a lock, so that the testcase of
  // this solve refuses as dnf does.
  std::vector<SolvableId> protected_installed;
  for (SolvableId id : system.copies) {
    const auto& names = policy_->protected_packages;
    if (std::find(names.begin(), names.end(), pool_.name(id)) != names.end())
      protected_installed.push_back(id);
  }
  solv::Jobs locked = jobs;
  for (SolvableId id : protected_installed) locked.lock(id);
  const std::string subject = request.remove.size() == 1 ? request.remove.front() : "request";
  solv::Solver solver(pool_);
  solver.set_flag(solv::SolverFlag::ignore_recommended, true);
  solver.set_flag(solv::SolverFlag::allow_uninstall, true);
  const auto problems = solver.solve(locked);
  if (request.testcase_directory) solver.write_testcase(*request.testcase_directory / "remove");
  if (problems.empty()) {
    for (SolvableId id : solver.transaction().erased())
      result.remove.push_back(version_of(pool_, id));
    std::sort(result.remove.begin(), result.remove.end());
    return;
  }
  // Say it as dnf does when only the protection stands in the way.
  const std::string protected_names = protected_in_the_way(jobs, protected_installed);
  if (!protected_names.empty()) {
    result.problems.push_back(
        {subject,
         "Problem: The operation would result in removing the following protected packages: " +
             protected_names,
         {}});
  } else {
    add_solver_problems(problems, result.problems, subject);
  }
}

RemoveResult RpmSystem::remove(const RemoveRequest& request) {
  RemoveResult result;
  index();
  const std::vector<SolvableId> considered = considered_for({});
  pool_.clear_considered();
  refresh_provides();

  RemovalSystem system = install_for_removal(request.installed, considered);
  const std::set<std::string> user_names(request.user_installed.begin(),
                                         request.user_installed.end());
  std::vector<SolvableId> user;
  for (std::size_t i = 0; i < system.copies.size(); ++i) {
    if (i < system.base_count || user_names.contains(std::string(pool_.name(system.copies[i]))))
      user.push_back(system.copies[i]);
  }
  solv::Jobs jobs;
  jobs.user_installed(user);
  const bool any = add_removal_jobs(request.remove, jobs, result);
  if (result.problems.empty() && !any && policy_->refuses_empty_removal) {
    result.problems.push_back({"request", "No packages marked for removal.", {}});
  }
  if (result.problems.empty() && any) solve_removal(request, system, jobs, result);

  restore_after_removal(system, considered);
  return result;
}

// ---------------------------------------------------------------- checking

std::vector<std::string> RpmSystem::unmet_dependencies(const std::vector<PackageVersion>& system) {
  index();
  pool_.clear_considered();
  refresh_provides();
  std::vector<std::string> unmet;
  std::unordered_set<SolvableId> members;
  for (const PackageVersion& package : system) {
    std::optional<SolvableId> found;
    for (SolvableId id : named(package.name)) {
      if (pool_.version(id) == package.version && pool_.arch(id) == package.arch) found = id;
    }
    if (found) {
      members.insert(*found);
    } else {
      unmet.push_back("unknown: " + package.name + "=" + package.version + "." + package.arch);
    }
  }
  std::function<bool(DependencyId)> met = [&](DependencyId dependency) {
    if (auto relation = pool_.relation_of(dependency)) {
      switch (relation->op) {
        case static_cast<int>(solv::RelationOp::and_):
        case static_cast<int>(solv::RelationOp::with):
          return met(relation->name) && met(relation->evr);
        case static_cast<int>(solv::RelationOp::or_):
          return met(relation->name) || met(relation->evr);
        case 22:  // REL_COND (if)
        case 26:  // REL_ELSE
        case 29:  // REL_UNLESS
          return true;
        default: break;
      }
    }
    for (SolvableId provider : pool_.what_provides(dependency)) {
      if (members.contains(provider)) return true;
    }
    return false;
  };
  for (SolvableId id : members) {
    for (DependencyId dependency : pool_.dependency_list(id, DependencyKind::depends)) {
      const std::string text = pool_.dependency_to_string(dependency);
      if (text.rfind("rpmlib(", 0) == 0) continue;  // rpm's own features, met by any rpm
      if (!met(dependency)) unmet.push_back(std::string(pool_.name(id)) + ": " + text);
    }
  }
  std::sort(unmet.begin(), unmet.end());
  return unmet;
}

}  // namespace locidep::rpm
