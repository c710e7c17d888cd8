// locidep why names the rule (FILE:LINE) of every direct package of every
// service plan, on every distro with bundled data, and LOCI's bootstrap list
// for the bootstrap packages; a package the plan does not hold is exit 2.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;

class WhyTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    cache_ = fs::temp_directory_path() / ("locidep-why-test-" + std::to_string(::getpid()));
  }
  void TearDown() override { fs::remove_all(cache_); }
  fs::path cache_;
};

TEST_P(WhyTest, NamesTheRuleOfEveryDirectPackageOfEveryService) {
  const auto plan = locidep::test::run_process(
      LOCIDEP_BINARY,
      {"plan", "--distro", GetParam(), "--format", "json", "--cache-dir", cache_.string()});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  const auto planned = nlohmann::json::parse(plan.out);  // outlives the loops
  std::size_t explained = 0;
  for (const auto& service : planned.at("services")) {
    const std::string name = service.at("service");
    for (const auto& item : service.at("install")) {
      if (!item.at("direct")) continue;
      const auto why = locidep::test::run_process(
          LOCIDEP_BINARY, {"why", item.at("name").get<std::string>(), "--service", name, "--distro",
                           GetParam(), "--cache-dir", cache_.string()});
      EXPECT_EQ(why.exit_code, 0) << why.err;
      const std::string source = item.at("source");
      // A rule's FILE:LINE, or LOCI's bootstrap list.
      EXPECT_NE(why.out.find(source), std::string::npos) << name << ", " << item.at("name") << ":\n"
                                                         << why.out;
      ++explained;
    }
  }
  EXPECT_GT(explained, planned.at("services").size());
  const auto unknown = locidep::test::run_process(
      LOCIDEP_BINARY, {"why", "no-such-thing", "--service", "keystone", "--distro", GetParam(),
                       "--cache-dir", cache_.string()});
  EXPECT_EQ(unknown.exit_code, 2);
}

INSTANTIATE_TEST_SUITE_P(BundledDistros, WhyTest,
                         testing::Values("debian-bookworm", "opensuse-leap-15.6",
                                         "centos-stream-9"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

}  // namespace
