// Differential tests: every scenario of fixtures/apt/requests.txt (on the
// frozen bookworm snapshot, base = minbase) and fixtures/apt/noble-requests.txt
// (on the noble subset, base = a real noble debootstrap) is asked of the real
// apt-get and of locidep; the answers must be equal. Plus properties of every purge set
// that need no apt-get at all.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "backends/apt/base_image.hpp"
#include "backends/apt/resolver.hpp"
#include "backends/solv/solver.hpp"
#include "scenario.hpp"

namespace locidep::testing {
namespace {

namespace fs = std::filesystem;

// A scenario of one dataset: fixtures/apt/requests.txt runs on the bookworm
// snapshot, fixtures/apt/noble-requests.txt on the noble subset.
struct DataScenario {
  const AptDataset* dataset = nullptr;
  Scenario scenario;
};

void PrintTo(const DataScenario& param, std::ostream* out) {
  *out << param.dataset->name << " ";
  PrintTo(param.scenario, out);
}

std::vector<DataScenario> of_kind(Scenario::Kind kind) {
  std::vector<DataScenario> selected;
  const std::pair<const AptDataset*, const char*> files[] = {
      {&bookworm_dataset(), "requests.txt"}, {&noble_dataset(), "noble-requests.txt"}};
  for (const auto& [dataset, file] : files) {
    for (auto& scenario : read_scenarios(fs::path(LOCIDEP_FIXTURES_DIR) / "apt" / file)) {
      if (scenario.kind == kind) selected.push_back({dataset, std::move(scenario)});
    }
  }
  return selected;
}

// locidep's side: a dataset's indexes and base, loaded once per process.
apt::AptSystem* locidep_system(const AptDataset& dataset, std::string& why) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::unique_ptr<apt::AptSystem>, std::string>> made_for;
  const std::lock_guard lock(mutex);
  auto [slot, fresh] = made_for.try_emplace(dataset.name);
  if (fresh) {
    slot->second.second = missing_part(dataset);
    if (slot->second.second.empty()) {
      auto made = std::make_unique<apt::AptSystem>("amd64");
      // Content-addressed and written atomically: safe to share between processes.
      const CacheSettings settings{shared_work_dir("solv-cache", dataset)};
      for (const auto& [suite, file] : dataset.indexes) made->add_repository(file, settings);
      made->set_base(apt::read_base_status(dataset.base_status, std::nullopt, "amd64"));
      slot->second.first = std::move(made);
    }
  }
  why = slot->second.second;
  return slot->second.first.get();
}

std::set<std::string> install_set(const apt::ResolveResult& result) {
  std::set<std::string> set;
  for (const auto& entry : result.install) set.insert(entry.name + "=" + entry.version);
  return set;
}

std::set<std::string> purge_set(const apt::ResolveResult& result) {
  std::set<std::string> set;
  for (const auto& entry : result.purge) set.insert(entry.name + "=" + entry.version);
  return set;
}

std::string describe_problems(const apt::ResolveResult& result) {
  std::string text;
  for (const auto& problem : result.problems) {
    text += "  " + problem.subject + ": " + problem.message + "\n";
    for (const auto& detail : problem.details) text += "    " + detail + "\n";
  }
  return text;
}

std::string test_name(const ::testing::TestParamInfo<DataScenario>& info) {
  // Bookworm's names stay bare: fixtures/apt/testcases is named after them.
  std::string name =
      (info.param.dataset->name == "bookworm" ? "" : info.param.dataset->name + "_") +
      info.param.scenario.id;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

// When LOCIDEP_WRITE_TESTCASES is set, each scenario is also stored as small
// libsolv testcases under fixtures/apt/testcases/KIND-ID (see testcase_replay_test).
void maybe_write_testcases(apt::AptSystem& system, const DataScenario& param,
                           const apt::ResolveRequest& request, const apt::ResolveResult& full) {
  if (!std::getenv("LOCIDEP_WRITE_TESTCASES") || param.dataset->name != "bookworm") return;
  const Scenario& scenario = param.scenario;
  apt::AptSystem reduced = system.reduced_for(request);
  apt::ResolveRequest with_testcase = request;
  const char* kind = scenario.kind == Scenario::Kind::install ? "install-" : "purge-";
  with_testcase.testcase_directory =
      fs::path(LOCIDEP_FIXTURES_DIR) / "apt" / "testcases" / (kind + scenario.id);
  fs::remove_all(*with_testcase.testcase_directory);
  const apt::ResolveResult small = reduced.resolve(with_testcase);
  EXPECT_EQ(install_set(small), install_set(full)) << "the reduced universe answers differently";
  EXPECT_EQ(purge_set(small), purge_set(full)) << "the reduced universe answers differently";
}

class InstallAgainstApt : public ::testing::TestWithParam<DataScenario> {};

TEST_P(InstallAgainstApt, SameInstallSetOrBothRefuse) {
  const Scenario& scenario = GetParam().scenario;
  const AptDataset& dataset = *GetParam().dataset;
  std::string why;
  AptOracle* oracle = AptOracle::get(dataset, why);
  if (!oracle) GTEST_SKIP() << "cannot ask apt-get: " << why;
  apt::AptSystem* system = locidep_system(dataset, why);
  if (!system) GTEST_SKIP() << why;

  apt::ResolveRequest request;
  request.packages = scenario.packages;
  request.recommends = scenario.recommends;
  const apt::ResolveResult ours = system->resolve(request);
  const AptAnswer theirs = oracle->install(scenario.packages, scenario.recommends,
                                           dataset.base_status, oracle->empty_file());
  if (theirs.refused) {
    EXPECT_FALSE(ours.solved()) << "apt-get refuses but locidep installs " << ours.install.size()
                                << " packages; apt-get said:\n"
                                << theirs.output;
  } else {
    ASSERT_TRUE(ours.solved()) << "locidep refuses what apt-get installs:\n"
                               << describe_problems(ours);
    EXPECT_EQ(install_set(ours), theirs.packages)
        << describe_difference(install_set(ours), theirs.packages);
  }
  maybe_write_testcases(*system, GetParam(), request, ours);
}

INSTANTIATE_TEST_SUITE_P(Requests, InstallAgainstApt,
                         ::testing::ValuesIn(of_kind(Scenario::Kind::install)), test_name);

class PurgeAgainstApt : public ::testing::TestWithParam<DataScenario> {};

TEST_P(PurgeAgainstApt, SamePurgeSet) {
  const Scenario& scenario = GetParam().scenario;
  const AptDataset& dataset = *GetParam().dataset;
  std::string why;
  AptOracle* oracle = AptOracle::get(dataset, why);
  if (!oracle) GTEST_SKIP() << "cannot ask apt-get: " << why;
  apt::AptSystem* system = locidep_system(dataset, why);
  if (!system) GTEST_SKIP() << why;

  std::vector<std::string> all = scenario.packages;
  all.insert(all.end(), scenario.build.begin(), scenario.build.end());
  apt::ResolveRequest request;
  request.packages = all;
  request.purge = scenario.build;
  const apt::ResolveResult ours = system->resolve(request);
  ASSERT_TRUE(ours.solved()) << describe_problems(ours);

  const AptAnswer installed =
      oracle->install(all, false, dataset.base_status, oracle->empty_file());
  ASSERT_FALSE(installed.refused) << installed.output;
  ASSERT_EQ(install_set(ours), installed.packages)
      << describe_difference(install_set(ours), installed.packages);

  const fs::path state = oracle->work() / ("state-" + scenario.id);
  fs::create_directories(state);
  oracle->write_after_install_state(dataset.base_status, installed.packages, all, state / "status",
                                    state / "extended_states");
  // apt purges exactly what is asked, even a package a runtime package
  // needs (taking that runtime package with it); locidep keeps those and
  // says why. Ask apt only about the build packages locidep does purge.
  std::vector<std::string> purged_by_us;
  for (const auto& name : scenario.build) {
    if (std::none_of(ours.kept.begin(), ours.kept.end(),
                     [&](const apt::KeptPackage& k) { return k.name == name; })) {
      purged_by_us.push_back(name);
    }
  }
  const AptAnswer purged = oracle->purge(purged_by_us, state / "status", state / "extended_states");
  ASSERT_FALSE(purged.refused) << purged.output;
  EXPECT_EQ(purge_set(ours), purged.packages)
      << describe_difference(purge_set(ours), purged.packages);
  maybe_write_testcases(*system, GetParam(), request, ours);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, PurgeAgainstApt,
                         ::testing::ValuesIn(of_kind(Scenario::Kind::purge)), test_name);

// Properties of every purge set, without apt-get: nothing runtime, nothing
// from the base, and what stays installed is consistent.
class PurgeProperties : public ::testing::TestWithParam<DataScenario> {};

TEST_P(PurgeProperties, NeverRuntimeNeverBaseNothingBroken) {
  const Scenario& scenario = GetParam().scenario;
  std::string why;
  apt::AptSystem* system = locidep_system(*GetParam().dataset, why);
  if (!system) GTEST_SKIP() << why;
  std::vector<std::string> all = scenario.packages;
  all.insert(all.end(), scenario.build.begin(), scenario.build.end());
  apt::ResolveRequest request;
  request.packages = all;
  request.purge = scenario.build;
  const apt::ResolveResult result = system->resolve(request);
  ASSERT_TRUE(result.solved()) << describe_problems(result);
  EXPECT_FALSE(result.purge.empty());

  std::set<std::string> base_names;
  for (const auto& package : system->base_packages()) base_names.insert(package.name);
  const std::set<std::string> runtime(scenario.packages.begin(), scenario.packages.end());
  std::set<std::string> purged_names;
  for (const auto& package : result.purge) {
    purged_names.insert(package.name);
    EXPECT_FALSE(runtime.contains(package.name)) << package.name << " is a runtime package";
    EXPECT_FALSE(base_names.contains(package.name)) << package.name << " is in the base image";
  }
  // The system after the purge: base (with upgrades) + install set − purge set.
  std::map<std::string, apt::PackageVersion> after;
  for (const auto& package : system->base_packages()) after[package.name] = package;
  for (const auto& entry : result.install)
    after[entry.name] = {entry.name, entry.version, entry.arch};
  std::vector<apt::PackageVersion> remaining;
  for (const auto& [name, package] : after) {
    if (!purged_names.contains(name)) remaining.push_back(package);
  }
  for (const auto& name : runtime)
    EXPECT_TRUE(after.contains(name) && !purged_names.contains(name)) << name;
  EXPECT_EQ(system->unmet_dependencies(remaining), std::vector<std::string>{});
  // Every build package is either purged or kept with a reason.
  for (const auto& name : scenario.build) {
    const bool kept =
        std::any_of(result.kept.begin(), result.kept.end(),
                    [&](const apt::KeptPackage& k) { return k.name == name && !k.reason.empty(); });
    EXPECT_TRUE(purged_names.contains(name) || kept) << name << " neither purged nor explained";
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, PurgeProperties,
                         ::testing::ValuesIn(of_kind(Scenario::Kind::purge)), test_name);

}  // namespace
}  // namespace locidep::testing
