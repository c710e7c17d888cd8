// derive_platform against bindep's real answers: the table of
// bindep-spec.md §3 for every os-release under ../shared/golden/osrel/, and
// the "platform" field of every record of bindep-golden-public.jsonl.
// Skipped (with a message) when ../shared is not there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "fixture_paths.hpp"
#include "profiles/profiles.hpp"

namespace locidep::profiles {
namespace {

struct Expected {
  std::vector<std::string> profiles;  // without the "platform:" prefix
  PackageFamily family;
};

// bindep-spec.md §3, "Table (oracle `platforms` output, modern mode)", keyed
// by the osrel/ directory. ubuntu-focal is not in the table; its row follows
// the same rules as jammy's and noble's.
const std::map<std::string, Expected>& spec_table() {
  static const std::map<std::string, Expected> table = {
      {"ubuntu-focal",
       {{"dpkg", "ubuntu", "ubuntu-20", "ubuntu-20.04", "ubuntu-focal"}, PackageFamily::dpkg}},
      {"ubuntu-jammy",
       {{"dpkg", "ubuntu", "ubuntu-22", "ubuntu-22.04", "ubuntu-jammy"}, PackageFamily::dpkg}},
      {"ubuntu-noble",
       {{"dpkg", "ubuntu", "ubuntu-24", "ubuntu-24.04", "ubuntu-noble"}, PackageFamily::dpkg}},
      {"debian-bookworm",
       {{"debian", "debian-12", "debian-bookworm", "dpkg"}, PackageFamily::dpkg}},
      {"debian-trixie", {{"debian", "debian-13", "debian-trixie", "dpkg"}, PackageFamily::dpkg}},
      {"centos-stream-9", {{"centos", "centos-9", "redhat", "rpm"}, PackageFamily::rpm}},
      {"centos-7", {{"centos", "centos-7", "centos-core", "redhat", "rpm"}, PackageFamily::rpm}},
      {"rhel-9",
       {{"redhat", "rhel", "rhel-9", "rhel-9.3", "rhel-plow", "rpm"}, PackageFamily::rpm}},
      {"rocky-9",
       {{"redhat", "rocky", "rocky-9", "rocky-9.3", "rocky-blue", "rocky-blue-onyx", "rpm"},
        PackageFamily::rpm}},
      {"almalinux-9",
       {{"almalinux", "almalinux-9", "almalinux-9.3", "almalinux-shamrock",
         "almalinux-shamrock-pampas", "almalinux-shamrock-pampas-cat", "redhat", "rpm"},
        PackageFamily::rpm}},
      {"oracle-9", {{"oracle", "oracle-9", "oracle-9.3", "redhat", "rpm"}, PackageFamily::rpm}},
      {"fedora-40", {{"fedora", "fedora-40", "redhat", "rpm"}, PackageFamily::rpm}},
      {"opensuse-leap-15.5",
       {{"opensuse", "opensuse-15", "opensuse-15.5", "opensuseproject", "opensuseproject-15",
         "opensuseproject-15.5", "rpm", "suse"},
        PackageFamily::rpm}},
      {"opensuse-tumbleweed",
       {{"opensuse", "opensuse-20240301", "opensuse-tumbleweed", "opensuse-tumbleweed-20240301",
         "opensuseproject", "opensuseproject-20240301", "rpm", "suse"},
        PackageFamily::rpm}},
      {"sles-15",
       {{"rpm", "sles", "sles-15", "sles-15.5", "suse", "suselinux", "suselinux-15",
         "suselinux-15.5"},
        PackageFamily::rpm}},
      {"alpine-3.19",
       {{"alpine", "alpine-3", "alpine-3.19", "alpine-3.19.1", "apk"}, PackageFamily::apk}},
      {"arch", {{"arch", "arch-", "pacman"}, PackageFamily::pacman}},
      {"gentoo", {{"emerge", "gentoo", "gentoo-2", "gentoo-2.15"}, PackageFamily::emerge}},
      {"manjaro", {{"manjaro", "manjaro-", "pacman"}, PackageFamily::pacman}},
      {"pop-22.04", {{"dpkg", "pop", "pop-22", "pop-22.04", "pop-jammy"}, PackageFamily::dpkg}},
  };
  return table;
}

std::filesystem::path osrel_dir() { return testing::golden_dir() / "osrel"; }

bool have_golden() { return std::filesystem::is_directory(osrel_dir()); }

#define SKIP_WITHOUT_GOLDEN()                                                       \
  do {                                                                              \
    if (!have_golden())                                                             \
      GTEST_SKIP() << "no golden data at " << osrel_dir() << " (../shared absent)"; \
  } while (false)

TEST(GoldenOsRelease, EveryRootMatchesTheSpecTable) {
  SKIP_WITHOUT_GOLDEN();
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(osrel_dir())) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    const auto expected = spec_table().find(name);
    ASSERT_NE(expected, spec_table().end())
        << "golden root " << name << " has no row in the spec table";
    const auto os_release = read_os_release(entry.path());
    ASSERT_TRUE(os_release.has_value());
    const Platform platform = derive_platform(*os_release);
    std::vector<std::string> atoms;
    for (const std::string& profile : expected->second.profiles)
      atoms.push_back("platform:" + profile);
    EXPECT_EQ(platform.atoms, atoms);
    EXPECT_EQ(platform.family, expected->second.family);
    ++checked;
  }
  EXPECT_EQ(checked, spec_table().size()) << "a row of the spec table has no golden root";
}

TEST(GoldenOsRelease, EveryJsonlRecordsPlatformMatches) {
  SKIP_WITHOUT_GOLDEN();
  const std::filesystem::path jsonl = testing::golden_dir() / "bindep-golden-public.jsonl";
  std::ifstream in(jsonl);
  ASSERT_TRUE(in) << "cannot read " << jsonl;
  std::map<std::string, Platform> derived;
  std::size_t records = 0;
  std::size_t matching = 0;
  std::set<std::string> platform_names;
  std::size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty()) continue;
    const nlohmann::json record = nlohmann::json::parse(line);
    const std::string name = record.at("platform_name").get<std::string>();
    platform_names.insert(name);
    auto it = derived.find(name);
    if (it == derived.end()) {
      const auto os_release = read_os_release(osrel_dir() / name);
      ASSERT_TRUE(os_release.has_value()) << "no os-release for " << name;
      it = derived.emplace(name, derive_platform(*os_release)).first;
    }
    const auto expected = record.at("platform").get<std::vector<std::string>>();
    ++records;
    if (expected == it->second.atoms) {
      ++matching;
    } else {
      ADD_FAILURE() << jsonl << ":" << line_number << ": platform of " << name << " differs";
    }
  }
  EXPECT_GT(records, 0u);
  EXPECT_EQ(matching, records);
  std::cout << "[ golden   ] " << matching << "/" << records << " records match, over "
            << platform_names.size() << " platforms\n";
}

}  // namespace
}  // namespace locidep::profiles
