#include "backends/rpm/metadata.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "backends/installed/root_path.hpp"
#include "backends/installed/rpm_handles.hpp"
#include "backends/installed/rpmdb_location.hpp"
#include "backends/rpm/module_cache.hpp"
#include "backends/solv/rpm_readers.hpp"
#include "backends/solv/source_memo.hpp"
#include "common/cache_entry.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"
#include "common/text_grammar.hpp"

extern "C" {
#include <rpm/rpmlib.h>
}

namespace locidep::rpm {

namespace fs = std::filesystem;

// ------------------------------------------------------------------ NEVRA

std::string Nevra::evr() const {
  std::string text;
  if (!epoch.empty() && epoch != "0") text = epoch + ":";
  return text + version + "-" + release;
}

std::optional<Nevra> parse_nevra(std::string_view text) {
  const auto dot = text.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == text.size()) return std::nullopt;
  Nevra nevra;
  nevra.arch = std::string(text.substr(dot + 1));
  const std::string_view nevr = text.substr(0, dot);
  const auto release_dash = nevr.rfind('-');
  if (release_dash == std::string_view::npos || release_dash == 0) return std::nullopt;
  nevra.release = std::string(nevr.substr(release_dash + 1));
  const std::string_view nev = nevr.substr(0, release_dash);
  const auto version_dash = nev.rfind('-');
  if (version_dash == std::string_view::npos || version_dash == 0) return std::nullopt;
  nevra.name = std::string(nev.substr(0, version_dash));
  std::string_view ev = nev.substr(version_dash + 1);
  if (const auto colon = ev.find(':'); colon != std::string_view::npos) {
    nevra.epoch = std::string(ev.substr(0, colon));
    ev = ev.substr(colon + 1);
  }
  nevra.version = std::string(ev);
  if (nevra.version.empty() || nevra.release.empty() || nevra.arch.empty()) return std::nullopt;
  return nevra;
}

// ------------------------------------------------------------------ cache

// ---------------------------------------------------------------- modules

namespace {}  // namespace

namespace {

// Where a document of modules.yaml starts: positions yaml-cpp reports are
// relative to the document it was given.
struct DocumentSource {
  const std::string& source;
  int first_line = 0;  // 0-based line of the document's first line in the file
};

// modules.yaml comes from a repository: a node of the wrong shape is bad
// input named by its position, never an exception of yaml-cpp's.
[[noreturn]] void wrong_shape(const YAML::Node& node, const DocumentSource& where,
                              std::string_view expected) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) {
    throw Error(ExitCode::bad_input, fmt::format("{}: not readable as modules.yaml: expected {}",
                                                 where.source, expected));
  }
  throw Error(ExitCode::bad_input,
              fmt::format("{}:{}:{}: not readable as modules.yaml: expected {}", where.source,
                          where.first_line + mark.line + 1, mark.column + 1, expected));
}

// The documents of a YAML stream, each with the line it starts on. A line
// that starts with "---" or "..." followed by a blank or its end is a
// document marker wherever it stands (YAML 1.2's c-forbidden lines: no
// content may start so), so the stream is cut there and each document parsed
// on its own: yaml-cpp 0.7's LoadAll loops without end, allocating, on a
// document of the wrong kind (a lone ",": yaml-cpp issue 1040, fixed after
// 0.7), and YAML::Load reads one document only.
std::vector<std::pair<int, std::string_view>> yaml_documents(std::string_view text) {
  std::vector<std::pair<int, std::string_view>> documents;
  const auto is_marker = [](std::string_view line) {
    if (line.size() < 3 || (line.substr(0, 3) != "---" && line.substr(0, 3) != "...")) return false;
    return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
  };
  std::size_t start = 0;
  int start_line = 0;
  int line_number = 0;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    if (is_marker(line) && at > start) {
      documents.emplace_back(start_line, text.substr(start, at - start));
      start = at;
      start_line = line_number;
    }
    at = end + 1;
    ++line_number;
  }
  if (start < text.size()) documents.emplace_back(start_line, text.substr(start));
  return documents;
}

