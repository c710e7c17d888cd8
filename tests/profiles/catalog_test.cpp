// The catalogue: the bundled profiles/data/distros.yaml, lookups, and the
// errors a broken catalogue gives.
//
// Error cases are fixtures: fixtures/profiles/catalog/<case>/distros.yaml with
// expected-error beside it (line 1 "LINE:COL", line 2 text the message must
// contain). A case without expected-error must load.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "fixture_paths.hpp"
#include "profiles/profiles.hpp"

namespace locidep::profiles {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

std::filesystem::path source_catalog_dir() {
  return std::filesystem::path(LOCIDEP_SOURCE_DIR) / "profiles" / "data";
}

const Catalog& bundled() {
  static const Catalog catalog = Catalog::load(source_catalog_dir());
  return catalog;
}

std::vector<std::string> with_prefix(std::initializer_list<const char*> profiles) {
  std::vector<std::string> atoms;
  for (const char* profile : profiles) atoms.push_back(std::string("platform:") + profile);
  return atoms;
}

TEST(Catalog, BundledCatalogueLoads) {
  const Catalog& catalog = bundled();
  std::vector<std::string> ids;
  for (const Distro& distro : catalog.distros()) ids.push_back(distro.id);
  for (const char* id : {"ubuntu-jammy", "ubuntu-noble", "debian-bookworm", "debian-trixie",
                         "centos-stream-9", "rocky-9", "fedora-40", "opensuse-leap-15.5",
                         "opensuse-leap-15.6", "opensuse-tumbleweed", "sles-15"}) {
    EXPECT_THAT(ids, Contains(id));
  }
  EXPECT_EQ(catalog.directory(), source_catalog_dir());
}

TEST(Catalog, EveryDistroIsComplete) {
  for (const Distro& distro : bundled().distros()) {
    SCOPED_TRACE(distro.id);
    EXPECT_FALSE(distro.name.empty());
    EXPECT_FALSE(distro.base_image.empty());
    EXPECT_FALSE(distro.os_release.get("id").empty());
    EXPECT_FALSE(distro.os_release.get("version_id").empty());
    EXPECT_FALSE(distro.os_release.get("pretty_name").empty());
    EXPECT_EQ(distro.architecture, distro.backend == Backend::apt ? "amd64" : "x86_64");
    EXPECT_EQ(distro.platform.atoms, derive_platform(distro.os_release).atoms);
    EXPECT_EQ(distro.platform.family,
              distro.backend == Backend::apt ? PackageFamily::dpkg : PackageFamily::rpm);
  }
}

struct ExpectedDistro {
  const char* id;
  Backend backend;
  const char* base_image;
  std::vector<std::string> atoms;
};

TEST(Catalog, AtomsOfEveryDistro) {
  const std::vector<ExpectedDistro> expected = {
      {"ubuntu-jammy", Backend::apt, "ubuntu:22.04",
       with_prefix({"dpkg", "ubuntu", "ubuntu-22", "ubuntu-22.04", "ubuntu-jammy"})},
      {"ubuntu-noble", Backend::apt, "ubuntu:24.04",
       with_prefix({"dpkg", "ubuntu", "ubuntu-24", "ubuntu-24.04", "ubuntu-noble"})},
      {"debian-bookworm", Backend::apt, "debian:bookworm",
       with_prefix({"debian", "debian-12", "debian-bookworm", "dpkg"})},
      {"debian-trixie", Backend::apt, "debian:trixie",
       with_prefix({"debian", "debian-13", "debian-trixie", "dpkg"})},
      {"centos-stream-9", Backend::dnf, "quay.io/centos/centos:stream9",
       with_prefix({"centos", "centos-9", "redhat", "rpm"})},
      {"rocky-9", Backend::dnf, "rockylinux:9",
       with_prefix(
           {"redhat", "rocky", "rocky-9", "rocky-9.3", "rocky-blue", "rocky-blue-onyx", "rpm"})},
      {"fedora-40", Backend::dnf, "fedora:40",
       with_prefix({"fedora", "fedora-40", "redhat", "rpm"})},
      {"opensuse-leap-15.5", Backend::zypper, "opensuse/leap:15.5",
       with_prefix({"opensuse", "opensuse-15", "opensuse-15.5", "opensuseproject",
                    "opensuseproject-15", "opensuseproject-15.5", "rpm", "suse"})},
      {"opensuse-leap-15.6", Backend::zypper, "opensuse/leap:15.6",
       with_prefix({"opensuse", "opensuse-15", "opensuse-15.6", "opensuseproject",
                    "opensuseproject-15", "opensuseproject-15.6", "rpm", "suse"})},
      {"opensuse-tumbleweed", Backend::zypper, "opensuse/tumbleweed",
       with_prefix({"opensuse", "opensuse-20240301", "opensuse-tumbleweed",
                    "opensuse-tumbleweed-20240301", "opensuseproject", "opensuseproject-20240301",
                    "rpm", "suse"})},
      {"sles-15", Backend::zypper, "registry.suse.com/suse/sle15:15.5",
       with_prefix({"rpm", "sles", "sles-15", "sles-15.5", "suse", "suselinux", "suselinux-15",
                    "suselinux-15.5"})},
  };
  for (const ExpectedDistro& want : expected) {
    SCOPED_TRACE(want.id);
    const Distro& distro = bundled().find(want.id);
    EXPECT_EQ(distro.backend, want.backend);
    EXPECT_EQ(distro.base_image, want.base_image);
    EXPECT_EQ(distro.platform.atoms, want.atoms);
  }
}

TEST(Catalog, OpensuseLeap156Facts) {
  const Distro& leap = bundled().find("opensuse-leap-15.6");
  EXPECT_EQ(leap.os_release.get("id"), "opensuse-leap");
  EXPECT_EQ(leap.os_release.get("version_id"), "15.6");
  EXPECT_EQ(leap.platform.distro_id, "opensuse");
  EXPECT_EQ(leap.name, "openSUSE Leap 15.6");
}

TEST(Catalog, FedoraHasNoCodenameAtoms) {
  const Distro& fedora = bundled().find("fedora");
  EXPECT_EQ(fedora.platform.codename, "");
  EXPECT_THAT(fedora.platform.atoms, Not(Contains("platform:fedora-container")));
}

TEST(Catalog, Aliases) {
  const Catalog& catalog = bundled();
  EXPECT_EQ(catalog.find("ubuntu").id, "ubuntu-noble");
  EXPECT_EQ(catalog.find("debian").id, "debian-bookworm");
  EXPECT_EQ(catalog.find("centos").id, "centos-stream-9");
  EXPECT_EQ(catalog.find("rocky").id, "rocky-9");
  EXPECT_EQ(catalog.find("fedora").id, "fedora-40");
  EXPECT_EQ(catalog.find("opensuse").id, "opensuse-leap-15.6");
  EXPECT_EQ(catalog.find("suse").id, "opensuse-leap-15.6");
  EXPECT_EQ(catalog.find("ubuntu-jammy").id, "ubuntu-jammy");
  // LOCI's SUSE case branch: opensuse, opensuse-leap, opensuse-tumbleweed, sles.
  for (const char* loci_id : {"opensuse", "opensuse-leap", "opensuse-tumbleweed", "sles"}) {
    SCOPED_TRACE(loci_id);
    const Distro& distro = catalog.find(loci_id);
    EXPECT_TRUE(distro.platform.has_atom("platform:rpm"));
    EXPECT_TRUE(distro.platform.has_atom("platform:suse"));
    EXPECT_EQ(distro.backend, Backend::zypper);
  }
}

TEST(Catalog, UnknownDistroListsTheKnownIds) {
  try {
    bundled().find("gentoo");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    EXPECT_FALSE(error.location().has_value());
    std::string known;
    for (const Distro& distro : bundled().distros())
      known += (known.empty() ? "" : ", ") + distro.id;
    EXPECT_EQ(std::string(error.what()), "unknown distro 'gentoo'; known: " + known);
    EXPECT_THAT(error.what(), HasSubstr("ubuntu-noble, debian-bookworm"));
  }
  EXPECT_THROW(bundled().find(""), Error);
  EXPECT_THROW(bundled().find("Ubuntu"), Error);
}

TEST(Catalog, ToStringNames) {
  EXPECT_STREQ(to_string(Backend::apt), "apt");
  EXPECT_STREQ(to_string(Backend::zypper), "zypper");
  EXPECT_STREQ(to_string(Backend::dnf), "dnf");
  EXPECT_STREQ(to_string(PackageFamily::rpm), "rpm");
}

TEST(Catalog, MissingDirectoryIsBadInputNamingTheFile) {
  try {
    Catalog::load(testing::fixtures_dir() / "catalog" / "no-such-case");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    EXPECT_THAT(error.render(), HasSubstr("no-such-case/distros.yaml"));
  }
}

// Sets an environment variable for the life of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(Catalog, LoadDefaultHonoursTheEnvironment) {
  const std::filesystem::path custom = testing::fixtures_dir() / "catalog" / "valid-minimal";
  {
    const ScopedEnv env("LOCIDEP_CATALOG_DIR", custom.string());
    const Catalog catalog = Catalog::load_default();
    ASSERT_EQ(catalog.distros().size(), 1u);
    EXPECT_EQ(catalog.find("pop").id, "pop-22.04");
    EXPECT_EQ(catalog.directory(), custom);
  }
  {
    const ScopedEnv env("LOCIDEP_CATALOG_DIR", "");  // empty: as if unset
    const Catalog catalog = Catalog::load_default();
    EXPECT_EQ(catalog.find("ubuntu").id, "ubuntu-noble");
  }
}

