// Hostile input (issue 12): garbage is an error naming the file and line, and
// every cost is bounded. Inputs are built here, in a temporary folder; no
// test asserts a time (bench/bounds_bench.sh measures them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "common/digest.hpp"
#include "tests/support/process.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;
using namespace std::string_literals;

class HostileInput : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "locidep-hostile-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  ProcessResult locidep(std::vector<std::string> arguments) {
    arguments.push_back("--cache-dir");
    arguments.push_back((dir_ / "cache").string());
    return run_process(LOCIDEP_BINARY, arguments);
  }
  ProcessResult resolve_apt(const fs::path& repo) {
    return locidep({"resolve", "--distro", "debian-bookworm", "--repo", repo.string(), "bash"});
  }

  fs::path dir_;
};

std::string random_bytes(std::size_t size) {
  std::mt19937 generator(12);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(generator() & 0xff);
  return bytes;
}

std::string stanzas(std::size_t bytes) {
  const std::string one = "Package: bomb\nVersion: 1.0\nArchitecture: amd64\n\n";
  std::string text;
  while (text.size() + one.size() <= bytes) text += one;
  return text;
}

// One gzip member of TEXT.
std::string gzip(const std::string& text) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// An xz stream of COPIES times TEXT, encoded as it streams.
std::string xz(const std::string& text, std::size_t copies) {
  lzma_stream stream = LZMA_STREAM_INIT;
  EXPECT_EQ(lzma_easy_encoder(&stream, 6, LZMA_CHECK_CRC64), LZMA_OK);
  std::string out;
  std::vector<std::uint8_t> buffer(1 << 16);
  for (std::size_t copy = 0; copy <= copies; ++copy) {
    const bool last = copy == copies;
    stream.next_in = reinterpret_cast<const std::uint8_t*>(text.data());
    stream.avail_in = last ? 0 : text.size();
    lzma_ret status = LZMA_OK;
    do {
      stream.next_out = buffer.data();
      stream.avail_out = buffer.size();
      status = lzma_code(&stream, last ? LZMA_FINISH : LZMA_RUN);
      out.append(reinterpret_cast<char*>(buffer.data()), buffer.size() - stream.avail_out);
    } while (stream.avail_in > 0 || (last && status != LZMA_STREAM_END));
  }
  lzma_end(&stream);
  return out;
}

// ------------------------------------------------ garbage is an error

TEST_F(HostileInput, RandomBytesAsPackagesIsBadInputNamingTheFile) {
  const fs::path index = write("Packages", random_bytes(100000));
  const auto run = resolve_apt(index);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr(index.string()));
}

TEST_F(HostileInput, NulBytesInPackagesAreRefusedAtTheirLine) {
  const fs::path index =
      write("Packages", "Package: a\nVersion: 1\nArchitecture: amd64\n\nPackage: b\0\n"s);
  const auto run = resolve_apt(index);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr(index.string() + ":5:11: error: binary data: byte 0x00"));
  EXPECT_THAT(run.err, HasSubstr("Package: b\\x00\n"));
}

TEST_F(HostileInput, TruncatedLastStanzaIsRefused) {
  const fs::path cut = write("cut/Packages",
                             "Package: a\nVersion: 1\nArchitecture: amd64\n\n"
                             "Package: b\nVersion: 1\nArchitec");
  auto run = resolve_apt(cut);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr(cut.string() + ":5:1: error: the last stanza is cut short"));

  const fs::path short_stanza =
      write("short/Packages", "Package: a\nVersion: 1\nArchitecture: amd64\n\nPackage: b\n");
  run = resolve_apt(short_stanza);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr(short_stanza.string() + ":5:1: error: a package stanza without "
                                                         "Version, Architecture"));
}

TEST_F(HostileInput, RandomBytesAsBaseStatusIsBadInput) {
  const fs::path status = write("status", random_bytes(100000));
  const auto run =
      locidep({"resolve", "--distro", "debian-bookworm", "--base-status", status.string(), "bash"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr(status.string()));
}

TEST_F(HostileInput, GarbageDpkgDatabaseOfCheckRootIsEnvironment) {
  const fs::path root = dir_ / "root";
  fs::create_directories(root / "etc");
  fs::copy_file(fs::path(LOCIDEP_FIXTURES_DIR) / "roots/debian-check/etc/os-release",
                root / "etc/os-release");
  const fs::path rules = write("bindep.txt", "bash\n");
  for (const std::string& garbage :
       {random_bytes(100000), "Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage"s}) {
    const fs::path status = write("root/var/lib/dpkg/status", garbage);
    const auto run =
        run_process(LOCIDEP_BINARY, {"check", "-f", rules.string(), "--root", root.string()});
    EXPECT_EQ(run.exit_code, 3) << run.err;
    EXPECT_THAT(run.err, HasSubstr(status.string()));
    EXPECT_THAT(run.err, HasSubstr("cannot read the dpkg database"));
  }
}

// ------------------------------------------------ decompression is bounded

TEST_F(HostileInput, GzipBombOfZerosFailsAtItsFirstByte) {
  const fs::path bomb = write("Packages.gz", gzip(std::string(64 << 20, '\0')));
  const auto run = resolve_apt(bomb);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr(bomb.string() + " is not text: byte 0x00 at offset 0"));
}

