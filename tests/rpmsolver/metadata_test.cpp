// backends/rpm on small repositories written here: rpm-md in every
// compression, repomd.xml checksums, filelists (dnf) vs primary only
// (zypper), modules.yaml streams and defaults, base package lists, rpmdbs
// (ndb refused, sqlite read), and the purge contract.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "backends/rpm/system.hpp"
#include "backends/solv/rpm_readers.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

// ASan builds: unwind malloc stacks through libsolv (built without frame
// pointers), so that tests/lsan.supp can name the libsolv function whose leak
// it suppresses (repo_add_rpmdb). Ignored by builds without ASan.
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }

namespace locidep::test {
namespace {

namespace fs = std::filesystem;
using rpm::Tool;

// One package of a primary.xml, written the way createrepo_c writes it.
struct Package {
  std::string name;
  std::string version = "1.0";
  std::string release = "1.el9";
  std::string arch = "x86_64";
  std::string epoch = "0";
  std::vector<std::string> provides{};  // "name" or "name = ver-rel" (EQ only)
  std::vector<std::string> requires_{};
  std::vector<std::string> files{};  // primary's own file list
  std::string checksum = std::string(64, 'a');
  int installed_size = 2048;
};

std::string entry(const std::string& dependency) {
  const auto eq = dependency.find(" = ");
  if (eq == std::string::npos) return "<rpm:entry name=\"" + dependency + "\"/>";
  const std::string evr = dependency.substr(eq + 3);
  const auto dash = evr.rfind('-');
  return "<rpm:entry name=\"" + dependency.substr(0, eq) + "\" flags=\"EQ\" epoch=\"0\" ver=\"" +
         evr.substr(0, dash) + "\" rel=\"" + evr.substr(dash + 1) + "\"/>";
}

std::string primary_xml(const std::vector<Package>& packages) {
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<metadata xmlns=\"http://linux.duke.edu/metadata/common\" "
         "xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\""
      << packages.size() << "\">\n";
  for (const Package& p : packages) {
    xml << "<package type=\"rpm\"><name>" << p.name << "</name><arch>" << p.arch
        << "</arch><version epoch=\"" << p.epoch << "\" ver=\"" << p.version << "\" rel=\""
        << p.release << "\"/><checksum type=\"sha256\" pkgid=\"YES\">" << p.checksum
        << "</checksum><summary>" << p.name
        << "</summary><description/><packager/><url/><time file=\"1\" build=\"1\"/><size "
           "package=\"100\" installed=\""
        << p.installed_size << "\" archive=\"100\"/><location href=\"Packages/" << p.name
        << ".rpm\"/><format>"
        << "<rpm:provides>" << entry(p.name + " = " + p.version + "-" + p.release);
    for (const auto& provide : p.provides) xml << entry(provide);
    xml << "</rpm:provides>";
    if (!p.requires_.empty()) {
      xml << "<rpm:requires>";
      for (const auto& require : p.requires_) xml << entry(require);
      xml << "</rpm:requires>";
    }
    for (const auto& file : p.files) xml << "<file>" << file << "</file>";
    xml << "</format></package>\n";
  }
  xml << "</metadata>\n";
  return xml.str();
}

// filelists.xml: every package's FILES (the pkgid ties it to primary).
std::string filelists_xml(const std::vector<Package>& packages,
                          const std::map<std::string, std::vector<std::string>>& files) {
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<filelists "
         "xmlns=\"http://linux.duke.edu/metadata/filelists\" "
         "packages=\""
      << packages.size() << "\">\n";
  for (const Package& p : packages) {
    xml << "<package pkgid=\"" << p.checksum << "\" name=\"" << p.name << "\" arch=\"" << p.arch
        << "\"><version epoch=\"" << p.epoch << "\" ver=\"" << p.version << "\" rel=\"" << p.release
        << "\"/>";
    if (auto found = files.find(p.name); found != files.end()) {
      for (const auto& file : found->second) xml << "<file>" << file << "</file>";
    }
    xml << "</package>\n";
  }
  xml << "</filelists>\n";
  return xml.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Compresses PATH in place with TOOL ("" = plain); returns the new path.
fs::path compress(const fs::path& path, const std::string& tool) {
  if (tool.empty()) return path;
  const std::map<std::string, std::string> suffix{
      {"gzip", ".gz"}, {"xz", ".xz"}, {"zstd", ".zst"}, {"bzip2", ".bz2"}};
  const auto run = run_process(tool, {"-q", "-f", path.string()});
  if (tool == "zstd") fs::remove(path);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return path.string() + suffix.at(tool);
}

struct RepoFile {
  std::string type;
  fs::path path;
};

// repomd.xml for FILES (under ROOT/repodata), with their real SHA-256.
void write_repomd(const fs::path& root, const std::vector<RepoFile>& files) {
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<repomd "
         "xmlns=\"http://linux.duke.edu/metadata/repo\" "
         "xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\">\n<revision>1</revision>\n";
  for (const RepoFile& file : files) {
    xml << "<data type=\"" << file.type << "\"><checksum type=\"sha256\">" << sha256_file(file.path)
        << "</checksum><location href=\"" << fs::relative(file.path, root).generic_string()
        << "\"/></data>\n";
  }
  xml << "</repomd>\n";
  write_file(root / "repodata" / "repomd.xml", xml.str());
}

// A small CentOS-like world: hello needs libworld (a soname) and a data file
// that only filelists.xml lists; tools is a build package hello-devel needs.
// With DATA_IN_PRIMARY the data file is in primary's file list too (as
// createrepo_c puts /etc and bin paths there), so zypper sees it.
std::vector<Package> small_world(bool data_in_primary = false) {
  Package hello{.name = "hello", .requires_ = {"libworld.so.1()(64bit)", "/usr/share/hello/data"}};
  Package world{
      .name = "libworld", .provides = {"libworld.so.1()(64bit)"}, .checksum = std::string(64, 'b')};
  Package data{.name = "hello-data", .arch = "noarch", .checksum = std::string(64, 'c')};
  if (data_in_primary) data.files.push_back("/usr/share/hello/data");
  Package devel{.name = "hello-devel",
                .requires_ = {"hello = 1.0-1.el9", "tools"},
                .checksum = std::string(64, 'd')};
  Package tools{.name = "tools", .requires_ = {"libtools"}, .checksum = std::string(64, 'e')};
  Package libtools{.name = "libtools", .checksum = std::string(64, 'f')};
  Package runtime{.name = "runtime", .requires_ = {"libtools"}, .checksum = std::string(64, '1')};
  return {hello, world, data, devel, tools, libtools, runtime};
}

fs::path write_small_world(const fs::path& root, const std::string& compressor = "gzip",
                           bool data_in_primary = false) {
  const auto packages = small_world(data_in_primary);
  const fs::path primary = compress(root / "repodata" / "primary.xml", "");
  write_file(primary, primary_xml(packages));
  write_file(root / "repodata" / "filelists.xml",
             filelists_xml(packages, {{"hello-data", {"/usr/share/hello/data"}}}));
  const fs::path primary_file = compress(primary, compressor);
  const fs::path filelists_file = compress(root / "repodata" / "filelists.xml", compressor);
  write_repomd(root, {{"primary", primary_file}, {"filelists", filelists_file}});
  return root;
}

CacheSettings no_cache() { return {}; }

std::set<std::string> names(const rpm::ResolveResult& result) {
  std::set<std::string> out;
  for (const auto& item : result.install) out.insert(item.name);
  return out;
}

// ------------------------------------------------------------------ rpm-md

class Compression : public testing::TestWithParam<std::string> {};

TEST_P(Compression, PrimaryAndFilelistsAreRead) {
  if (!GetParam().empty() && !have_program(GetParam()))
    GTEST_SKIP() << GetParam() << " is not installed";
  TempDir dir;
  write_small_world(dir.path(), GetParam());
  rpm::RpmSystem system(Tool::dnf);
  const auto loaded = system.add_repository(dir.path(), no_cache());
  EXPECT_EQ(loaded.packages, 7);
  EXPECT_TRUE(loaded.filelists);
  const auto result = system.resolve({.install = {"hello"}});
  ASSERT_TRUE(result.solved()) << result.problems.front().message;
  EXPECT_EQ(names(result), (std::set<std::string>{"hello", "hello-data", "libworld"}));
  for (const auto& item : result.install) {
    if (item.name == "hello") {
      EXPECT_EQ(item.checksum, "sha256:" + std::string(64, 'a'));
      EXPECT_EQ(item.installed_size, 2048u);
      EXPECT_EQ(item.version, "1.0-1.el9");
      EXPECT_EQ(item.requested_as, std::vector<std::string>{"hello"});
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, Compression, testing::Values("", "gzip", "xz", "zstd", "bzip2"),
                         [](const auto& info) {
                           return info.param.empty() ? std::string("plain") : info.param;
                         });

TEST(Rpmmd, ZypperReadsNoFilelistsAndRefusesWhatOnlyTheyProvide) {
  TempDir dir;
  write_small_world(dir.path());
  rpm::RpmSystem system(Tool::zypper);
  EXPECT_FALSE(system.add_repository(dir.path(), no_cache()).filelists);
  const auto result = system.resolve({.install = {"hello"}});
  ASSERT_FALSE(result.solved());
  EXPECT_NE(result.problems.front().message.find("/usr/share/hello/data"), std::string::npos)
      << result.problems.front().message;
}

TEST(Rpmmd, ChecksumMismatchNamesTheFileAndBothDigests) {
  TempDir dir;
  write_small_world(dir.path());
  const fs::path primary = dir.path() / "repodata" / "primary.xml.gz";
  const std::string expected = sha256_file(primary);
  std::ofstream(primary, std::ios::binary | std::ios::app) << "corrupted";
  const std::string actual = sha256_file(primary);
  rpm::RpmSystem system(Tool::dnf);
  try {
    system.add_repository(dir.path(), no_cache());
    FAIL() << "a corrupted primary was accepted";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    EXPECT_NE(message.find(primary.string()), std::string::npos) << message;
    EXPECT_NE(message.find(expected), std::string::npos) << message;
    EXPECT_NE(message.find(actual), std::string::npos) << message;
  }
}

TEST(Rpmmd, ACorruptedCopyOfTheBundledDataIsRefused) {
  TempDir dir;
  const fs::path source = fs::path(LOCIDEP_SOURCE_DIR) / "profiles/data/repos/opensuse-leap-15.6";
  fs::copy(source, dir.path() / "leap", fs::copy_options::recursive);
  for (const auto& file : fs::directory_iterator(dir.path() / "leap" / "repodata")) {
    if (file.path().string().find("primary") == std::string::npos) continue;
    std::fstream bytes(file.path(), std::ios::in | std::ios::out | std::ios::binary);
    bytes.seekp(100);
    bytes.put('X');
  }
  rpm::RpmSystem system(Tool::zypper);
  EXPECT_THROW(system.add_repository(dir.path() / "leap", no_cache()), Error);
  rpm::RpmSystem intact(Tool::zypper);
  EXPECT_GT(intact.add_repository(source, no_cache()).packages, 400);
}

TEST(Rpmmd, TheChecksumMemoOfTheCacheDoesNotHideAChangedFile) {
  TempDir dir;
  write_small_world(dir.path());
  const CacheSettings cache{dir.path() / "cache"};
  rpm::RpmSystem first(Tool::dnf);
  first.add_repository(dir.path(), cache);
  first.resolve({.install = {"hello"}});  // writes the image
  std::ofstream(dir.path() / "repodata" / "primary.xml.gz", std::ios::binary | std::ios::app)
      << "x";
  rpm::RpmSystem second(Tool::dnf);
  EXPECT_THROW(second.add_repository(dir.path(), cache), Error);
}

// The records of repomd.xml are remembered under the sha256 of its content
// (a warm load then needs no XML reader): a new snapshot of the repository is
// read as such, and a damaged memo is read past.
TEST(Rpmmd, TheRepomdMemoFollowsANewSnapshotAndSurvivesDamage) {
  TempDir dir;
  write_small_world(dir.path());
  const CacheSettings cache{dir.path() / "cache"};
  rpm::RpmSystem first(Tool::dnf);
  EXPECT_EQ(first.add_repository(dir.path(), cache).packages, 7);
  std::vector<fs::path> repomd_memos;
  for (const auto& entry : fs::directory_iterator(dir.path() / "cache" / "sources")) {
    // The records memo holds a TYPE\tLOCATION\t… line per repomd.xml record.
    if (read_file(entry.path()).find("\nprimary\t") != std::string::npos)
      repomd_memos.push_back(entry.path());
  }
  ASSERT_EQ(repomd_memos.size(), 1u) << "no memo of repomd.xml was written";

  auto packages = small_world();
  packages.push_back(Package{.name = "extra", .checksum = std::string(64, '2')});
  write_file(dir.path() / "repodata" / "primary.xml", primary_xml(packages));
  write_file(dir.path() / "repodata" / "filelists.xml",
             filelists_xml(packages, {{"hello-data", {"/usr/share/hello/data"}}}));
  const fs::path primary = compress(dir.path() / "repodata" / "primary.xml", "gzip");
  const fs::path filelists = compress(dir.path() / "repodata" / "filelists.xml", "gzip");
  write_repomd(dir.path(), {{"primary", primary}, {"filelists", filelists}});
  rpm::RpmSystem second(Tool::dnf);
  EXPECT_EQ(second.add_repository(dir.path(), cache).packages, 8);

  for (const auto& memo : repomd_memos) {
    const std::string text = read_file(memo);
    write_file(memo, text.substr(0, text.find('\n') + 1));  // the entry's header only: no records
  }
  rpm::RpmSystem third(Tool::dnf);
  EXPECT_EQ(third.add_repository(dir.path(), cache).packages, 8);
}

TEST(Rpmmd, MissingMetadataFileAndNonRepositoryAreErrors) {
  TempDir dir;
  write_small_world(dir.path());
  fs::remove(dir.path() / "repodata" / "filelists.xml.gz");
  rpm::RpmSystem dnf(Tool::dnf);
  EXPECT_THROW(dnf.add_repository(dir.path(), no_cache()), Error);
  rpm::RpmSystem zypper(Tool::zypper);  // zypper never opens filelists
  EXPECT_EQ(zypper.add_repository(dir.path(), no_cache()).packages, 7);
  rpm::RpmSystem none(Tool::dnf);
  EXPECT_THROW(none.add_repository(dir.path() / "nothing-here", no_cache()), Error);
}

TEST(Rpmmd, CachedImageGivesTheSameAnswer) {
  TempDir dir;
  write_small_world(dir.path());
  const CacheSettings cache{dir.path() / "cache"};
  rpm::RpmSystem first(Tool::dnf);
  EXPECT_FALSE(first.add_repository(dir.path(), cache).from_cache);
  // The image is written after the first file provides pass (the first solve).
  const auto a = first.resolve({.install = {"hello"}});
  rpm::RpmSystem second(Tool::dnf);
  const auto loaded = second.add_repository(dir.path(), cache);
  EXPECT_TRUE(loaded.from_cache);
  EXPECT_EQ(loaded.packages, 7);
  const auto b = second.resolve({.install = {"hello"}});
  EXPECT_EQ(names(a), names(b));
  ASSERT_FALSE(b.install.empty());
  EXPECT_EQ(a.install.front().checksum, b.install.front().checksum);
}

// ----------------------------------------------------------------- modules

std::string module_document(const std::string& name, const std::string& stream,
                            const std::vector<std::string>& rpms) {
  std::string text =
      "---\ndocument: modulemd\nversion: 2\ndata:\n  name: " + name + "\n  stream: \"" + stream +
      "\"\n  version: 9050020240101\n  context: abcd1234\n  arch: x86_64\n  summary: s\n"
      "  description: d\n  license:\n    module: [MIT]\n  artifacts:\n    rpms:\n";
  for (const auto& rpm : rpms) text += "    - " + rpm + "\n";
  return text + "...\n";
}

fs::path write_module_world(const fs::path& root, const std::string& defaults) {
  Package plain{.name = "nginx",
                .version = "1.20.1",
                .release = "20.el9",
                .epoch = "2",
                .checksum = std::string(64, '2')};
  Package modular{.name = "nginx",
                  .version = "1.24.0",
                  .release = "4.module_el9+1087",
                  .epoch = "1",
                  .checksum = std::string(64, '3')};
  const std::vector<Package> packages{plain, modular};
  write_file(root / "repodata" / "primary.xml", primary_xml(packages));
  write_file(root / "repodata" / "filelists.xml", filelists_xml(packages, {}));
  std::string modules = module_document(
      "nginx", "1.24",
      {"nginx-1:1.24.0-4.module_el9+1087.x86_64", "nginx-1:1.24.0-4.module_el9+1087.src"});
  modules += defaults;
  write_file(root / "repodata" / "modules.yaml", modules);
  const fs::path modules_file =
      compress(root / "repodata" / "modules.yaml", have_program("xz") ? "xz" : "");
  write_repomd(root, {{"primary", root / "repodata" / "primary.xml"},
                      {"filelists", root / "repodata" / "filelists.xml"},
                      {"modules", modules_file}});
  return root;
}

std::string version_of(const rpm::ResolveResult& result, const std::string& name) {
  for (const auto& item : result.install) {
    if (item.name == name) return item.version;
  }
  return "";
}

TEST(Modules, StreamPackagesHiddenUnlessEnabledAndTheyHideTheirNonModularNames) {
  TempDir dir;
  write_module_world(dir.path(), "");
  rpm::RpmSystem dnf(Tool::dnf);
  dnf.add_repository(dir.path(), no_cache());
  EXPECT_EQ(version_of(dnf.resolve({.install = {"nginx"}}), "nginx"), "2:1.20.1-20.el9");
  EXPECT_EQ(version_of(dnf.resolve({.install = {"nginx"}, .enabled_modules = {{"nginx", "1.24"}}}),
                       "nginx"),
            "1:1.24.0-4.module_el9+1087");
  EXPECT_FALSE(dnf.resolve({.install = {"nginx-1.24.0"}}).solved())
      << "a hidden stream package was found";
  rpm::RpmSystem zypper(Tool::zypper);  // zypper ignores modules: highest EVR
  zypper.add_repository(dir.path(), no_cache());
  EXPECT_EQ(version_of(zypper.resolve({.install = {"nginx"}}), "nginx"), "2:1.20.1-20.el9");
}

TEST(Modules, DefaultStreamCountsAsEnabled) {
  TempDir dir;
  write_module_world(dir.path(),
                     "---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  module: nginx\n  "
                     "stream: \"1.24\"\n...\n");
  rpm::RpmSystem dnf(Tool::dnf);
  const auto loaded = dnf.add_repository(dir.path(), no_cache());
  EXPECT_EQ(loaded.modules.default_streams.at("nginx"), "1.24");
  ASSERT_EQ(loaded.modules.streams.size(), 1u);
  EXPECT_EQ(loaded.modules.streams.front().artifacts.size(), 2u);
  EXPECT_EQ(version_of(dnf.resolve({.install = {"nginx"}}), "nginx"), "1:1.24.0-4.module_el9+1087");
}

// A warm load reads the parse kept beside the images, not modules.yaml; an
// edited or damaged cache file is parsed again and rewritten; zypper pools
// read no modules.
TEST(Modules, ParsedStreamsAreCachedAndAnEditedCacheIsParsedAgain) {
  TempDir dir, cache;
  write_module_world(dir.path() / "repo",
                     "---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  module: nginx\n  "
                     "stream: \"1.24\"\n...\n");
  const CacheSettings settings{cache.path()};
  const auto cache_files = [&] {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(cache.path())) {
      if (entry.path().extension() == ".modules") files.push_back(entry.path());
    }
    return files;
  };
  rpm::RpmSystem zypper(Tool::zypper);
  EXPECT_TRUE(zypper.add_repository(dir.path() / "repo", settings).modules.empty());
  EXPECT_TRUE(cache_files().empty()) << "zypper read modules.yaml";

  rpm::RpmSystem first(Tool::dnf);
  const auto parsed = first.add_repository(dir.path() / "repo", settings).modules;
  ASSERT_EQ(cache_files().size(), 1u);
  const fs::path cached = cache_files().front();
  const std::string written = read_file(cached);
  // A hand-edited stream is not believed: the entry's digest no longer holds.
  std::string text = written;
  const auto at = text.find("stream nginx 1.24 ");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, 18, "stream nginx 1.25 ");
  write_file(cached, text);
  rpm::RpmSystem second(Tool::dnf);
  const auto warm = second.add_repository(dir.path() / "repo", settings);
  ASSERT_EQ(warm.modules.streams.size(), 1u);
  EXPECT_EQ(warm.modules.streams.front().stream, "1.24");
  EXPECT_EQ(warm.modules.streams.front().artifacts, parsed.streams.front().artifacts);
  EXPECT_EQ(warm.modules.default_streams, parsed.default_streams);
  EXPECT_EQ(read_file(cached), written) << "the edited entry was not rewritten";

  write_file(cached, written.substr(0, written.size() / 2));  // truncated
  rpm::RpmSystem third(Tool::dnf);
  const auto reparsed = third.add_repository(dir.path() / "repo", settings).modules;
  ASSERT_EQ(reparsed.streams.size(), 1u);
  EXPECT_EQ(reparsed.streams.front().stream, "1.24");
  EXPECT_EQ(reparsed.default_streams.at("nginx"), "1.24");
  EXPECT_EQ(read_file(cached), written);
}

// A location href that leaves the repository is refused, naming repomd.xml
// and the href, before the file it names is opened (a file of the right
// checksum is put there, so only the href check can refuse it).
class EscapingHref : public testing::TestWithParam<std::string> {};

TEST_P(EscapingHref, IsBadInputNamingRepomdAndTheHref) {
  TempDir dir;
  const fs::path repo = dir.path() / "repo";
  const fs::path outside = dir.path() / "outside";
  write_file(outside / "primary.xml", primary_xml(small_world()));
  fs::create_directories(repo / "repodata");
  fs::create_symlink(outside, repo / "repodata" / "link");
  std::string href = GetParam();
  if (href == "ABSOLUTE") href = (outside / "primary.xml").string();
  write_file(repo / "repodata" / "repomd.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<repomd "
             "xmlns=\"http://linux.duke.edu/metadata/repo\">\n<data type=\"primary\"><checksum "
             "type=\"sha256\">" +
                 sha256_file(outside / "primary.xml") + "</checksum><location href=\"" + href +
                 "\"/></data>\n</repomd>\n");
  rpm::RpmSystem system(Tool::dnf);
  try {
    system.add_repository(repo, no_cache());
    FAIL() << "href " << href << " was followed";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    const std::string message = error.what();
    EXPECT_NE(message.find((repo / "repodata" / "repomd.xml").string()), std::string::npos)
        << message;
    EXPECT_NE(message.find("'" + href + "'"), std::string::npos) << message;
  }
}

INSTANTIATE_TEST_SUITE_P(Metadata, EscapingHref,
                         testing::Values("../outside/primary.xml",
                                         "repodata/../../outside/primary.xml", "ABSOLUTE",
                                         "repodata/link/primary.xml", "file:///etc/passwd",
                                         "http://example.org/primary.xml"));

TEST(Modules, UnknownStreamIsRefusedNamingTheKnownOnes) {
  TempDir dir;
  write_module_world(dir.path(), "");
  rpm::RpmSystem dnf(Tool::dnf);
  dnf.add_repository(dir.path(), no_cache());
  try {
    dnf.resolve({.install = {"nginx"}, .enabled_modules = {{"nginx", "9"}}});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    EXPECT_NE(error.render().find(
                  "module stream nginx:9 is in none of the repositories' modules.yaml (streams: "
                  "nginx:1.24)"),
              std::string::npos)
        << error.render();
  }
}

TEST(Modules, UnreadableYamlNamesTheFile) {
  EXPECT_THROW(rpm::parse_modules_yaml("document: [unclosed", "modules.yaml"), Error);
}

// Valid YAML of the wrong shape is bad input at the node's position, not an
// exception of yaml-cpp's (the modules_yaml fuzz target found the first).
TEST(Modules, WrongShapeIsBadInputAtItsPosition) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"---\ndocument: modulemd\nversion: 2\ndata:\n  name: nginx\n  artifacts: x\n",
       "modules.yaml:6:14: not readable as modules.yaml: expected 'artifacts' to be a mapping"},
      {"---\ndocument: modulemd\ndata:\n  name: nginx\n  artifacts:\n    rpms: {a: b}\n",
       "modules.yaml:6:11: not readable as modules.yaml: expected 'rpms' to be a list"},
      {"---\ndocument: modulemd\ndata:\n  name: [nginx]\n",
       "modules.yaml:4:9: not readable as modules.yaml: expected 'name' to be a scalar"},
      {"---\ndocument: modulemd-defaults\ndata: 7\n",
       "modules.yaml:3:7: not readable as modules.yaml: expected 'data' to be a mapping"},
      {"--- [1, 2]\n",
       "modules.yaml:1:5: not readable as modules.yaml: expected a mapping with 'document' and "
       "'data'"},
      // Module and stream names reach `dnf module enable` in a script.
      {"---\ndocument: modulemd\ndata:\n  name: \"nginx;id\"\n  stream: '1'\n",
       "modules.yaml:4:9: not readable as modules.yaml: expected 'name' to be letters, digits "
       "and \"._+-\", not 'nginx;id'"},
      {"---\ndocument: modulemd-defaults\ndata:\n  module: nginx\n  stream: \"1\\nRUN id\"\n",
       "modules.yaml:5:11: not readable as modules.yaml: expected 'stream' to be letters, "
       "digits and \"._+-\", not '1\\x0aRUN id'"},
  };
  for (const auto& [text, expected] : cases) {
    try {
      rpm::parse_modules_yaml(text, "modules.yaml");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const Error& error) {
      EXPECT_EQ(error.exit_code(), ExitCode::bad_input) << text;
      EXPECT_NE(error.render().find(expected), std::string::npos) << error.render();
    }
  }
  // A later document's position counts from the file's first line.
  try {
    rpm::parse_modules_yaml(
        "---\ndocument: modulemd\ndata: {name: a}\n...\n---\ndocument: modulemd\ndata: 7\n",
        "modules.yaml");
    ADD_FAILURE() << "accepted a scalar data";
  } catch (const Error& error) {
    EXPECT_NE(error.render().find("modules.yaml:7:7: "), std::string::npos) << error.render();
  }
  // Kinds locidep does not use are skipped, whatever their data.
  const auto metadata = rpm::parse_modules_yaml(
      "---\ndocument: modulemd-obsoletes\ndata: [x]\n---\ndocument: modulemd\ndata:\n  name: "
      "nginx\n  stream: '1.24'\n  artifacts:\n    rpms: [nginx-1:1.24.0-1.el9.x86_64]\n",
      "modules.yaml");
  ASSERT_EQ(metadata.streams.size(), 1u);
  EXPECT_EQ(metadata.streams[0].artifacts, std::vector<std::string>{"nginx-1:1.24.0-1.el9.x86_64"});
}

