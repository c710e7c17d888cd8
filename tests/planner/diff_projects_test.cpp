// locidep diff on OpenStack projects' own bindep.txt at several branches
// (../shared/corpus/bindep/openstack__<project>__bindep.txt@<branch>). Those
// files name no LOCI image, so each side is planned as the one `project`
// pseudo-service with bindep's profiles; for consecutive branches on every
// distro with bundled data (and on the full Debian bookworm snapshot when
// ../shared has it), the direct entries must be the difference of `locidep
// list` and the transitive ones that of the two plans' install sets.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/planner/diff_oracle.hpp"
#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path corpus_dir = fs::path(LOCIDEP_SHARED_DIR) / "corpus" / "bindep";
const fs::path bookworm_snapshot = fs::path(LOCIDEP_SHARED_DIR) / "snapshots" / "debian-bookworm";

// Oldest first; "" is master.
const std::vector<std::string> branches = {"@unmaintained_yoga", "@unmaintained_2023.1",
                                           "@stable_2025.1", ""};

fs::path project_file(const std::string& project, const std::string& branch) {
  return corpus_dir / ("openstack__" + project + "__bindep.txt" + branch);
}

// A distro and the data options both sides are planned with.
struct Target {
  std::string distro;
  std::vector<std::string> data_options;
};

std::vector<Target> targets() {
  std::vector<Target> list = {
      {"debian-bookworm", {}}, {"opensuse-leap-15.6", {}}, {"centos-stream-9", {}}};
  // The bundled bookworm data holds only what LOCI's rules reach; the whole
  // archive answers for the projects' test and doc packages too.
  if (fs::exists(bookworm_snapshot)) {
    Target full{"debian-bookworm", {}};
    for (const char* index : {"bookworm_main_binary-amd64_Packages.xz",
                              "bookworm-updates_main_binary-amd64_Packages.xz",
                              "bookworm-security_main_binary-amd64_Packages.xz"}) {
      full.data_options.push_back("--repo");
      full.data_options.push_back((bookworm_snapshot / index).string());
    }
    full.data_options.push_back("--base-status");
    full.data_options.push_back(
        (fs::path(LOCIDEP_SOURCE_DIR) / "profiles/data/repos/debian-bookworm/base-status")
            .string());
    list.push_back(full);
  }
  return list;
}

class ProjectDiffTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!fs::exists(corpus_dir)) GTEST_SKIP() << "skipped: " << corpus_dir << " is absent";
    scratch_ = fs::temp_directory_path() / ("locidep-diff-projects-" + std::to_string(::getpid()));
    fs::create_directories(scratch_);
  }
  void TearDown() override {
    if (!scratch_.empty()) fs::remove_all(scratch_);
  }
  fs::path scratch_;
};

TEST_P(ProjectDiffTest, DiffIsTheDifferenceOfListsAndPlans) {
  const std::string project = GetParam();
  for (const auto& branch : branches) {
    ASSERT_TRUE(fs::exists(project_file(project, branch))) << project_file(project, branch);
  }
  int differing = 0;
  // No profile (bindep's `default`: what the project needs to run) and the
  // profiles the projects' own jobs pass.
  for (const std::vector<std::string>& profiles :
       {std::vector<std::string>{}, {"test"}, {"doc", "test"}}) {
    const locidep::test::DiffOracle oracle(scratch_ / "cache", profiles);
    for (const auto& target : targets()) {
      for (std::size_t i = 0; i + 1 < branches.size(); ++i) {
        const locidep::test::DiffSide old_side{project_file(project, branches[i]), target.distro,
                                               target.data_options};
        const locidep::test::DiffSide new_side{project_file(project, branches[i + 1]),
                                               target.distro, target.data_options};
        std::vector<std::string> arguments = {"--distro", target.distro};
        arguments.insert(arguments.end(), target.data_options.begin(), target.data_options.end());
        differing += oracle.check(old_side, new_side, arguments);
      }
    }
  }
  // Every one of these projects changed its rules between yoga and master.
  EXPECT_GT(differing, 0) << project;
}

INSTANTIATE_TEST_SUITE_P(Projects, ProjectDiffTest,
                         testing::Values("nova", "cinder", "glance", "keystone", "neutron"));

// Such a file is one pseudo-service, not eleven copies of one answer under
// LOCI's image names, and it is evaluated with bindep's profiles only.
TEST_F(ProjectDiffTest, AProjectFileIsOnePseudoService) {
  const auto cache = (scratch_ / "cache").string();
  const auto diff = locidep::test::run_process(
      LOCIDEP_BINARY,
      {"diff", project_file("nova", branches.front()).string(), project_file("nova", "").string(),
       "--format", "json", "--cache-dir", cache});
  ASSERT_EQ(diff.exit_code, 1) << diff.err;
  const auto document = nlohmann::json::parse(diff.out);
  ASSERT_EQ(document.at("services").size(), 1u) << diff.out;
  EXPECT_EQ(document.at("services").at(0).at("service"), "project");

  const auto plan = locidep::test::run_process(
      LOCIDEP_BINARY,
      {"plan", "--distro", "debian-bookworm", "-f", project_file("nova", "").string(), "--format",
       "json", "--skip-unavailable", "--cache-dir", cache});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  const auto planned = nlohmann::json::parse(plan.out);
  ASSERT_EQ(planned.at("services").size(), 1u);
  EXPECT_EQ(planned.at("services").at(0).at("profiles"), nlohmann::json::parse(R"(["default"])"));
  // No LOCI bootstrap: git is LOCI's, not nova's.
  for (const auto& item : planned.at("services").at(0).at("install"))
    EXPECT_NE(item.at("name"), "git");

  // --service names LOCI images, which such a file has none of.
  const auto service = locidep::test::run_process(
      LOCIDEP_BINARY,
      {"diff", project_file("nova", branches.front()).string(), project_file("nova", "").string(),
       "--service", "nova", "--cache-dir", cache});
  EXPECT_EQ(service.exit_code, 2);
  EXPECT_NE(service.err.find("project"), std::string::npos) << service.err;
}

}  // namespace
