// Every cache entry is checked before it is used (common/cache_entry.hpp):
// for each entry a cold run writes, a flipped byte, a truncation and another
// entry's valid file copied over it leave the answer as the cold one and the
// entry rebuilt as it was. Also: unsatisfiable requests answer the same cold
// and warm, a sound but wrong entry is caught by the retry from sources, and
// cache writes that fail leave no temporary files behind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/digest.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;

const fs::path bookworm = fs::path(LOCIDEP_SOURCE_DIR) / "profiles/data/repos/debian-bookworm";

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Every file under DIRECTORY, by its path relative to it.
std::map<fs::path, std::string> snapshot(const fs::path& directory) {
  std::map<fs::path, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file())
      files[entry.path().lexically_relative(directory)] = read_file(entry.path());
  }
  return files;
}

void restore(const fs::path& directory, const std::map<fs::path, std::string>& files) {
  fs::remove_all(directory);
  for (const auto& [name, bytes] : files) {
    fs::create_directories((directory / name).parent_path());
    write_bytes(directory / name, bytes);
  }
}

ProcessResult run(std::vector<std::string> arguments, const fs::path& cache) {
  arguments.push_back("--cache-dir");
  arguments.push_back(cache.string());
  return run_process(LOCIDEP_BINARY, arguments);
}

void expect_same(const ProcessResult& actual, const ProcessResult& expected,
                 const std::string& what) {
  EXPECT_EQ(actual.exit_code, expected.exit_code) << what;
  EXPECT_EQ(actual.out, expected.out) << what;
  EXPECT_EQ(actual.err, expected.err) << what;
}

// The other entry of the same kind (same folder and extension) whose bytes
// differ, else any other entry whose bytes differ.
std::optional<fs::path> swap_partner(const std::map<fs::path, std::string>& files,
                                     const fs::path& name) {
  std::optional<fs::path> any;
  for (const auto& [other, bytes] : files) {
    if (other == name || bytes == files.at(name)) continue;
    if (other.parent_path() == name.parent_path() && other.extension() == name.extension())
      return other;
    if (!any) any = other;
  }
  return any;
}

// Whether ENTRY is a whole cache entry of the same kind and source as
// ORIGINAL. Not always byte for byte the same: a .solv image written from a
// pool that other images were loaded into numbers its strings otherwise.
bool rebuilt_as(const std::string& entry, const std::string& original) {
  const auto fields = [](const std::string& bytes) {
    std::istringstream header(bytes.substr(0, bytes.find('\n')));
    std::vector<std::string> words;
    for (std::string word; header >> word;) words.push_back(word);
    return words;
  };
  const auto now = fields(entry);
  const auto was = fields(original);
  if (now.size() != 5 || was.size() != 5) return false;
  if (now[0] != was[0] || now[1] != was[1] || now[2] != was[2]) return false;
  const std::string payload = entry.substr(entry.find('\n') + 1);
  return sha256_hex(payload) == now[3] && std::to_string(payload.size()) == now[4];
}

class DamagedEntry : public testing::TestWithParam<std::vector<std::string>> {};