// yaml-cpp 0.7's LoadAll never returns on a document of a lone ','
// (allocating as it loops): documents are parsed one at a time instead.
TEST(Modules, AStrayCommaDocumentEnds) {
  EXPECT_THROW(rpm::parse_modules_yaml(",\n", "modules.yaml"), Error);
  EXPECT_THROW(rpm::parse_modules_yaml("---\ndocument: modulemd\ndata: {name: a}\n---\n,--\n",
                                       "modules.yaml"),
               Error);
}

// -------------------------------------------------------------- base lists

TEST(BaseList, NevraLinesParse) {
  const auto entries = rpm::parse_base_list(
      "# comment\n\nbind-libs-32:9.16.23-24.el9.x86_64\nzlib-1.2.11-31.el9.i686\n", "base.txt");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].nevra.name, "bind-libs");
  EXPECT_EQ(entries[0].nevra.epoch, "32");
  EXPECT_EQ(entries[0].nevra.evr(), "32:9.16.23-24.el9");
  EXPECT_EQ(entries[0].line, 3u);
  EXPECT_EQ(entries[1].nevra.arch, "i686");
  EXPECT_THROW(rpm::parse_base_list("just-a-name\n", "base.txt"), Error);
}

TEST(BaseList, APackageNoRepositoryHoldsIsAnErrorNamingTheLine) {
  TempDir dir;
  write_small_world(dir.path());
  rpm::RpmSystem system(Tool::dnf);
  system.add_repository(dir.path(), no_cache());
  write_file(dir.path() / "base.txt",
             "libworld-1.0-1.el9.x86_64\n# next: not in the repository\nhello-9.9-1.el9.x86_64\n");
  try {
    system.set_base_packages(dir.path() / "base.txt");
    FAIL() << "an unknown base package was accepted";
  } catch (const Error& error) {
    ASSERT_TRUE(error.location().has_value());
    EXPECT_EQ(error.location()->line, 3u);
    EXPECT_EQ(error.location()->file, (dir.path() / "base.txt").string());
    EXPECT_NE(std::string(error.what()).find("hello-9.9-1.el9.x86_64"), std::string::npos)
        << error.what();
  }
  write_file(dir.path() / "good.txt", "libworld-1.0-1.el9.x86_64\n");
  system.set_base_packages(dir.path() / "good.txt");
  EXPECT_EQ(system.installed_count(), 1);
  EXPECT_EQ(names(system.resolve({.install = {"hello"}})),
            (std::set<std::string>{"hello", "hello-data"}));
}

