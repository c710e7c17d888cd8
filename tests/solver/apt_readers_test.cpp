// Unit tests of backends/apt's readers: compression by magic bytes (lz4
// included), folders and apt's lists, the .solv cache, dpkg status files.
#include <gtest/gtest.h>
#include <lz4frame.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "backends/apt/base_image.hpp"
#include "backends/apt/index_reader.hpp"
#include "backends/apt/repository.hpp"
#include "backends/apt/stanza.hpp"
#include "common/error.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace locidep::apt {
namespace {

namespace fs = std::filesystem;
using locidep::test::read_file;
using locidep::test::TempDir;

fs::path mini() { return fs::path(LOCIDEP_FIXTURES_DIR) / "apt" / "mini"; }

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string lz4_compress(const std::string& text) {
  std::string out(LZ4F_compressFrameBound(text.size(), nullptr), '\0');
  const std::size_t size =
      LZ4F_compressFrame(out.data(), out.size(), text.data(), text.size(), nullptr);
  out.resize(size);
  return out;
}

bool have_tool(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

TEST(Compression, DetectedByMagicBytes) {
  EXPECT_EQ(detect_compression(std::string("\x04\x22\x4d\x18", 4)), Compression::lz4);
  EXPECT_EQ(detect_compression("\x1f\x8b\x08"), Compression::gzip);
  EXPECT_EQ(detect_compression(std::string("\xfd"
                                           "7zXZ\0",
                                           6)),
            Compression::xz);
  EXPECT_EQ(detect_compression("BZh9"), Compression::bzip2);
  EXPECT_EQ(detect_compression("Package: x\n"), Compression::none);
}

TEST(Compression, Lz4IsDecodedEvenWithAMisleadingName) {
  TempDir dir;
  const std::string text = read_file(mini() / "Packages");
  // apt's lists are `.lz4`; a file named like plain text must still decode.
  write_file(dir.path() / "Packages", lz4_compress(text));
  EXPECT_EQ(read_index_text(dir.path() / "Packages"), text);
  // Two concatenated frames.
  write_file(dir.path() / "two.lz4", lz4_compress("Package: a\n\n") + lz4_compress("Package: b\n"));
  EXPECT_EQ(read_index_text(dir.path() / "two.lz4"), "Package: a\n\nPackage: b\n");
  write_file(dir.path() / "bad.lz4", std::string("\x04\x22\x4d\x18garbage", 11));
  EXPECT_THROW(read_index_text(dir.path() / "bad.lz4"), Error);
}

TEST(Compression, GzipAndXzThroughLibsolv) {
  if (!have_tool("gzip") || !have_tool("xz")) GTEST_SKIP() << "gzip or xz command missing";
  TempDir dir;
  const std::string text = read_file(mini() / "Packages");
  fs::copy_file(mini() / "Packages", dir.path() / "a");
  fs::copy_file(mini() / "Packages", dir.path() / "b");
  ASSERT_EQ(std::system(
                ("gzip -c " + (dir.path() / "a").string() + " > " + (dir.path() / "a.bin").string())
                    .c_str()),
            0);
  ASSERT_EQ(
      std::system(("xz -c " + (dir.path() / "b").string() + " > " + (dir.path() / "b.bin").string())
                      .c_str()),
      0);
  EXPECT_EQ(read_index_text(dir.path() / "a.bin"), text);
  EXPECT_EQ(read_index_text(dir.path() / "b.bin"), text);
}

TEST(Sources, FolderAndAptListsNaming) {
  TempDir dir;
  for (const char* name : {"Packages", "Packages.xz",
                           "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4",
                           "deb.debian.org_debian_dists_bookworm_InRelease", "lock", "Sources.xz",
                           "x_Packages.diff"}) {
    write_file(dir.path() / name, "");
  }
  fs::create_directory(dir.path() / "partial");
  const auto found = find_package_indexes(dir.path());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].filename(), "Packages");  // plain preferred over Packages.xz
  EXPECT_EQ(found[1].filename(),
            "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4");
  EXPECT_EQ(find_package_indexes(dir.path() / "lock").size(), 1u);
  EXPECT_THROW(find_package_indexes(dir.path() / "missing"), Error);
  TempDir empty;
  EXPECT_THROW(find_package_indexes(empty.path()), Error);
}

TEST(Stanzas, FieldsLibsolvDrops) {
  const std::string text = read_file(mini() / "Packages");
  const auto stanzas = scan_stanzas(text);
  ASSERT_EQ(stanzas.size(), 17u);
  EXPECT_EQ(stanzas[0].package, "app");
  EXPECT_EQ(stanzas[0].priority, "optional");
  EXPECT_EQ(stanzas[11].package, "base-tool");
  EXPECT_EQ(stanzas[11].essential, "yes");
  EXPECT_EQ(split_source(stanzas[1].source),
            (std::pair<std::string_view, std::string_view>{"alib", "2.0-1"}));
  EXPECT_EQ(split_source("toolsrc").second, "");
}