TEST_F(HostileInput, XzBombOfZerosFailsAtItsFirstByte) {
  const fs::path bomb = write("Packages.xz", xz(std::string(1 << 20, '\0'), 64));
  const auto run = resolve_apt(bomb);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr(bomb.string() + " is not text: byte 0x00 at offset 0"));
}

TEST_F(HostileInput, GzipBombOfRepeatedStanzasStopsAtTheCap) {
  // Gzip members may follow one another; 520 members of 1 MiB each is past
  // the 512 MiB cap, in a file of a few kilobytes.
  const std::string member = gzip(stanzas(1 << 20));
  std::string bomb;
  for (int i = 0; i < 520; ++i) bomb += member;
  const fs::path path = write("Packages.gz", bomb);
  const auto run = resolve_apt(path);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr(path.string() + " decompresses to more than 512 MiB"));
}

// ------------------------------------------------ costs linear in the input

TEST_F(HostileInput, MegabyteBindepLineParses) {
  std::string line = "foo [";
  for (int i = 0; line.size() < (1 << 20); ++i) line += "p" + std::to_string(i) + " ";
  line += "platform:dpkg]\n";
  const fs::path rules = write("bindep.txt", line);
  const auto run = run_process(LOCIDEP_BINARY,
                               {"list", "-f", rules.string(), "--distro", "debian-bookworm", "p7"});
  EXPECT_EQ(run.exit_code, 0) << run.err.substr(0, 2000);
  EXPECT_EQ(run.out, "foo\n");
}

TEST_F(HostileInput, CaretIsUnderTheRightCharacterOfAWindowWithEscapes) {
  // A megabyte line with a control byte far along it: the error quotes about
  // 80 columns around the caret, the control byte escaped.
  std::string line = "foo [" + std::string(1 << 20, 'a') + "\x01" + std::string(1000, 'b') + "]\n";
  const fs::path rules = write("bindep.txt", line);
  const auto run =
      run_process(LOCIDEP_BINARY, {"list", "-f", rules.string(), "--distro", "debian-bookworm"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < run.err.size();) {
    const std::size_t end = run.err.find('\n', start);
    lines.push_back(run.err.substr(start, end - start));
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 3u) << run.err.substr(0, 2000);
  EXPECT_THAT(lines[0], HasSubstr(":1:1048582: error: "));
  EXPECT_EQ(lines[1], "…" + std::string(40, 'a') + "\\x01" + std::string(39, 'b') + "…");
  EXPECT_EQ(lines[2], std::string(41, ' ') + "^");
  EXPECT_EQ(run.err.find('\x01'), std::string::npos);
}

TEST_F(HostileInput, TenThousandDuplicateRpmEntriesAreOne) {
  std::string primary =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata "
      "xmlns=\"http://linux.duke.edu/metadata/common\" "
      "xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"10000\">\n";
  for (int i = 0; i < 10000; ++i) {
    primary +=
        "<package type=\"rpm\"><name>hello</name><arch>x86_64</arch><version epoch=\"0\" "
        "ver=\"1.0\" rel=\"1.el9\"/><checksum type=\"sha256\" pkgid=\"YES\">" +
        std::string(64, 'a') +
        "</checksum><summary>hello</summary><location href=\"Packages/hello.rpm\"/><format>"
        "<rpm:provides><rpm:entry name=\"hello\" flags=\"EQ\" epoch=\"0\" ver=\"1.0\" "
        "rel=\"1.el9\"/></rpm:provides></format></package>\n";
  }
  primary += "</metadata>\n";
  const fs::path primary_file = write("repo/repodata/primary.xml", primary);
  write("repo/repodata/repomd.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<repomd "
        "xmlns=\"http://linux.duke.edu/metadata/repo\">\n<data type=\"primary\"><checksum "
        "type=\"sha256\">" +
            sha256_file(primary_file) +
            "</checksum><location href=\"repodata/primary.xml\"/></data>\n</repomd>\n");
  const auto run = locidep({"resolve", "--distro", "centos-stream-9", "--repo",
                            (dir_ / "repo").string(), "--format", "json", "hello"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"name\": \"hello\""));
  EXPECT_EQ(run.out.find("\"name\"", run.out.find("\"name\"") + 1), std::string::npos) << run.out;
}

TEST_F(HostileInput, TenThousandLineLintEndsAndSaysWhenSuggestionsWereOmitted) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "misspelt-package-name-" + std::to_string(i) + "\n";
  const fs::path rules = write("bindep.txt", text);
  const auto run = run_process(LOCIDEP_BINARY, {"lint", rules.string(), "--distro", "all"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_THAT(run.out, HasSubstr("bindep.txt:10000:1: warning: "));
  EXPECT_THAT(run.out, HasSubstr("nearest names not searched (lint's search budget is spent)"));
}

}  // namespace
}  // namespace locidep::test