// ------------------------------------------------------------------- rpmdb

TEST(Rpmdb, NdbIsRefusedSuggestingAPackageList) {
  TempDir dir;
  const fs::path real = fs::path(LOCIDEP_SHARED_DIR) /
                        "corpus/base-images/sle-bci-15.3-micro_var-lib-rpm_Packages.db";
  fs::create_directories(dir.path() / "usr/lib/sysimage/rpm");
  if (fs::exists(real)) {
    fs::copy_file(real, dir.path() / "usr/lib/sysimage/rpm/Packages.db");
  } else {
    write_file(dir.path() / "usr/lib/sysimage/rpm/Packages.db", "not really ndb");
  }
  fs::create_directories(dir.path() / "var/lib");
  fs::create_symlink("/usr/lib/sysimage/rpm", dir.path() / "var/lib/rpm");
  rpm::RpmSystem system(Tool::zypper);
  try {
    system.set_base_root(dir.path());
    FAIL() << "an ndb rpmdb was read";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.exit_code(), ExitCode::environment);
    EXPECT_NE(message.find("ndb"), std::string::npos) << message;
    EXPECT_NE(message.find("--base-packages"), std::string::npos) << message;
  }
}

TEST(Rpmdb, NoDatabaseIsAnErrorNamingWhereWeLooked) {
  TempDir dir;
  rpm::RpmSystem system(Tool::dnf);
  try {
    system.set_base_root(dir.path());
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("usr/lib/sysimage/rpm"), std::string::npos)
        << error.what();
  }
}

