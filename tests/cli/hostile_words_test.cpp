// Text that does not come from a bindep file is checked where it is read:
// repository metadata with shell in its names and versions (apt, dnf,
// zypper), catalogues, constraints and profile words. Each case runs the
// real binary and expects bad input (exit 2) naming the input, and no
// output file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/digest.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;

const fs::path bundled = fs::path(LOCIDEP_SOURCE_DIR) / "profiles" / "data";

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

ProcessResult locidep(std::vector<std::string> arguments, const TempDir& dir) {
  arguments.push_back("--cache-dir");
  arguments.push_back((dir.path() / "cache").string());
  return run_process(LOCIDEP_BINARY, arguments);
}

void expect_refused(const ProcessResult& run, const std::vector<std::string>& mentions) {
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_EQ(run.out, "");
  for (const auto& mention : mentions)
    EXPECT_NE(run.err.find(mention), std::string::npos) << "no '" << mention << "' in:\n"
                                                        << run.err;
  // What is shown of the hostile text is escaped: one message, no raw controls.
  for (const char c : run.err) {
    EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << run.err;
  }
}

// ------------------------------------------------------------------ apt

std::string stanza(const std::string& name, const std::string& version,
                   const std::string& arch = "amd64") {
  return "Package: " + name + "\nVersion: " + version + "\nArchitecture: " + arch +
         "\nMaintainer: x <x@example.org>\nInstalled-Size: 1\nFilename: pool/x.deb\nSize: 1\n"
         "SHA256: " +
         std::string(64, 'a') + "\nDescription: x\n\n";
}

struct HostileStanza {
  std::string name, version, arch, word;
};

class HostileAptIndex : public ::testing::TestWithParam<HostileStanza> {};

TEST_P(HostileAptIndex, IsRefusedNamingTheFileAndTheStanza) {
  const TempDir dir;
  const HostileStanza& hostile = GetParam();
  const fs::path index = dir.path() / "Packages";
  write_file(index,
             stanza("hello", "2.10-3") + stanza(hostile.name, hostile.version, hostile.arch));
  const auto run =
      locidep({"resolve", "--distro", "debian-bookworm", "--repo", index.string(), "--base-status",
               (bundled / "repos" / "debian-bookworm" / "base-status").string(), "hello"},
              dir);
  expect_refused(run, {index.string(), "stanza 2", hostile.word});
}

INSTANTIATE_TEST_SUITE_P(
    Words, HostileAptIndex,
    ::testing::Values(HostileStanza{"foo;touch /tmp/x", "1.0", "amd64", "package name"},
                      HostileStanza{"foo$(id)", "1.0", "amd64", "package name"},
                      HostileStanza{"foo", "1.0$(touch /tmp/x)", "amd64", "version"},
                      HostileStanza{"foo", "1.0;id", "amd64", "version"},
                      HostileStanza{"foo", "1.0`id`", "amd64", "version"},
                      HostileStanza{"foo", "x1.0", "amd64", "version"},
                      HostileStanza{"foo", "1.0", "amd64;id", "architecture"}));

TEST(HostileStatus, ABaseStatusWithShellInAVersionIsRefused) {
  const TempDir dir;
  const fs::path status = dir.path() / "status";
  write_file(status,
             "Package: base-files\nStatus: install ok installed\nVersion: 12$(id)\n"
             "Architecture: amd64\n\n");
  const auto run = locidep(
      {"resolve", "--distro", "debian-bookworm", "--base-status", status.string(), "hello"}, dir);
  expect_refused(run, {status.string(), "version '12$(id)'"});
}

// ------------------------------------------------------------------ rpm

struct RpmPackage {
  std::string name = "hello";
  std::string epoch = "0";
  std::string version = "1.0";
  std::string release = "1";
  std::string arch = "x86_64";
};

