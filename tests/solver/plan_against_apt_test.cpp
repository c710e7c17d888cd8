// Every catalogue service planned on real data against the real apt-get: on
// the bookworm snapshot (base = minbase) and on the noble subset (base = a
// real noble debootstrap), `locidep plan --format json` for the service, then
//  - apt-get install --no-install-recommends <the plan's requested packages>
//    must install exactly the plan's install set (name=version);
//  - on the state after that install (requested packages manual, the rest
//    auto, as the plan's `apt-mark auto` step leaves it), apt-get purge
//    --auto-remove <the plan's purge command> must purge exactly the plan's
//    purge set;
//  - `locidep resolve` with the same packages answers the same;
//  - and, with no apt-get needed, the purge set never holds a runtime package
//    or a package of the base.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "profiles/services.hpp"
#include "scenario.hpp"

namespace locidep::testing {
namespace {

namespace fs = std::filesystem;

struct ServiceCase {
  const AptDataset* dataset = nullptr;
  std::string service;
};

void PrintTo(const ServiceCase& param, std::ostream* out) {
  *out << param.dataset->name << " " << param.service;
}

std::vector<ServiceCase> all_cases() {
  std::vector<ServiceCase> cases;
  const auto catalog =
      profiles::ServiceCatalog::load(fs::path(LOCIDEP_SOURCE_DIR) / "profiles" / "data");
  for (const AptDataset* dataset : {&bookworm_dataset(), &noble_dataset()}) {
    for (const auto& service : catalog.services()) cases.push_back({dataset, service.name});
  }
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<ServiceCase>& info) {
  return info.param.dataset->name + "_" + info.param.service;
}

// The plan of every service on DATASET, computed once per process.
const nlohmann::json* plan_of(const AptDataset& dataset, std::string& why) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<nlohmann::json, std::string>> plans;
  const std::lock_guard lock(mutex);
  auto [slot, fresh] = plans.try_emplace(dataset.name);
  if (fresh) {
    std::string& failure = slot->second.second;
    failure = missing_part(dataset);
    if (failure.empty()) {
      std::string command =
          shell_quote(LOCIDEP_BINARY) + " plan --format json --skip-unavailable --distro " +
          dataset.distro + " --base-status " + shell_quote(dataset.base_status.string()) +
          " --cache-dir " + shell_quote(shared_work_dir("solv-cache", dataset).string());
      for (const auto& [suite, file] : dataset.indexes)
        command += " --repo " + shell_quote(file.string());
      std::string output;
      // stderr carries the --skip-unavailable warnings: keep only stdout.
      const int status = run_command("(" + command + " 2>/dev/null)", output);
      if (status != 0) {
        failure = "locidep plan failed (" + std::to_string(status) + "): " + command;
      } else {
        slot->second.first = nlohmann::json::parse(output);
      }
    }
  }
  why = slot->second.second;
  return why.empty() ? &slot->second.first : nullptr;
}

const nlohmann::json* service_plan(const nlohmann::json& plan, const std::string& service) {
  for (const auto& entry : plan.at("services")) {
    if (entry.at("service") == service) return &entry;
  }
  return nullptr;
}

std::set<std::string> versions_of(const nlohmann::json& list) {
  std::set<std::string> set;
  for (const auto& item : list) {
    set.insert(item.at("name").get<std::string>() + "=" + item.at("version").get<std::string>());
  }
  return set;
}

// The packages of the plan's `apt-get purge -y --auto-remove …` step.
std::vector<std::string> purge_command_packages(const nlohmann::json& service) {
  const std::string prefix = "apt-get purge -y --auto-remove ";
  for (const auto& step : service.at("steps")) {
    const std::string text = step.get<std::string>();
    if (!text.starts_with(prefix)) continue;
    std::istringstream words(text.substr(prefix.size()));
    std::vector<std::string> names;
    for (std::string word; words >> word;) names.push_back(word);
    return names;
  }
  return {};
}

class ServicePlanAgainstApt : public ::testing::TestWithParam<ServiceCase> {
 protected:
  void SetUp() override {
    if (!fs::exists(LOCIDEP_BINARY)) GTEST_SKIP() << "locidep is not built: " << LOCIDEP_BINARY;
  }
};

TEST_P(ServicePlanAgainstApt, InstallAndPurgeSetsAreApts) {
  const AptDataset& dataset = *GetParam().dataset;
  std::string why;
  const nlohmann::json* plan = plan_of(dataset, why);
  if (!plan) GTEST_SKIP() << why;
  AptOracle* oracle = AptOracle::get(dataset, why);
  if (!oracle) GTEST_SKIP() << "cannot ask apt-get: " << why;
  const nlohmann::json* service = service_plan(*plan, GetParam().service);
  ASSERT_NE(service, nullptr) << "no plan for " << GetParam().service;

  std::vector<std::string> requested;
  for (const auto& item : service->at("install")) {
    if (item.at("direct").get<bool>()) requested.push_back(item.at("name"));
  }
  const std::set<std::string> install = versions_of(service->at("install"));
  if (requested.empty()) {
    EXPECT_TRUE(install.empty());
    GTEST_SKIP() << "nothing of " << GetParam().service << " is in the " << dataset.name << " data";
  }
  const AptAnswer installed =
      oracle->install(requested, false, dataset.base_status, oracle->empty_file());
  ASSERT_FALSE(installed.refused) << installed.output;
  ASSERT_EQ(install, installed.packages) << describe_difference(install, installed.packages);

  const std::vector<std::string> purge_request = purge_command_packages(*service);
  const std::set<std::string> purge = versions_of(service->at("purge"));
  if (purge_request.empty()) {
    EXPECT_TRUE(purge.empty());
    return;
  }
  const fs::path state = oracle->work() / ("plan-state-" + GetParam().service);
  fs::create_directories(state);
  oracle->write_after_install_state(dataset.base_status, installed.packages, requested,
                                    state / "status", state / "extended_states");
  const AptAnswer purged =
      oracle->purge(purge_request, state / "status", state / "extended_states");
  ASSERT_FALSE(purged.refused) << purged.output;
  EXPECT_EQ(purge, purged.packages) << describe_difference(purge, purged.packages);

  // `locidep resolve` asked the same question gives the same answer.
  std::string command = shell_quote(LOCIDEP_BINARY) + " resolve --format json --distro " +
                        dataset.distro + " --base-status " +
                        shell_quote(dataset.base_status.string()) + " --cache-dir " +
                        shell_quote(shared_work_dir("solv-cache", dataset).string());
  for (const auto& [suite, file] : dataset.indexes)
    command += " --repo " + shell_quote(file.string());
  std::string purge_list;
  for (const auto& name : purge_request) purge_list += (purge_list.empty() ? "" : ",") + name;
  command += " --purge " + shell_quote(purge_list);
  for (const auto& name : requested) command += " " + shell_quote(name);
  std::string output;
  ASSERT_EQ(run_command("(" + command + " 2>/dev/null)", output), 0) << command << "\n" << output;
  const auto resolved = nlohmann::json::parse(output);
  EXPECT_EQ(versions_of(resolved.at("install")), installed.packages)
      << describe_difference(versions_of(resolved.at("install")), installed.packages);
  EXPECT_EQ(versions_of(resolved.at("purge")), purged.packages)
      << describe_difference(versions_of(resolved.at("purge")), purged.packages);
}

TEST_P(ServicePlanAgainstApt, PurgeNeverTouchesRuntimeOrBase) {
  const AptDataset& dataset = *GetParam().dataset;
  std::string why;
  const nlohmann::json* plan = plan_of(dataset, why);
  if (!plan) GTEST_SKIP() << why;
  const nlohmann::json* service = service_plan(*plan, GetParam().service);
  ASSERT_NE(service, nullptr);
  std::set<std::string> runtime;
  for (const auto& item : service->at("install")) {
    if (item.at("role") == "runtime") runtime.insert(item.at("name"));
  }
  std::set<std::string> base;
  std::string output;
  ASSERT_EQ(run_command("grep '^Package: ' " + shell_quote(dataset.base_status.string()), output),
            0);
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) base.insert(line.substr(9));
  for (const auto& item : service->at("purge")) {
    const std::string name = item.at("name");
    EXPECT_FALSE(runtime.contains(name))
        << name << " is a runtime package of " << GetParam().service;
    EXPECT_FALSE(base.contains(name)) << name << " is in the base image";
  }
}

INSTANTIATE_TEST_SUITE_P(Services, ServicePlanAgainstApt, ::testing::ValuesIn(all_cases()),
                         case_name);

}  // namespace
}  // namespace locidep::testing
