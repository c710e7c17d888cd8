// derive_platform: bindep's own detection tests (test_depends.py, e48cd51)
// re-expressed over os-release fixtures, then every fixture under
// fixtures/profiles/osrel/ against the atoms beside it.
//
// A fixture is a directory laid out as an image root (etc/os-release or
// usr/lib/os-release) with either
//   expected-atoms   the platform atoms, one a line, sorted
//   expected-family  dpkg | rpm | emerge | pacman | apk | unknown
// or
//   expected-error   text the error message must contain.
// The expected files were produced by python-distro 1.8.0 and a
// transcription of bindep's platform_profiles (modern mode).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "fixture_paths.hpp"
#include "profiles/profiles.hpp"

namespace locidep::profiles {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::filesystem::path osrel_fixture(const std::string& name) {
  return testing::fixtures_dir() / "osrel" / name;
}

Platform platform_of_fixture(const std::string& name) {
  const auto os_release = read_os_release(osrel_fixture(name));
  if (!os_release) throw std::runtime_error("fixture without os-release: " + name);
  return derive_platform(*os_release);
}

std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// --- test_depends.py, one test each -------------------------------------

TEST(BindepDetection, PlatformProfilesSucceeds) {
  EXPECT_FALSE(platform_of_fixture("ubuntu-xenial").atoms.empty());
}

TEST(BindepDetection, DetectsUnknown) {
  const Platform platform = platform_of_fixture("unknown");
  EXPECT_THAT(platform.atoms, Contains("platform:unknown"));
  EXPECT_EQ(platform.family, PackageFamily::unknown);
}

TEST(BindepDetection, DetectsAmazonLinux) {
  EXPECT_THAT(platform_of_fixture("amazon-ami").atoms, Contains("platform:amazonami"));
}

TEST(BindepDetection, DetectsCentos) {
  const Platform platform = platform_of_fixture("centos-7");
  EXPECT_THAT(platform.atoms, Contains("platform:centos"));
  EXPECT_THAT(platform.atoms, Contains("platform:redhat"));
}

TEST(BindepDetection, DetectsRhel) {
  const Platform platform = platform_of_fixture("rhel-server-7.0");
  EXPECT_THAT(platform.atoms, Contains("platform:redhatenterpriseserver"));
  EXPECT_THAT(platform.atoms, Contains("platform:rhel"));
  EXPECT_THAT(platform.atoms, Contains("platform:redhat"));
}

TEST(BindepDetection, DetectsRhelWorkstation) {
  const Platform platform = platform_of_fixture("rhel-workstation-7.3");
  EXPECT_THAT(platform.atoms, Contains("platform:redhatenterpriseworkstation"));
  EXPECT_THAT(platform.atoms, Contains("platform:rhel"));
  EXPECT_THAT(platform.atoms, Contains("platform:redhat"));
}

TEST(BindepDetection, DetectsFedora) {
  const Platform platform = platform_of_fixture("fedora-23");
  EXPECT_THAT(platform.atoms, Contains("platform:fedora"));
  EXPECT_THAT(platform.atoms, Contains("platform:redhat"));
}

TEST(BindepDetection, DetectsOpensuseProject) {
  for (const char* fixture : {"opensuse-42.1", "opensuseproject-42.1"}) {
    SCOPED_TRACE(fixture);
    const Platform platform = platform_of_fixture(fixture);
    EXPECT_THAT(platform.atoms, Contains("platform:opensuseproject"));
    EXPECT_THAT(platform.atoms, Contains("platform:opensuse"));
    EXPECT_THAT(platform.atoms, Contains("platform:opensuseproject-42.1"));
    EXPECT_THAT(platform.atoms, Contains("platform:suse"));
  }
}

TEST(BindepDetection, DetectsOpensuse) {
  const Platform platform = platform_of_fixture("opensuse-42.1");
  EXPECT_THAT(platform.atoms, Contains("platform:opensuse"));
  EXPECT_THAT(platform.atoms, Contains("platform:suse"));
}

TEST(BindepDetection, DetectsOpensuseLeap15) {
  const Platform platform = platform_of_fixture("opensuse-leap-15.0");
  EXPECT_THAT(platform.atoms, Contains("platform:opensuse"));
  EXPECT_THAT(platform.atoms, Contains("platform:suse"));
  // python-distro normalises the id: Leap 15 never says opensuse-leap.
  EXPECT_THAT(platform.atoms, Not(Contains("platform:opensuse-leap")));
  EXPECT_EQ(platform.distro_id, "opensuse");
}

TEST(BindepDetection, DetectsSuseLinux) {
  const Platform platform = platform_of_fixture("sles-12.3");
  EXPECT_THAT(platform.atoms, Contains("platform:suselinux"));
  EXPECT_THAT(platform.atoms, Contains("platform:suse"));
}

TEST(BindepDetection, DetectsUbuntu) {
  EXPECT_THAT(platform_of_fixture("ubuntu-xenial").atoms, Contains("platform:ubuntu"));
}

TEST(BindepDetection, DetectsAlpine) {
  EXPECT_THAT(platform_of_fixture("alpine-3.7").atoms, Contains("platform:alpine"));
}

TEST(BindepDetection, DetectsRelease) {
  EXPECT_THAT(platform_of_fixture("ubuntu-xenial").atoms, Contains("platform:ubuntu-16"));
}

TEST(BindepDetection, DetectsSubrelease) {
  EXPECT_THAT(platform_of_fixture("ubuntu-xenial").atoms, Contains("platform:ubuntu-16.04"));
}

TEST(BindepDetection, DetectsCodename) {
  EXPECT_THAT(platform_of_fixture("ubuntu-xenial").atoms, Contains("platform:ubuntu-xenial"));
}

void expect_rpm(const std::string& fixture) {
  const Platform platform = platform_of_fixture(fixture);
  EXPECT_THAT(platform.atoms, Contains("platform:rpm"));
  EXPECT_EQ(platform.family, PackageFamily::rpm);
}

TEST(BindepDetection, CentosImpliesRpm) { expect_rpm("centos-7"); }
TEST(BindepDetection, RhelImpliesRpm) { expect_rpm("rhel-server-7.0"); }
TEST(BindepDetection, FedoraImpliesRpm) { expect_rpm("fedora-23"); }
TEST(BindepDetection, OpensuseProjectImpliesRpm) { expect_rpm("opensuseproject-42.1"); }
TEST(BindepDetection, OpensuseImpliesRpm) { expect_rpm("opensuse-42.1"); }
TEST(BindepDetection, OpensuseLeap15ImpliesRpm) { expect_rpm("opensuse-leap-15.0"); }
TEST(BindepDetection, SuseLinuxImpliesRpm) { expect_rpm("sles-12.3"); }

TEST(BindepDetection, UbuntuImpliesDpkg) {
  const Platform platform = platform_of_fixture("ubuntu-xenial");
  EXPECT_THAT(platform.atoms, Contains("platform:dpkg"));
  EXPECT_EQ(platform.family, PackageFamily::dpkg);
}

TEST(BindepDetection, AlpineImpliesApk) {
  const Platform platform = platform_of_fixture("alpine-3.7");
  EXPECT_THAT(platform.atoms, Contains("platform:apk"));
  EXPECT_EQ(platform.family, PackageFamily::apk);
}

TEST(BindepDetection, ArchImpliesPacman) {
  const Platform platform = platform_of_fixture("arch");
  EXPECT_THAT(platform.atoms, Contains("platform:pacman"));
  EXPECT_EQ(platform.family, PackageFamily::pacman);
}

// --- every fixture, whole atom lists -------------------------------------

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(testing::fixtures_dir() / "osrel")) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class OsReleaseFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(OsReleaseFixture, GivesTheExpectedPlatform) {
  const std::filesystem::path dir = osrel_fixture(GetParam());
  const auto os_release = read_os_release(dir);
  ASSERT_TRUE(os_release.has_value()) << dir << " has no os-release";
  if (std::filesystem::exists(dir / "expected-error")) {
    const std::vector<std::string> expected = read_lines(dir / "expected-error");
    ASSERT_FALSE(expected.empty());
    try {
      derive_platform(*os_release);
      FAIL() << "expected an error containing: " << expected.front();
    } catch (const Error& error) {
      EXPECT_THAT(error.what(), ::testing::HasSubstr(expected.front()));
    }
    return;
  }
  const Platform platform = derive_platform(*os_release);
  EXPECT_EQ(platform.atoms, read_lines(dir / "expected-atoms"));
  const std::vector<std::string> family = read_lines(dir / "expected-family");
  ASSERT_EQ(family.size(), 1u);
  EXPECT_EQ(to_string(platform.family), family.front());
  EXPECT_TRUE(std::is_sorted(platform.atoms.begin(), platform.atoms.end()));
  for (const std::string& atom : platform.atoms) EXPECT_TRUE(platform.has_atom(atom));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, OsReleaseFixture, ::testing::ValuesIn(fixture_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// --- direct cases ----------------------------------------------------------

OsRelease os(std::initializer_list<std::pair<const std::string, std::string>> fields) {
  return OsRelease{std::map<std::string, std::string>(fields)};
}

TEST(DerivePlatform, MissingIdIsAnEnvironmentError) {
  try {
    derive_platform(os({{"name", "Nameless"}, {"version_id", "1"}}));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::environment);
    EXPECT_THAT(error.what(), ::testing::StartsWith("Unable to determine distro ID"));
  }
  EXPECT_THROW(derive_platform(os({{"id", ""}})), Error);
}

TEST(DerivePlatform, FieldsOfThePlatform) {
  const Platform platform = derive_platform(os({{"id", "rocky"},
                                                {"version_id", "9.3"},
                                                {"version", "9.3 (Blue Onyx)"},
                                                {"name", "Rocky Linux"}}));
  EXPECT_EQ(platform.distro_id, "rocky");
  EXPECT_EQ(platform.codename, "blue onyx");
  EXPECT_EQ(platform.release, "9.3");
  EXPECT_EQ(platform.family, PackageFamily::rpm);
  EXPECT_EQ(platform.atoms,
            (std::vector<std::string>{"platform:redhat", "platform:rocky", "platform:rocky-9",
                                      "platform:rocky-9.3", "platform:rocky-blue",
                                      "platform:rocky-blue-onyx", "platform:rpm"}));
  EXPECT_FALSE(platform.has_atom("platform:rocky-blue-"));
}

// Versions python-distro finds in PRETTY_NAME when VERSION_ID is absent
// (values from python-distro 1.8.0's _parse_distro_release_content).
TEST(DerivePlatform, VersionFromPrettyName) {
  const auto release_of = [](const std::string& pretty_name) {
    return derive_platform(os({{"id", "x"}, {"pretty_name", pretty_name}})).release;
  };
  EXPECT_EQ(release_of("CentOS Linux release 7.1.1503 (Core)"), "7.1.1503");
  EXPECT_EQ(release_of("Red Hat Enterprise Linux Server release 6.5 (Santiago)"), "6.5");
  EXPECT_EQ(release_of("Ubuntu 16.04.4 LTS"), "16.04.4");
  EXPECT_EQ(release_of("SUSE Linux Enterprise Server 12 SP3"), "3");  // sic
  EXPECT_EQ(release_of("Debian GNU/Linux 12 (bookworm)"), "12");
  EXPECT_EQ(release_of("Arch Linux"), "");
  EXPECT_EQ(release_of("Alpine Linux v3.19"), "3.19");
  EXPECT_EQ(release_of("Foo 1.2-rc3 (Bar) (Baz)"), "1.2-rc3");
  EXPECT_EQ(release_of("  7  "), "");
  EXPECT_EQ(release_of("Linux 7 x"), "");
  EXPECT_EQ(release_of(""), "");
}

TEST(DerivePlatform, CodenameFromVersion) {
  const auto codename_of = [](const std::string& version) {
    return derive_platform(os({{"id", "x"}, {"version", version}})).codename;
  };
  EXPECT_EQ(codename_of("7 (Core)"), "core");
  EXPECT_EQ(codename_of("20.04.6 LTS (Focal Fossa)"), "focal fossa");
  EXPECT_EQ(codename_of("24, Twenty Four"), "twenty four");
  EXPECT_EQ(codename_of("15-SP5"), "");
  EXPECT_EQ(codename_of("1 (a) (b)"), "a) (b");
  EXPECT_EQ(codename_of("1 (a) 2 (b)"), "a");
  EXPECT_EQ(codename_of("1 (2)"), "");
  EXPECT_EQ(codename_of("1, 2"), " ");
}

TEST(DerivePlatform, VersionCodenameWinsEvenWhenEmpty) {
  EXPECT_EQ(
      derive_platform(
          os({{"id", "fedora"}, {"version", "40 (Container Image)"}, {"version_codename", ""}}))
          .codename,
      "");
  EXPECT_EQ(
      derive_platform(os({{"id", "x"}, {"version", "1 (A)"}, {"ubuntu_codename", "B"}})).codename,
      "b");
}

TEST(DerivePlatform, ReleaseSplitsOnEveryDot) {
  const Platform platform = derive_platform(os({{"id", "x"}, {"version_id", "1..2"}}));
  EXPECT_EQ(platform.atoms, (std::vector<std::string>{"platform:x", "platform:x-1", "platform:x-1.",
                                                      "platform:x-1..2"}));
}

TEST(DerivePlatform, ModernModeFamilies) {
  EXPECT_EQ(derive_platform(os({{"id", "almalinux"}, {"version_id", "9.3"}})).family,
            PackageFamily::rpm);
  EXPECT_EQ(derive_platform(os({{"id", "ol"}, {"version_id", "9.3"}})).distro_id, "oracle");
  EXPECT_EQ(derive_platform(os({{"id", "manjaro"}})).family, PackageFamily::pacman);
  EXPECT_EQ(derive_platform(os({{"id", "pop"}, {"version_id", "22.04"}})).family,
            PackageFamily::dpkg);
  EXPECT_EQ(derive_platform(os({{"id", "linuxmint"}, {"version_id", "21"}})).family,
            PackageFamily::unknown);
}

TEST(DerivePlatform, SuseAliases) {
  const Platform suselinux = derive_platform(os({{"id", "suselinux"}, {"version_id", "12.3"}}));
  EXPECT_THAT(suselinux.atoms, Contains("platform:sles-12.3"));
  EXPECT_THAT(suselinux.atoms, Contains("platform:suse"));
  const Platform tumbleweed =
      derive_platform(os({{"id", "opensuse-tumbleweed"}, {"version_id", "20240301"}}));
  EXPECT_THAT(tumbleweed.atoms, Contains("platform:opensuseproject-20240301"));
  EXPECT_THAT(tumbleweed.atoms, Contains("platform:opensuse-tumbleweed"));
  EXPECT_THAT(tumbleweed.atoms, Not(Contains("platform:redhat")));
}

TEST(DerivePlatform, RhelByLsbIdGetsTheShortAlias) {
  const Platform platform = derive_platform(
      os({{"id", "RedHatEnterpriseServer"}, {"version_id", "7.0"}, {"version", "7.0 (Maipo)"}}));
  EXPECT_THAT(platform.atoms, Contains("platform:redhatenterpriseserver-maipo"));
  EXPECT_THAT(platform.atoms, Contains("platform:rhel-7.0"));
  EXPECT_THAT(platform.atoms, Contains("platform:redhat"));
}

}  // namespace
}  // namespace locidep::profiles