// The parse kept in a cache folder gives the same distros; a changed
// distros.yaml is parsed again; a damaged cache file is replaced.
std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Catalog, CachedParseIsTheSameAndFollowsTheYaml) {
  namespace fs = std::filesystem;
  const fs::path work =
      fs::temp_directory_path() / ("locidep-catalog-cache-" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work / "catalog");
  fs::copy_file(source_catalog_dir() / "distros.yaml", work / "catalog" / "distros.yaml");
  const fs::path cache = work / "cache";
  const auto same = [](const Catalog& a, const Catalog& b) {
    ASSERT_EQ(a.distros().size(), b.distros().size());
    for (std::size_t i = 0; i < a.distros().size(); ++i) {
      const Distro& x = a.distros()[i];
      const Distro& y = b.distros()[i];
      EXPECT_EQ(x.id, y.id);
      EXPECT_EQ(x.aliases, y.aliases);
      EXPECT_EQ(x.name, y.name);
      EXPECT_EQ(x.backend, y.backend);
      EXPECT_EQ(x.architecture, y.architecture);
      EXPECT_EQ(x.base_image, y.base_image);
      EXPECT_EQ(x.os_release.fields, y.os_release.fields);
      EXPECT_EQ(x.platform.atoms, y.platform.atoms);
      EXPECT_EQ(x.platform.family, y.platform.family);
      EXPECT_EQ(x.repositories, y.repositories);
      EXPECT_EQ(x.base_status, y.base_status);
      EXPECT_EQ(x.base_packages, y.base_packages);
      EXPECT_EQ(x.names, y.names);
    }
  };
  const Catalog parsed = Catalog::load(work / "catalog");
  const Catalog cold = Catalog::load_cached(work / "catalog", cache);
  same(parsed, cold);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(cache)) files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  same(parsed, Catalog::load_cached(work / "catalog", cache));  // warm, from the JSON
  {  // an edit of the cached entry is not believed: the YAML is parsed again
    // and the entry rewritten (common/cache_entry.hpp)
    const std::string written = read_whole(files.front());
    std::string edited = written;
    const auto at = edited.find(parsed.distros().front().name);
    ASSERT_NE(at, std::string::npos);
    edited.replace(at, parsed.distros().front().name.size(), "edited in the cache");
    std::ofstream(files.front(), std::ios::trunc | std::ios::binary) << edited;
    same(parsed, Catalog::load_cached(work / "catalog", cache));
    EXPECT_TRUE(read_whole(files.front()) == written) << "the edited entry was not rewritten";
  }

  // A new distros.yaml (other size and time): the cache must not answer.
  fs::copy_file(testing::fixtures_dir() / "catalog" / "valid-minimal" / "distros.yaml",
                work / "catalog" / "distros.yaml", fs::copy_options::overwrite_existing);
  const Catalog changed = Catalog::load_cached(work / "catalog", cache);
  same(Catalog::load(work / "catalog"), changed);
  EXPECT_EQ(changed.distros().size(), 1u);

  for (const auto& entry : fs::directory_iterator(cache))
    std::ofstream(entry.path(), std::ios::trunc) << "{";
  same(Catalog::load(work / "catalog"), Catalog::load_cached(work / "catalog", cache));
  fs::remove_all(work);
}