// The member KEY of MAP (a mapping), or an undefined node when absent.
YAML::Node member(const YAML::Node& map, const char* key) {
  for (const auto& entry : map) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

// A scalar member's text; "" when absent or null; an error for any other shape.
std::string scalar_member(const YAML::Node& map, const char* key, const DocumentSource& source) {
  const YAML::Node value = member(map, key);
  if (!value.IsDefined() || value.IsNull()) return "";
  if (!value.IsScalar()) wrong_shape(value, source, fmt::format("'{}' to be a scalar", key));
  return value.Scalar();
}

// A module or stream name, which reaches `dnf module enable` in a script.
std::string module_word(const YAML::Node& map, const char* key, const DocumentSource& source) {
  std::string word = scalar_member(map, key, source);
  if (!word.empty() && grammar::module_stream(word + ":x")) {
    wrong_shape(member(map, key), source,
                fmt::format("'{}' to be letters, digits and \"._+-\", not '{}'", key,
                            grammar::printable(word)));
  }
  return word;
}

ModuleStream stream_of(const YAML::Node& data, const DocumentSource& source) {
  ModuleStream stream;
  stream.name = module_word(data, "name", source);
  stream.stream = module_word(data, "stream", source);
  stream.version = scalar_member(data, "version", source);
  stream.context = scalar_member(data, "context", source);
  const YAML::Node artifacts = member(data, "artifacts");
  if (!artifacts.IsDefined() || artifacts.IsNull()) return stream;
  if (!artifacts.IsMap()) wrong_shape(artifacts, source, "'artifacts' to be a mapping");
  const YAML::Node rpms = member(artifacts, "rpms");
  if (!rpms.IsDefined() || rpms.IsNull()) return stream;
  if (!rpms.IsSequence()) wrong_shape(rpms, source, "'rpms' to be a list");
  for (const YAML::Node& artifact : rpms) {
    if (!artifact.IsScalar()) wrong_shape(artifact, source, "an rpm artifact to be a scalar");
    stream.artifacts.push_back(artifact.Scalar());
  }
  return stream;
}

// Whether a document holds more than markers, comments, "null" and blanks.
bool has_content(std::string_view document) {
  std::size_t at = 0;
  while (at < document.size()) {
    std::size_t end = document.find('\n', at);
    if (end == std::string_view::npos) end = document.size();
    std::string_view line = document.substr(at, end - at);
    at = end + 1;
    if (line.starts_with("---") || line.starts_with("...")) line.remove_prefix(3);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    if (line != "null" && line != "~") return true;
  }
  return false;
}

// One document of modules.yaml into METADATA.
void read_module_document(const YAML::Node& document, const DocumentSource& where,
                          ModuleMetadata& metadata) {
  if (!document.IsDefined() || document.IsNull()) return;  // an empty document
  if (!document.IsMap()) wrong_shape(document, where, "a mapping with 'document' and 'data'");
  const std::string kind = scalar_member(document, "document", where);
  if (kind != "modulemd" && kind != "modulemd-defaults") return;  // obsoletes, translations…
  const YAML::Node data = member(document, "data");
  if (!data.IsDefined() || !data.IsMap()) {
    wrong_shape(data.IsDefined() ? data : document, where, "'data' to be a mapping");
  }
  if (kind == "modulemd") {
    ModuleStream stream = stream_of(data, where);
    if (!stream.name.empty()) metadata.streams.push_back(std::move(stream));
  } else {
    const std::string module = module_word(data, "module", where);
    const std::string stream = module_word(data, "stream", where);
    if (!module.empty() && !stream.empty()) metadata.default_streams[module] = stream;
  }
}

}  // namespace

ModuleMetadata parse_modules_yaml(std::string_view text, const std::string& source) {
  ModuleMetadata metadata;
  for (const auto& [first_line, document_text] : yaml_documents(text)) {
    const DocumentSource where{source, first_line};
    YAML::Node document;
    try {
      document = YAML::Load(std::string(document_text));
    } catch (const YAML::Exception& error) {
      throw Error(ExitCode::bad_input,
                  fmt::format("{}:{}:{}: not readable as modules.yaml: {}", source,
                              first_line + error.mark.line + 1, error.mark.column + 1, error.msg));
    }
    if (document.IsNull() && has_content(document_text)) {
      // yaml-cpp 0.7 reads some malformed documents (a lone ',') as empty.
      throw Error(ExitCode::bad_input,
                  fmt::format("{}:{}: not readable as modules.yaml: expected a mapping with "
                              "'document' and 'data'",
                              source, first_line + 1));
    }
    read_module_document(document, where, metadata);
  }
  return metadata;
}