// A real sqlite rpmdb, made by rpm itself inside a temporary root (never the
// host's), with one package installed from a tiny rpm built here.
TEST(Rpmdb, SqliteDatabaseInsideTheRootIsRead) {
  for (const char* tool : {"rpm", "rpmbuild"}) {
    if (!have_program(tool)) GTEST_SKIP() << tool << " is not installed";
  }
  TempDir dir;
  const fs::path root = dir.path() / "root";
  const fs::path top = dir.path() / "build";
  write_file(
      top / "SPECS" / "libworld.spec",
      "Name: libworld\nVersion: 1.0\nRelease: 1.el9\nSummary: s\nLicense: MIT\nBuildArch: x86_64\n"
      "Provides: libworld.so.1()(64bit)\nAutoReqProv: no\n%description\nd\n%files\n");
  const auto built =
      run_process("rpmbuild", {"-bb", "--quiet", "--define", "_topdir " + top.string(),
                               (top / "SPECS" / "libworld.spec").string()});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  const fs::path package = top / "RPMS" / "x86_64" / "libworld-1.0-1.el9.x86_64.rpm";
  ASSERT_TRUE(fs::exists(package));
  const auto installed =
      run_process("rpm", {"--root", root.string(), "--dbpath", "/usr/lib/sysimage/rpm", "-i",
                          "--justdb", "--nodeps", "--force-debian", package.string()});
  ASSERT_EQ(installed.exit_code, 0) << installed.err;
  ASSERT_TRUE(fs::exists(root / "usr/lib/sysimage/rpm/rpmdb.sqlite"));

  const fs::path repo = dir.path() / "repo";
  write_small_world(repo);
  rpm::RpmSystem system(Tool::dnf);
  system.add_repository(repo, no_cache());
  system.set_base_root(root);
  EXPECT_EQ(system.installed_count(), 1);
  const auto base = system.base_packages();
  ASSERT_EQ(base.size(), 1u);
  EXPECT_EQ(base.front().name, "libworld");
  EXPECT_EQ(names(system.resolve({.install = {"hello"}})),
            (std::set<std::string>{"hello", "hello-data"}));
}