// An rpm-md repository (primary.xml only, plain) holding PACKAGES; the XML
// text of each word is written as given, so entities such as &#10; reach
// the reader.
fs::path rpm_repository(const fs::path& root, const std::vector<RpmPackage>& packages) {
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata "
         "xmlns=\"http://linux.duke.edu/metadata/common\" "
         "xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\""
      << packages.size() << "\">\n";
  for (const auto& p : packages) {
    xml << "<package type=\"rpm\"><name>" << p.name << "</name><arch>" << p.arch
        << "</arch><version epoch=\"" << p.epoch << "\" ver=\"" << p.version << "\" rel=\""
        << p.release << "\"/><checksum type=\"sha256\" pkgid=\"YES\">" << std::string(64, 'a')
        << "</checksum><summary>x</summary><location href=\"Packages/x.rpm\"/><format/>"
        << "</package>\n";
  }
  xml << "</metadata>\n";
  const fs::path primary = root / "repodata" / "primary.xml";
  write_file(primary, xml.str());
  write_file(root / "repodata" / "repomd.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<repomd "
             "xmlns=\"http://linux.duke.edu/metadata/repo\"><revision>1</revision>"
             "<data type=\"primary\"><checksum type=\"sha256\">" +
                 sha256_file(primary) +
                 "</checksum><location href=\"repodata/primary.xml\"/></data></repomd>\n");
  return root;
}

struct HostileRpm {
  RpmPackage package;
  std::string word;
};

class HostileRpmPrimary : public ::testing::TestWithParam<std::tuple<std::string, HostileRpm>> {};

TEST_P(HostileRpmPrimary, IsRefusedNamingTheFileAndThePackage) {
  const TempDir dir;
  const auto& [distro, hostile] = GetParam();
  const fs::path repo = rpm_repository(dir.path() / "repo", {RpmPackage{}, hostile.package});
  const fs::path base = dir.path() / "base-packages.txt";
  write_file(base, "");
  const auto run = locidep({"resolve", "--distro", distro, "--repo", repo.string(),
                            "--base-packages", base.string(), "hello"},
                           dir);
  expect_refused(run, {"primary.xml", "package 2", hostile.word});
}

INSTANTIATE_TEST_SUITE_P(
    Words, HostileRpmPrimary,
    ::testing::Combine(
        ::testing::Values("centos-stream-9", "opensuse-leap-15.6"),
        ::testing::Values(HostileRpm{{.name = "foo;touch /tmp/x"}, "package name"},
                          HostileRpm{{.name = "foo&#10;RUN touch /tmp/x"},
                                     "package name 'foo\\x0aRUN"},
                          HostileRpm{{.version = "1.0$(id)"}, "version '1.0$(id)-1'"},
                          HostileRpm{{.version = "1.0&#10;RUN touch /tmp/x"}, "\\x0aRUN touch"},
                          HostileRpm{{.release = "1`id`"}, "release"},
                          HostileRpm{{.arch = "x86_64;id"}, "architecture"})),
    [](const auto& info) {
      return std::string(std::get<0>(info.param) == "centos-stream-9" ? "dnf" : "zypper") +
             std::to_string(info.index);
    });

// ------------------------------------------------------------------ catalogue

// The bundled catalogue's services.yaml with FROM replaced by TO, in DIR.
fs::path edited_catalogue(const fs::path& dir, const std::string& from, const std::string& to) {
  fs::create_directories(dir);
  fs::copy(bundled / "loci", dir / "loci", fs::copy_options::recursive);
  std::string text = read_file(bundled / "services.yaml");
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  write_file(dir / "services.yaml", text);
  return dir;
}

struct CatalogueEdit {
  std::string from, to, mention;
};

class HostileCatalogue : public ::testing::TestWithParam<CatalogueEdit> {};

TEST_P(HostileCatalogue, IsRefusedAtItsPosition) {
  const TempDir dir;
  const auto& edit = GetParam();
  const fs::path catalogue = edited_catalogue(dir.path() / "catalog", edit.from, edit.to);
  const fs::path output = dir.path() / "out";
  const auto run = locidep({"plan", "--distro", "debian-bookworm", "--catalog", catalogue.string(),
                            "--format", "shell", "-o", output.string()},
                           dir);
  expect_refused(run, {(catalogue / "services.yaml").string() + ":", edit.mention});
  EXPECT_FALSE(fs::exists(output) && !fs::is_empty(output));
}