// ----------------------------------------------------------------- rpm-md

namespace {

struct RepomdLocation {
  fs::path root;    // the folder holding repodata/
  fs::path repomd;  // its repomd.xml
};

RepomdLocation find_repomd(const fs::path& path) {
  std::error_code error;
  if (fs::is_regular_file(path, error)) return {path.parent_path().parent_path(), path};
  if (fs::is_regular_file(path / "repodata" / "repomd.xml", error))
    return {path, path / "repodata" / "repomd.xml"};
  if (path.filename() == "repodata" && fs::is_regular_file(path / "repomd.xml", error)) {
    return {path.parent_path(), path / "repomd.xml"};
  }
  throw Error(
      ExitCode::bad_input,
      fmt::format("{}: not an rpm-md repository (no repodata/repomd.xml there)", path.string()));
}

// The records of REPOMD_XML, remembered with a cache under the sha256 of its
// content: a warm load hashes 2-3 KB instead of parsing the XML, and does not
// load libsolvext (whose reader that is) at all. A memo line is
// TYPE\tLOCATION\tCHECKSUM_TYPE\tCHECKSUM; the last line is "end".
constexpr std::string_view repomd_memo_purpose = "repomd-records-1";

std::vector<solv::RepomdRecord> repomd_records(const fs::path& repomd_xml,
                                               const CacheSettings& cache) {
  const std::optional<solv::SourceMemo> memo =
      solv::SourceMemo::by_content(repomd_xml, repomd_memo_purpose, cache.directory);
  if (const auto lines = memo && !cache.refresh ? memo->recall() : std::nullopt;
      lines && !lines->empty() && lines->back() == "end") {
    std::vector<solv::RepomdRecord> records;
    bool whole = true;
    for (std::size_t i = 0; i + 1 < lines->size() && whole; ++i) {
      std::array<std::string, 4> fields;
      std::istringstream line((*lines)[i]);
      for (auto& field : fields)
        whole = whole && static_cast<bool>(std::getline(line, field, '\t'));
      records.push_back({fields[0], fields[1], fields[2], fields[3]});
    }
    if (whole) return records;
  }
  std::vector<solv::RepomdRecord> records = solv::read_repomd(repomd_xml);
  if (memo) {
    std::vector<std::string> lines;
    bool writable = true;
    for (const auto& record : records) {
      for (const std::string* field :
           {&record.type, &record.location, &record.checksum_type, &record.checksum}) {
        writable = writable && field->find_first_of("\t\n") == std::string::npos;
      }
      lines.push_back(fmt::format("{}\t{}\t{}\t{}", record.type, record.location,
                                  record.checksum_type, record.checksum));
    }
    lines.emplace_back("end");
    if (writable) memo->remember(lines);
  }
  return records;
}

// The file RECORD's location href names inside the repository. repomd.xml
// is input: an href that is a URL, an absolute path, climbs out with "..",
// or reaches outside through a symlink is refused before anything is opened,
// so that a repository cannot make locidep read (and report on) other files.
fs::path contained_file(const RepomdLocation& location, const solv::RepomdRecord& record) {
  const std::string& href = record.location;
  const auto refuse = [&](std::string_view why) {
    throw Error(
        ExitCode::bad_input,
        fmt::format("{}: the location href '{}' of the {} metadata {}; only files inside "
                    "the repository {} are read",
                    location.repomd.string(), href, record.type, why, location.root.string()));
  };
  if (href.empty()) refuse("is empty");
  const auto colon = href.find(':');
  if (colon != std::string::npos && href.find('/') > colon) refuse("is a URL");
  const fs::path relative(href);
  if (relative.is_absolute() || relative.has_root_name()) refuse("is an absolute path");
  for (const auto& part : relative) {
    if (part == "..") refuse("leaves the repository with '..'");
  }
  std::error_code error;
  const fs::path root = fs::weakly_canonical(location.root, error);
  const fs::path target = fs::weakly_canonical(location.root / relative, error);
  if (error) refuse(fmt::format("cannot be resolved ({})", error.message()));
  const fs::path inside = target.lexically_relative(root);
  if (inside.empty() || *inside.begin() == ".." || inside == ".")
    refuse("leaves the repository through a symbolic link");
  return location.root / relative;
}

// The file of RECORD, its checksum checked against repomd.xml.
fs::path verified_file(const RepomdLocation& location, const solv::RepomdRecord& record,
                       const CacheSettings& cache) {
  const fs::path file = contained_file(location, record);
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: the {} metadata {} named by {} is missing", file.string(),
                            record.type, record.location, location.repomd.string()));
  }
  if (record.checksum.empty()) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: {} gives no checksum for {}", location.repomd.string(),
                            record.type, file.string()));
  }
  const std::string actual = solv::remembered_digest(file, record.checksum_type, cache);
  if (actual.empty()) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: unknown checksum type '{}' for {}", location.repomd.string(),
                            record.checksum_type, file.string()));
  }
  if (actual != record.checksum) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: checksum mismatch: repomd.xml expects {} {}, the file has {}",
                            file.string(), record.checksum_type, record.checksum, actual));
  }
  return file;
}

