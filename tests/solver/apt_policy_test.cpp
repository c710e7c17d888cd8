// apt's policy on a tiny hand-written universe (fixtures/apt/mini): each
// rule of backends/apt/resolver.hpp, checked without apt-get.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "backends/apt/resolver.hpp"
#include "common/error.hpp"

namespace locidep::apt {
namespace {

namespace fs = std::filesystem;

fs::path mini() { return fs::path(LOCIDEP_FIXTURES_DIR) / "apt" / "mini"; }

AptSystem mini_system() {
  AptSystem system("amd64");
  system.add_repository(mini() / "Packages", CacheSettings{});
  system.set_base(read_base_status(mini() / "status", mini() / "extended_states", "amd64"));
  return system;
}

std::vector<std::string> installed(const ResolveResult& result) {
  std::vector<std::string> list;
  for (const auto& entry : result.install) list.push_back(entry.name + "=" + entry.version);
  return list;
}

ResolveResult resolve(AptSystem& system, std::vector<std::string> packages, bool recommends = false,
                      std::vector<std::string> purge = {}) {
  ResolveRequest request;
  request.packages = std::move(packages);
  request.recommends = recommends;
  request.purge = std::move(purge);
  return system.resolve(request);
}

TEST(AptPolicy, FirstAlternativeAndSoleProviderNoRecommends) {
  AptSystem system = mini_system();
  const auto result = resolve(system, {"app"});
  ASSERT_TRUE(result.solved());
  EXPECT_EQ(installed(result),
            (std::vector<std::string>{"app=1.0-1", "liba=2.0-1", "mta-real=1.0"}));
}

TEST(AptPolicy, RecommendsOnRequest) {
  AptSystem system = mini_system();
  const auto result = resolve(system, {"app"}, /*recommends=*/true);
  ASSERT_TRUE(result.solved());
  EXPECT_EQ(installed(result),
            (std::vector<std::string>{"app=1.0-1", "extra=3.0", "liba=2.0-1", "mta-real=1.0"}));
}

TEST(AptPolicy, RealPackageOverSubstitute) {
  AptSystem system = mini_system();
  const auto result = resolve(system, {"needs-real"});
  ASSERT_TRUE(result.solved());
  EXPECT_EQ(installed(result), (std::vector<std::string>{"needs-real=1.0", "realpkg=1.0"}));
}

TEST(AptPolicy, RefusalsAreResultsWithReadableProblems) {
  AptSystem system = mini_system();
  const auto several = resolve(system, {"editor"});
  ASSERT_FALSE(several.solved());
  EXPECT_NE(several.problems[0].message.find("virtual package"), std::string::npos);
  EXPECT_EQ(several.problems[0].details,
            (std::vector<std::string>{"editor-a 1.0", "editor-b 1.0"}));

  const auto unknown = resolve(system, {"app", "nothing-here"});
  ASSERT_EQ(unknown.problems.size(), 1u);
  EXPECT_EQ(unknown.problems[0].message, "Unable to locate package nothing-here");
  EXPECT_TRUE(unknown.install.empty());

  const auto pin = resolve(system, {"liba=9"});
  ASSERT_FALSE(pin.solved());
  EXPECT_EQ(pin.problems[0].message, "Version '9' for 'liba' was not found");

  const auto broken = resolve(system, {"broken"});
  ASSERT_FALSE(broken.solved());
  EXPECT_NE(broken.problems[0].message.find("does-not-exist"), std::string::npos);
}

TEST(AptPolicy, PinOfANonCandidateVersion) {
  AptSystem system = mini_system();
  const auto result = resolve(system, {"liba=1.0-1"});
  ASSERT_TRUE(result.solved());
  EXPECT_EQ(installed(result), (std::vector<std::string>{"liba=1.0-1"}));
}

TEST(AptPolicy, InstallUpgradesAndUpgradeBySourcePackage) {
  AptSystem system = mini_system();
  const auto result = resolve(system, {"base-tool"});
  ASSERT_TRUE(result.solved());
  EXPECT_EQ(installed(result),
            (std::vector<std::string>{"base-tool=2.0-1", "base-tool-data=2.0-1"}));
  EXPECT_EQ(result.install[0].previous_version, "1.0-1");
}

TEST(AptPolicy, SystemAnswersRepeatedQuestionsTheSame) {
  AptSystem system = mini_system();
  const auto first = resolve(system, {"app"}, false, {"app"});
  const auto second = resolve(system, {"app"}, false, {"app"});
  EXPECT_EQ(installed(first), installed(second));
  EXPECT_EQ(first.purge, second.purge);
}

TEST(AptPurge, BuildOnlyPackagesAndWhatOnlyTheyNeeded) {
  AptSystem system = mini_system();
  const auto result = resolve(system, {"app", "builddep"}, false, {"builddep"});
  ASSERT_TRUE(result.solved());
  EXPECT_EQ(result.purge, (std::vector<PackageVersion>{{"builddep", "1.0", "amd64"},
                                                       {"libbuild", "1.0", "amd64"}}));
  EXPECT_TRUE(result.kept.empty());
}

TEST(AptPurge, ABuildPackageARuntimePackageNeedsIsKeptWithWhy) {
  AptSystem system = mini_system();
  const auto result = resolve(system, {"runtime-needs-builddep", "builddep"}, false, {"builddep"});
  ASSERT_TRUE(result.solved());
  EXPECT_TRUE(result.purge.empty());
  ASSERT_EQ(result.kept.size(), 1u);
  EXPECT_EQ(result.kept[0].name, "builddep");
  EXPECT_NE(result.kept[0].reason.find("runtime-needs-builddep"), std::string::npos)
      << result.kept[0].reason;
}

TEST(AptPurge, NeverTheBaseNorEssential) {
  AptSystem system = mini_system();
  const auto result = resolve(system, {"app"}, false, {"base-tool", "app"});
  ASSERT_TRUE(result.solved());
  for (const auto& package : result.purge)
    EXPECT_NE(package.name.rfind("base-tool", 0), 0u) << package.name;
  ASSERT_FALSE(result.kept.empty());
  EXPECT_EQ(result.kept[0].name, "base-tool");
  EXPECT_EQ(result.kept[0].reason, "in the base image");
}

TEST(AptSystem, ReducedUniverseGivesTheSameAnswer) {
  AptSystem system = mini_system();
  ResolveRequest request;
  request.packages = {"app", "base-tool"};
  request.purge = {"app"};
  const auto full = system.resolve(request);
  AptSystem reduced = system.reduced_for(request);
  EXPECT_LT(reduced.available_count(), system.available_count());
  const auto small = reduced.resolve(request);
  EXPECT_EQ(installed(small), installed(full));
  EXPECT_EQ(small.purge, full.purge);
}

}  // namespace
}  // namespace locidep::apt