INSTANTIATE_TEST_SUITE_P(
    Words, HostileCatalogue,
    ::testing::Values(
        CatalogueEdit{"pip: [pymemcache]", "pip: [\"pymemcache;touch /tmp/x\"]", "pip"},
        CatalogueEdit{"pip: [pymemcache]", "pip: [\"$(id)\"]", "pip"},
        CatalogueEdit{"build: [git, patch]", "build: [git, \"patch$(id)\"]", "bootstrap: apt"},
        CatalogueEdit{"build: [git, patch]", "build: [git, \"patch\\nRUN id\"]", "patch\\x0aRUN"},
        CatalogueEdit{"profiles: [fluent, apache]", "profiles: [fluent, \"apache;id\"]",
                      "profiles"},
        CatalogueEdit{"build_profiles: [compile, build, requirements]",
                      "build_profiles: [compile, \"Build\"]", "build_profiles"}));

TEST(HostileCatalogue, ABaseImageThatIsNotAnImageReferenceIsRefused) {
  const TempDir dir;
  const fs::path catalogue =
      edited_catalogue(dir.path() / "catalog", "build: [git, patch]", "build: [git, patch]");
  std::string distros = read_file(bundled / "distros.yaml");
  const std::string from = "base_image: \"debian:bookworm\"";
  distros.replace(distros.find(from), from.size(),
                  "base_image: \"debian:bookworm\\nRUN touch /tmp/x\"");
  write_file(catalogue / "distros.yaml", distros);
  const auto run = locidep(
      {"plan", "--distro", "debian-bookworm", "--catalog", catalogue.string(), "--format", "shell"},
      dir);
  expect_refused(
      run, {(catalogue / "distros.yaml").string() + ":", "base_image", "bookworm\\x0aRUN touch"});
}

// ------------------------------------------------------------------ options

TEST(HostileConstraints, APinThatIsNotAVersionIsRefusedAtItsLine) {
  for (const std::string pin :
       {"pymemcache==4.0$(touch /tmp/x)", "pymemcache==4.0;", "pymemcache===`id`",
        "pymemcache$(id)==4.0", "pymemcache==4.0\r\r"}) {
    const TempDir dir;
    const fs::path constraints = dir.path() / "upper-constraints.txt";
    write_file(constraints, "oslo.config===9.4.0\n" + pin + "\n");
    const auto run = locidep({"plan", "--distro", "debian-bookworm", "--service", "horizon",
                              "--constraints", constraints.string(), "--format", "shell"},
                             dir);
    if (pin == "pymemcache==4.0;" || pin == "pymemcache==4.0\r\r") {
      // An environment marker (';') and line ends are not part of the pin.
      EXPECT_EQ(run.exit_code, 0) << pin << run.err;
      EXPECT_NE(run.out.find("pymemcache==4.0"), std::string::npos) << run.out;
      continue;
    }
    expect_refused(run, {constraints.string() + ":2:", "constraint"});
  }
}

TEST(HostileOptions, AProfileWordWithShellIsRefused) {
  const TempDir dir;
  for (const std::string word : {"fluent;id", "$(id)", "a\nb", "Fluent"}) {
    for (const std::string command : {"plan", "why"}) {
      std::vector<std::string> arguments{command, "--distro", "debian-bookworm", "--profile", word};
      if (command == "why") arguments.push_back("libffi-dev");
      const auto run = locidep(arguments, dir);
      EXPECT_EQ(run.exit_code, 2) << command << " " << word << run.err;
      EXPECT_NE(run.err.find("profile"), std::string::npos) << run.err;
      EXPECT_EQ(run.out, "");
    }
  }
}

TEST(HostileOptions, AModuleStreamWithShellIsRefused) {
  const TempDir dir;
  const auto run = locidep({"plan", "--distro", "centos-stream-9", "--service", "nova",
                            "--enable-module", "nginx:1.24;id"},
                           dir);
  expect_refused(run, {"--enable-module"});
}

}  // namespace
}  // namespace locidep::test