// ------------------------------------------------------------ the purge

TEST(Purge, RuntimeAndWhatItNeedsStayABuildPackageItNeedsIsKeptWithTheReason) {
  TempDir dir;
  write_small_world(dir.path(), "gzip", /*data_in_primary=*/true);
  for (Tool tool : {Tool::dnf, Tool::zypper}) {
    rpm::RpmSystem system(tool);
    system.add_repository(dir.path(), no_cache());
    write_file(dir.path() / "base.txt", "libworld-1.0-1.el9.x86_64\n");
    system.set_base_packages(dir.path() / "base.txt");
    // hello-devel and libtools are build-only; libtools is needed by the runtime package.
    const auto result =
        system.resolve({.install = {"hello-data", "hello-devel", "runtime", "libtools", "libworld"},
                        .purge = {"hello-devel", "libtools", "libworld"}});
    ASSERT_TRUE(result.solved()) << result.problems.front().message;
    std::set<std::string> purged;
    for (const auto& item : result.purge) purged.insert(item.name);
    EXPECT_EQ(purged, (std::set<std::string>{"hello", "hello-devel", "tools"}))
        << rpm::to_string(tool);
    std::map<std::string, std::string> kept;
    for (const auto& item : result.kept) kept[item.name] = item.reason;
    EXPECT_NE(kept["libtools"].find("runtime"), std::string::npos) << kept["libtools"];
    EXPECT_EQ(kept["libworld"], "in the base image");
  }
}

TEST(Refusals, EveryUnmatchedWordIsNamedInTheToolsWords) {
  TempDir dir;
  write_small_world(dir.path());
  rpm::RpmSystem zypper(Tool::zypper);
  zypper.add_repository(dir.path(), no_cache());
  const auto z = zypper.resolve({.install = {"hello", "nope", "nada"}});
  ASSERT_EQ(z.problems.size(), 2u);
  EXPECT_EQ(z.problems[0].subject, "nope");
  EXPECT_EQ(z.problems[0].message, "No provider of 'nope' found.");
  EXPECT_TRUE(z.install.empty());
  rpm::RpmSystem dnf(Tool::dnf);
  dnf.add_repository(dir.path(), no_cache());
  const auto d = dnf.resolve({.install = {"nope", "hello"}});
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].subject, "nope");
  EXPECT_EQ(d.problems[0].message, "No match for argument: nope");
}

}  // namespace
}  // namespace locidep::test