const solv::RepomdRecord* find_record(const std::vector<solv::RepomdRecord>& records,
                                      std::string_view type) {
  for (const auto& record : records) {
    if (record.type == type) return &record;
  }
  return nullptr;
}

}  // namespace

namespace {

// An image's cache entry kind, and what it was built from: its name, which
// is the digest of the verified checksums of the files read.
std::string image_kind() {
  return fmt::format("rpm-solv{}-{}", solv::Pool::library_version(), rpm_solv_format_tag);
}
std::string image_source(const fs::path& image) { return "rpm " + image.filename().string(); }

}  // namespace

void write_repository_image(solv::Pool& pool, solv::RepoView repo, const fs::path& image) {
  std::vector<solv::StringId> dropped;
  for (const char* key :
       {"solvable:description", "solvable:summary", "solvable:packager", "solvable:url",
        "solvable:license", "solvable:buildtime", "solvable:buildhost", "solvable:sourcerpm"}) {
    dropped.push_back(pool.intern(key));
  }
  try {
    write_cache_entry(image, image_kind(), image_source(image), repo.to_solv(dropped));
  } catch (const Error&) {
    // Caching is a speed-up only.
  }
}

LoadedRepository load_rpmmd_repository(solv::Pool& pool, const fs::path& path,
                                       const std::string& name, const RpmmdOptions& options) {
  const RepomdLocation location = find_repomd(path);
  const std::vector<solv::RepomdRecord> records = repomd_records(location.repomd, options.cache);
  const solv::RepomdRecord* primary = find_record(records, "primary");
  if (!primary) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: no primary metadata listed", location.repomd.string()));
  }
  const solv::RepomdRecord* filelists =
      options.filelists ? find_record(records, "filelists") : nullptr;

  LoadedRepository loaded;
  loaded.source = location.root;
  loaded.name = name;
  const fs::path primary_file = verified_file(location, *primary, options.cache);
  const fs::path filelists_file =
      filelists ? verified_file(location, *filelists, options.cache) : fs::path();
  loaded.filelists = filelists != nullptr;

  // Content-addressed: the verified checksums of what is read name the image.
  std::optional<fs::path> image;
  if (options.cache.directory) {
    const std::string key =
        sha256_hex(primary->checksum + "/" + (filelists ? filelists->checksum : "-"));
    image = *options.cache.directory / fmt::format("{}-{}.solv", key, image_kind());
  }
  solv::RepoView repo = pool.create_repo(name);
  std::error_code error;
  bool cached = false;
  const auto bytes = image && !options.cache.refresh
                         ? read_cache_entry(*image, image_kind(), image_source(*image))
                         : std::nullopt;
  if (bytes) {
    try {
      loaded.packages = static_cast<int>(repo.add_solv(*bytes).size());
      cached = true;
      loaded.from_cache = true;
    } catch (const Error&) {
      // Sound bytes libsolv cannot read (another build of it): rebuild.
      repo.free();
      repo = pool.create_repo(name);
    }
  }
  if (!cached) {
    loaded.packages = static_cast<int>(repo.add_rpmmd_file(primary_file).size());
    if (filelists) repo.add_rpmmd_file(filelists_file, /*extend_solvables=*/true);
    loaded.packages = repo.drop_duplicate_nevras();
    if (image && options.defer_cache_write) {
      loaded.pending_image = image;
    } else if (image) {
      write_repository_image(pool, repo, *image);
    }
  }

  const solv::RepomdRecord* modules = options.modules ? find_record(records, "modules") : nullptr;
  if (modules) {
    const fs::path modules_file = verified_file(location, *modules, options.cache);
    // Content-addressed as the image: the verified checksum names the parse.
    std::optional<fs::path> parsed;
    if (options.cache.directory) {
      parsed = *options.cache.directory /
               fmt::format("{}-{}.modules", sha256_hex(modules->checksum), module_cache_format);
    }
    const std::string source = modules->checksum_type + ":" + modules->checksum;
    if (auto cached_modules =
            parsed && !options.cache.refresh ? read_module_cache(*parsed, source) : std::nullopt) {
      loaded.modules = std::move(*cached_modules);
    } else {
      loaded.modules =
          parse_modules_yaml(solv::read_decompressed(modules_file), modules_file.string());
      if (parsed) write_module_cache(*parsed, source, loaded.modules);
    }
  }
  return loaded;
}

