// Plans on the bundled Debian bookworm data: the contract of the purge set
// (property tests over every service), the Dockerfiles a real linter
// accepts, byte-identical lock files, atomic -o output, and the errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "backends/apt/base_image.hpp"
#include "backends/apt/index_reader.hpp"
#include "backends/apt/repository.hpp"
#include "backends/apt/resolver.hpp"
#include "backends/apt/stanza.hpp"
#include "common/error.hpp"
#include "planner/backends.hpp"
#include "planner/planner.hpp"
#include "planner/why.hpp"
#include "profiles/profiles.hpp"
#include "profiles/services.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;
using locidep::test::read_file;

fs::path temp_directory(const std::string& name) {
  const fs::path directory =
      fs::temp_directory_path() / ("locidep-plan-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(directory);
  fs::create_directories(directory);
  return directory;
}

class BundledDebianPlan : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    cache_ = new fs::path(temp_directory("cache"));
    const auto catalog = locidep::profiles::Catalog::load_default();
    distro_ = new locidep::profiles::Distro(catalog.find("debian-bookworm"));
    services_ = new locidep::profiles::ServiceCatalog(
        locidep::profiles::ServiceCatalog::load(catalog.directory()));
    locidep::planner::DataOptions data;
    data.cache_directory = *cache_;
    auto backend = locidep::planner::open_backend(*distro_, data);
    plan_ =
        new locidep::planner::Plan(locidep::planner::make_plan(*distro_, *services_, *backend, {}));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*cache_);
    delete plan_;
    delete services_;
    delete distro_;
    delete cache_;
  }
  static fs::path* cache_;
  static locidep::profiles::Distro* distro_;
  static locidep::profiles::ServiceCatalog* services_;
  static locidep::planner::Plan* plan_;
};
fs::path* BundledDebianPlan::cache_ = nullptr;
locidep::profiles::Distro* BundledDebianPlan::distro_ = nullptr;
locidep::profiles::ServiceCatalog* BundledDebianPlan::services_ = nullptr;
locidep::planner::Plan* BundledDebianPlan::plan_ = nullptr;

TEST_F(BundledDebianPlan, EveryCatalogueServiceIsPlanned) {
  ASSERT_EQ(plan_->services.size(), services_->services().size());
  for (const auto& service : plan_->services) {
    EXPECT_FALSE(service.install.empty()) << service.service;
    EXPECT_EQ(service.profiles.front(), service.service);
    EXPECT_EQ(service.profiles.back(), "bookworm") << "LOCI appends the codename";
  }
}