TEST(Cache, ContentAddressedAndRebuiltWhenTheSourceChanges) {
  TempDir dir;
  const fs::path index = dir.path() / "Packages.lz4";
  write_file(index, lz4_compress(read_file(mini() / "Packages")));
  const CacheSettings cache{dir.path() / "cache"};

  solv::Pool first(solv::Disttype::deb, "amd64");
  const LoadedIndex cold = load_index(first, index, cache);
  EXPECT_FALSE(cold.from_cache);
  EXPECT_EQ(cold.packages, 17);
  EXPECT_EQ(cold.checksum.size(), 64u);
  const std::string image = cold.checksum + "-apt-solv" + solv::Pool::library_version() + "-" +
                            std::string(solv_format_tag) + ".solv";
  EXPECT_TRUE(fs::exists(dir.path() / "cache" / image));

  solv::Pool second(solv::Disttype::deb, "amd64");
  const LoadedIndex warm = load_index(second, index, cache);
  EXPECT_TRUE(warm.from_cache);
  EXPECT_EQ(warm.packages, 17);
  // The extra fields survive the cache.
  const AptKeys keys = AptKeys::in(second);
  bool essential_seen = false;
  for (auto id : second.solvables()) {
    if (second.name(id) == "base-tool") {
      essential_seen = second.lookup_flag(id, keys.essential);
      EXPECT_EQ(second.lookup_string(id, keys.priority), "required");
      EXPECT_EQ(second.lookup_string(id, keys.source_name), "toolsrc");
    }
  }
  EXPECT_TRUE(essential_seen);

  // New content: a new checksum, parsed again.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_file(index, lz4_compress(read_file(mini() / "Packages") +
                                 "\nPackage: added\nVersion: 1\nArchitecture: all\n"));
  solv::Pool third(solv::Disttype::deb, "amd64");
  const LoadedIndex changed = load_index(third, index, cache);
  EXPECT_FALSE(changed.from_cache);
  EXPECT_NE(changed.checksum, cold.checksum);
  EXPECT_EQ(changed.packages, 18);
  // No cache at all.
  solv::Pool fourth(solv::Disttype::deb, "amd64");
  EXPECT_EQ(load_index(fourth, index, CacheSettings{}).packages, 18);
}

TEST(Cache, LocationFromOptionEnvironmentAndXdg) {
  EXPECT_EQ(CacheSettings::resolve(fs::path("/x")).directory, fs::path("/x"));
  ::setenv("LOCIDEP_CACHE_DIR", "/from-env", 1);
  EXPECT_EQ(CacheSettings::resolve(std::nullopt).directory, fs::path("/from-env"));
  ::unsetenv("LOCIDEP_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/xdg", 1);
  EXPECT_EQ(CacheSettings::resolve(std::nullopt).directory, fs::path("/xdg/locidep"));
  ::unsetenv("XDG_CACHE_HOME");
}

TEST(BaseImage, OnlyReallyInstalledStanzasAndAutoMarks) {
  const BaseImage base = read_base_status(mini() / "status", mini() / "extended_states", "amd64");
  EXPECT_EQ(base.installed_count, 2);
  EXPECT_EQ(base.installed_stanzas.find("old-config"), std::string::npos);
  EXPECT_EQ(base.installed_stanzas.find("Package: half"), std::string::npos);
  EXPECT_TRUE(base.auto_installed.contains({"base-tool-data", "amd64"}));
  EXPECT_TRUE(is_installed_status("install ok installed"));
  EXPECT_TRUE(is_installed_status("hold ok installed"));
  EXPECT_FALSE(is_installed_status("deinstall ok config-files"));
  EXPECT_THROW(read_base_status(mini() / "missing", std::nullopt, "amd64"), Error);

  TempDir root;
  fs::create_directories(root.path() / "var/lib/dpkg");
  fs::copy_file(mini() / "status", root.path() / "var/lib/dpkg/status");
  EXPECT_FALSE(read_base_root(root.path(), "amd64").has_extended_states);
  fs::create_directories(root.path() / "var/lib/apt");
  fs::copy_file(mini() / "extended_states", root.path() / "var/lib/apt/extended_states");
  EXPECT_TRUE(read_base_root(root.path(), "amd64").has_extended_states);
  EXPECT_THROW(read_base_root(root.path() / "nothing", "amd64"), Error);
}

}  // namespace
}  // namespace locidep::apt