// ------------------------------------------------------------- base lists

std::vector<BaseListEntry> parse_base_list(std::string_view text, const std::string& source) {
  std::vector<BaseListEntry> entries;
  std::istringstream lines{std::string(text)};
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const auto last = line.find_last_not_of(" \t");
    const std::string word = line.substr(first, last - first + 1);
    auto nevra = parse_nevra(word);
    if (!nevra || word.find_first_of(" \t") != std::string::npos) {
      throw Error(ExitCode::bad_input,
                  fmt::format("'{}' is not NAME-[EPOCH:]VERSION-RELEASE.ARCH", word),
                  SourceLocation{source, line_number, first + 1, line});
    }
    entries.push_back({std::move(*nevra), word, line_number});
  }
  return entries;
}

std::vector<BaseListEntry> read_base_list(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ExitCode::bad_input,
                fmt::format("cannot read the base package list {}", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_base_list(text.str(), path.string());
}

// ------------------------------------------------------------------ rpmdb

std::vector<solv::SolvableId> add_rpmdb_packages(solv::RepoView repo,
                                                 const fs::path& root_argument) {
  std::error_code error;
  const fs::path root = fs::absolute(root_argument, error).lexically_normal();
  if (error || !fs::is_directory(root, error)) {
    throw Error(ExitCode::bad_input,
                fmt::format("--base-root {}: not a directory", root_argument.string()));
  }
  const backends::LocatedRpmdb located = backends::locate_rpmdb(root);
  if (located.format == backends::RpmdbFormat::ndb) {
    throw Error(
        ExitCode::environment,
        fmt::format(
            "cannot read the rpm database {}: it is in SUSE's ndb format, which Debian's librpm "
            "cannot read; give the image's package list instead with --base-packages FILE "
            "(made inside the image with `rpm -qa --qf '%{{NAME}}-%|EPOCH?{{%{{EPOCH}}:}}|"
            "%{{VERSION}}-%{{RELEASE}}.%{{ARCH}}\\n'`)",
            located.file.string()));
  }
  if (!std::ifstream(located.file, std::ios::binary)) {
    throw Error(ExitCode::environment, fmt::format("cannot read the rpm database {}: {}",
                                                   located.file.string(), std::strerror(errno)));
  }
  // A read-only root is read through a private copy (librpm's root is then the copy).
  const auto copy = backends::private_copy_if_read_only(located);
  const fs::path db_root = copy ? copy->path() : root;
  backends::read_rpm_config_once();
  backends::rpm::LogCapture log;
  // Debian's rpm defaults %_dbpath to ~/.rpmdb: name the image's own.
  const backends::rpm::MacroOverride dbpath("_dbpath", located.dbpath);
  const backends::rpm::MacroOverride backend("_db_backend",
                                             backends::rpm_db_backend(located.format));
  std::vector<solv::SolvableId> added;
  try {
    added = repo.add_rpmdb(db_root);
  } catch (const Error& failure) {
    throw Error(
        ExitCode::environment,
        fmt::format("{}{}{}", failure.what(), log.messages().empty() ? "" : ": ", log.messages()));
  }
  if (log.saw_error()) {
    throw Error(ExitCode::environment, fmt::format("cannot read the rpm database {}: {}",
                                                   located.file.string(), log.messages()));
  }
  return added;
}

}  // namespace locidep::rpm