TEST(Catalog, UserCatalogueInModernMode) {
  const Catalog catalog = Catalog::load(testing::fixtures_dir() / "catalog" / "valid-minimal");
  EXPECT_EQ(catalog.find("pop").platform.atoms,
            with_prefix({"dpkg", "pop", "pop-22", "pop-22.04", "pop-jammy"}));
}

// --- broken catalogues -----------------------------------------------------

std::vector<std::string> catalog_cases() {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::fixtures_dir() / "catalog")) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "expected-error")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BrokenCatalog : public ::testing::TestWithParam<std::string> {};

TEST_P(BrokenCatalog, ReportsWhereAndWhat) {
  const std::filesystem::path dir = testing::fixtures_dir() / "catalog" / GetParam();
  std::ifstream expected_file(dir / "expected-error");
  std::string position;
  std::string message;
  std::getline(expected_file, position);
  std::getline(expected_file, message);
  try {
    Catalog::load(dir);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    ASSERT_TRUE(error.location().has_value()) << error.what();
    EXPECT_EQ(error.location()->file, (dir / "distros.yaml").string());
    EXPECT_EQ(
        std::to_string(error.location()->line) + ":" + std::to_string(error.location()->column),
        position)
        << error.render();
    EXPECT_THAT(error.what(), HasSubstr(message));
    EXPECT_THAT(error.render(), HasSubstr("distros.yaml:" + position + ": error: "));
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BrokenCatalog, ::testing::ValuesIn(catalog_cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace locidep::profiles