TEST_P(DamagedEntry, AnswerIsTheColdOneAndTheEntryIsRebuilt) {
  TempDir dir;
  const fs::path cache = dir.path() / "cache";
  const ProcessResult cold = run(GetParam(), cache);
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  const auto written = snapshot(cache);
  ASSERT_GE(written.size(), 3u);
  for (const auto& [name, bytes] : written) {
    const std::map<std::string, std::string> damages = [&] {
      std::map<std::string, std::string> result;
      std::string flipped = bytes;
      flipped[flipped.size() * 2 / 3] ^= 0x20;
      result["flipped byte"] = flipped;
      result["truncated"] = bytes.substr(0, bytes.size() - 1 - bytes.size() / 3);
      if (const auto partner = swap_partner(written, name))
        result["swapped with " + partner->string()] = written.at(*partner);
      return result;
    }();
    for (const auto& [damage, damaged] : damages) {
      restore(cache, written);
      write_bytes(cache / name, damaged);
      const std::string what = name.string() + " " + damage;
      expect_same(run(GetParam(), cache), cold, what);
      EXPECT_TRUE(rebuilt_as(read_file(cache / name), bytes)) << what << ": not rebuilt";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Caches, DamagedEntry,
    testing::Values(std::vector<std::string>{"resolve", "--distro", "debian-bookworm", "openssl"},
                    std::vector<std::string>{"resolve", "--distro", "centos-stream-9", "openssl"},
                    std::vector<std::string>{"resolve", "--distro", "opensuse", "openssl"}));

std::vector<std::string> unsatisfiable(const std::string& package) {
  return {"resolve",
          "--distro",
          "debian-bookworm",
          "--repo",
          bookworm.string(),
          "--repo",
          (fs::path(LOCIDEP_FIXTURES_DIR) / "cache" / "Packages").string(),
          "--base-status",
          (bookworm / "base-status").string(),
          package};
}

// The problem names the same missing dependency whether the pool was read
// from Packages text (cold) or from .solv images (warm).
TEST(Unsatisfiable, SameAnswerColdAndWarm) {
  for (const std::string package : {"needs-many", "needs-conflict"}) {
    TempDir dir;
    const ProcessResult cold = run(unsatisfiable(package), dir.path());
    EXPECT_EQ(cold.exit_code, 2) << cold.err;
    EXPECT_NE(cold.err.find("cannot be satisfied"), std::string::npos) << cold.err;
    expect_same(run(unsatisfiable(package), dir.path()), cold, package + " warm");
    expect_same(run(unsatisfiable(package), dir.path()), cold, package + " warm again");
  }
}

// An entry that is sound (its header matches) but holds another
// repository's image: the solve fails on it, and is tried again from the
// sources before a problem is reported; the entry is rewritten.
TEST(SoundButWrongEntry, IsCaughtByTheRetryFromSources) {
  TempDir dir;
  const fs::path cache = dir.path() / "cache";
  const std::vector<std::string> request{"resolve", "--distro", "debian-bookworm", "openssl"};
  const ProcessResult cold = run(request, cache);
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  fs::path index_image, base_image;
  for (const auto& entry : fs::directory_iterator(cache)) {
    if (entry.path().extension() != ".solv") continue;
    (entry.path().filename().string().starts_with("base-") ? base_image : index_image) =
        entry.path();
  }
  ASSERT_FALSE(index_image.empty() || base_image.empty());
  const std::string original = read_file(index_image);
  const std::string other = read_file(base_image);
  // The index's header (kind, source) over the base image's payload.
  std::istringstream header(original.substr(0, original.find('\n')));
  std::string magic, kind, source;
  header >> magic >> kind >> source;
  const std::string payload = other.substr(other.find('\n') + 1);
  write_bytes(index_image, magic + " " + kind + " " + source + " " + sha256_hex(payload) + " " +
                               std::to_string(payload.size()) + "\n" + payload);
  expect_same(run(request, cache), cold, "forged entry");
  EXPECT_TRUE(read_file(index_image) == original) << "the forged entry was not rewritten";
}

// Writes that fail half-way (here: a file size limit of 8 KiB, so the small
// memos are written and the images are not) leave no temporary files, and
// the answer is still the cold one.
TEST(FailedCacheWrite, LeavesNoTemporaryFiles) {
  TempDir dir;
  const ProcessResult expected =
      run({"resolve", "--distro", "debian-bookworm", "openssl"}, dir.path() / "unlimited");
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  const fs::path cache = dir.path() / "limited";
  for (int attempt = 0; attempt < 2; ++attempt) {
    const ProcessResult limited = run_process(
        "bash", {"-c", "ulimit -f 8; trap '' XFSZ; exec \"$@\"", "bash", LOCIDEP_BINARY, "resolve",
                 "--distro", "debian-bookworm", "openssl", "--cache-dir", cache.string()});
    expect_same(limited, expected, "with a file size limit");
    for (const auto& entry : fs::recursive_directory_iterator(cache)) {
      const std::string name = entry.path().filename().string();
      EXPECT_FALSE(name.starts_with(".") || name.find("partial") != std::string::npos ||
                   name.find(".tmp") != std::string::npos)
          << "left behind: " << entry.path();
    }
  }
}

}  // namespace
}  // namespace locidep::test