// Checksums and sizes come from the index itself: SHA256 and Installed-Size
// (KiB) of the stanza of the very version planned.
TEST_F(BundledDebianPlan, ChecksumsAndSizesAreTheIndexs) {
  auto field = [](std::string_view stanza, std::string_view name) {
    const std::string key = "\n" + std::string(name) + ": ";
    const auto at = stanza.find(key);
    if (at == std::string_view::npos) return std::string();
    const auto start = at + key.size();
    return std::string(stanza.substr(start, stanza.find('\n', start) - start));
  };
  std::map<std::string, std::pair<std::string, std::string>> index;  // name=version → (sha256, KiB)
  std::vector<std::string> texts;
  for (const auto& repository : distro_->repositories) {
    for (const auto& file : locidep::apt::find_package_indexes(repository)) {
      texts.push_back(locidep::apt::read_index_text(file));
      for (const auto& stanza : locidep::apt::scan_stanzas(texts.back())) {
        index[std::string(stanza.package) + "=" + std::string(stanza.version)] = {
            field(stanza.text, "SHA256"), field(stanza.text, "Installed-Size")};
      }
    }
  }
  std::size_t checked = 0;
  for (const auto& service : plan_->services) {
    for (const auto& item : service.install) {
      const auto found = index.find(item.name + "=" + item.version);
      ASSERT_NE(found, index.end())
          << item.name << "=" << item.version << " is not in the bundled index";
      EXPECT_EQ(item.checksum, "sha256:" + found->second.first) << item.name;
      EXPECT_EQ(item.installed_size, std::stoull(found->second.second) * 1024) << item.name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100U);
}

TEST_F(BundledDebianPlan, PurgeNeverTouchesRuntimeOrBasePackages) {
  const auto base = locidep::apt::read_base_status(distro_->base_status, std::nullopt, "amd64");
  locidep::apt::AptSystem system("amd64");
  for (const auto& repository : distro_->repositories) {
    system.add_repository(repository, locidep::CacheSettings{*cache_});
  }
  system.set_base(base);
  std::set<std::string> base_names;
  for (const auto& package : system.base_packages()) base_names.insert(package.name);

  for (const auto& service : plan_->services) {
    std::set<std::string> purged;
    for (const auto& item : service.purge) purged.insert(item.name);
    for (const auto& item : service.install) {
      if (item.role == locidep::planner::Role::runtime) {
        EXPECT_FALSE(purged.contains(item.name))
            << service.service << " purges runtime " << item.name;
      }
    }
    for (const auto& name : purged) {
      EXPECT_FALSE(base_names.contains(name)) << service.service << " purges base package " << name;
    }
    // What stays after the purge is a consistent system: every runtime
    // package still has everything it depends on.
    std::map<std::string, locidep::apt::PackageVersion> after;
    for (const auto& package : system.base_packages()) after[package.name] = package;
    for (const auto& item : service.install)
      after[item.name] = {item.name, item.version, item.arch};
    for (const auto& name : purged) after.erase(name);
    std::vector<locidep::apt::PackageVersion> remaining;
    for (const auto& [name, package] : after) remaining.push_back(package);
    EXPECT_EQ(system.unmet_dependencies(remaining), std::vector<std::string>{}) << service.service;
  }
}

TEST_F(BundledDebianPlan, BuildOnlyPackagesArePurgedUnlessKept) {
  for (const auto& service : plan_->services) {
    std::set<std::string> purged, kept;
    for (const auto& item : service.purge) purged.insert(item.name);
    for (const auto& item : service.kept) kept.insert(item.name);
    for (const auto& item : service.install) {
      if (item.direct && item.role == locidep::planner::Role::build &&
          item.previous_version.empty()) {
        EXPECT_TRUE(purged.contains(item.name) || kept.contains(item.name))
            << service.service << ": build package " << item.name << " neither purged nor kept";
      }
    }
  }
}

TEST_F(BundledDebianPlan, DirectPackagesNameTheirRule) {
  for (const auto& service : plan_->services) {
    for (const auto& item : service.install) {
      if (!item.direct) continue;
      EXPECT_TRUE(item.source == "bootstrap" ||
                  item.source.find("bindep.txt:") != std::string::npos)
          << service.service << ": " << item.name << " from " << item.source;
    }
  }
}

TEST_F(BundledDebianPlan, WhyNamesTheRuleOfEveryDirectPackageAndAChainForTheOthers) {
  for (const auto& service : plan_->services) {
    for (const auto& item : service.install) {
      const std::string answer = locidep::planner::explain(*plan_, service, item.name);
      if (item.direct) {
        EXPECT_NE(answer.find(item.source == "bootstrap" ? "bootstrap"
                                                         : item.source + "  " + item.rule_text),
                  std::string::npos)
            << service.service << ": " << answer;
      } else {
        EXPECT_NE(answer.find(" depends on "), std::string::npos)
            << service.service << ": " << answer;
      }
    }
  }
}

TEST(PlanCommand, DockerfilesPassTheLinter) {
  const fs::path linter = LOCIDEP_DOCKERLINTER;
  if (!fs::exists(linter)) {
    GTEST_SKIP() << "skipped: " << linter
                 << " is absent (scripts/install-deps.sh --oracles installs it)";
  }
  if (!locidep::test::have_program("shellcheck")) GTEST_SKIP() << "skipped: shellcheck is absent";
  const auto out = temp_directory("lint");
  const auto result = locidep::test::run_process(
      LOCIDEP_BINARY, {"plan", "--distro", "debian", "--format", "dockerfile", "-o", out.string(),
                       "--cache-dir", (out / "cache").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::size_t linted = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    if (!entry.path().filename().string().starts_with("Dockerfile.")) continue;
    const auto lint =
        locidep::test::run_process(linter.string(), {"-f", entry.path().string(), "-e", "warning"});
    EXPECT_EQ(lint.exit_code, 0) << entry.path() << "\n" << lint.out << lint.err;
    ++linted;
  }
  EXPECT_EQ(linted, 11u);
  fs::remove_all(out);
}

TEST(PlanCommand, SameInputsGiveByteIdenticalLockFiles) {
  const auto out = temp_directory("lock");
  const std::vector<std::string> arguments = {
      "plan", "--distro", "debian", "--format", "lock", "--cache-dir", (out / "cache").string()};
  const auto cold =
      locidep::test::run_process(LOCIDEP_BINARY, arguments);  // builds the .solv cache
  const auto warm = locidep::test::run_process(LOCIDEP_BINARY, arguments);  // reads it
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  EXPECT_EQ(cold.out, warm.out);
  EXPECT_NE(cold.out.find("sha256:"), std::string::npos) << "inputs are hashed";
  fs::remove_all(out);
}

TEST(PlanCommand, OutputDirectoryGetsOneFilePerServiceAndNoLeftovers) {
  const auto out = temp_directory("out");
  const auto result = locidep::test::run_process(
      LOCIDEP_BINARY,
      {"plan", "--distro", "debian", "--service", "nova", "--service", "keystone", "--format",
       "shell", "-o", (out / "plans").string(), "--cache-dir", (out / "cache").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(out / "plans"))
    files.insert(entry.path().filename().string());
  EXPECT_EQ(files, (std::set<std::string>{"keystone.sh", "nova.sh"}));
  EXPECT_TRUE(read_file(out / "plans" / "nova.sh").starts_with("#!/bin/sh\n"));
  fs::remove_all(out);
}

TEST(PlanCommand, UnknownServiceAndDistroAreBadInput) {
  const auto service = locidep::test::run_process(
      LOCIDEP_BINARY, {"plan", "--distro", "debian", "--service", "nope"});
  EXPECT_EQ(service.exit_code, 2);
  EXPECT_NE(service.err.find("unknown service 'nope'; known: cinder"), std::string::npos)
      << service.err;
  const auto distro = locidep::test::run_process(LOCIDEP_BINARY, {"plan", "--distro", "plan9"});
  EXPECT_EQ(distro.exit_code, 2);
  EXPECT_NE(distro.err.find("unknown distro 'plan9'"), std::string::npos) << distro.err;
}

TEST(PlanCommand, DistroWithoutDataSaysWhichOptionToUse) {
  const auto result =
      locidep::test::run_process(LOCIDEP_BINARY, {"plan", "--distro", "debian-trixie"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("has no bundled repository data"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("--repo"), std::string::npos) << result.err;
}

TEST(PlanCommand, UnsatisfiableRuleNamesTheFileAndLine) {
  const auto out = temp_directory("unsat");
  {
    std::ofstream rules(out / "bindep.txt");
    rules << "libxml2\nno-such-package-anywhere [nova]\n";
  }
  const auto result = locidep::test::run_process(
      LOCIDEP_BINARY, {"plan", "--distro", "debian", "--service", "nova", "-f",
                       (out / "bindep.txt").string(), "--cache-dir", (out / "cache").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no-such-package-anywhere"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("bindep.txt:2"), std::string::npos) << result.err;
  fs::remove_all(out);
}

TEST(PipConstraints, UpperConstraintsPinPipNames) {
  const auto out = temp_directory("constraints");
  {
    std::ofstream constraints(out / "upper-constraints.txt");
    constraints << "# "
                   "comment\nPyMySQL===1.1.1\nuwsgi===2.0.28;python_version>='3.8'\nfluent_logger=="
                   "0.11.1\n";
  }
  const auto pins = locidep::planner::read_constraints(out / "upper-constraints.txt");
  EXPECT_EQ(pins.at("pymysql"), "1.1.1");
  EXPECT_EQ(pins.at("uwsgi"), "2.0.28");
  EXPECT_EQ(pins.at("fluent-logger"), "0.11.1");
  fs::remove_all(out);
}

}  // namespace
