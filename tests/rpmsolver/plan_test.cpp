// `locidep plan` on the bundled rpm data (opensuse-leap-15.6: zypper,
// centos-stream-9: dnf), as a user runs it:
// - the purge contract for every catalogue service: nothing runtime, nothing
//   from the base image purged, and the system left after the cleanup has
//   every Requires met (so nothing a runtime package needs went away);
// - the generated Dockerfiles follow the hadolint rules no available linter
//   checks for zypper and dnf (docs/peers.md §3): DL3030/DL3038
//   (-y), DL3033/DL3041 (name-version pins), DL3034 (zypper
//   -n/--non-interactive), DL3036 (zypper clean), DL3037 (zypper pins),
//   DL3040 (dnf clean all).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "backends/rpm/system.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct RpmDistro {
  std::string id;
  rpm::Tool tool;
  std::vector<std::string> repositories;  // under profiles/data/repos/
  std::string base;                       // the bundled base package list
};

const std::vector<RpmDistro>& distros() {
  static const std::vector<RpmDistro> list{
      {"opensuse-leap-15.6",
       rpm::Tool::zypper,
       {"opensuse-leap-15.6"},
       "opensuse-leap-15.6/base-packages.txt"},
      {"centos-stream-9",
       rpm::Tool::dnf,
       {"centos-stream-9/baseos", "centos-stream-9/appstream"},
       "centos-stream-9/base-packages.txt"},
  };
  return list;
}

fs::path repos_directory() { return fs::path(LOCIDEP_SOURCE_DIR) / "profiles" / "data" / "repos"; }

ProcessResult locidep(std::vector<std::string> arguments, const fs::path& cache) {
  arguments.push_back("--cache-dir");
  arguments.push_back(cache.string());
  return run_process(LOCIDEP_BINARY, arguments);
}

std::string distro_name(const testing::TestParamInfo<RpmDistro>& info) {
  std::string name = info.param.id;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class BundledRpmDistro : public testing::TestWithParam<RpmDistro> {};

// Which services plan without leaving anything out (reported, not asserted:
// the catalogue decides), and the contract for all of them with the
// unavailable names left out.
TEST_P(BundledRpmDistro, PurgeLeavesRuntimeBaseAndWhatTheyNeed) {
  const RpmDistro& distro = GetParam();
  TempDir cache;
  const auto run = locidep(
      {"plan", "--distro", distro.id, "--format", "json", "--skip-unavailable"}, cache.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json plans = json::parse(run.out);
  ASSERT_EQ(plans.at("backend"), rpm::to_string(distro.tool));

  rpm::RpmSystem system(distro.tool);
  for (const auto& repository : distro.repositories)
    system.add_repository(repos_directory() / repository, {});
  system.set_base_packages(repos_directory() / distro.base);
  const std::vector<rpm::PackageVersion> base = system.base_packages();
  std::set<std::string> base_names;
  for (const auto& package : base) base_names.insert(package.name);
  const auto base_unmet = system.unmet_dependencies(base);
  const std::set<std::string> already_unmet(base_unmet.begin(), base_unmet.end());

  int services = 0;
  for (const json& service : plans.at("services")) {
    ++services;
    const std::string name = service.at("service");
    std::set<std::string> runtime;
    std::map<std::pair<std::string, std::string>, rpm::PackageVersion>
        after;  // (name, arch) → package
    for (const auto& package : base) after[{package.name, package.arch}] = package;
    for (const json& item : service.at("install")) {
      if (item.at("role") == "runtime") runtime.insert(item.at("name"));
      after[{item.at("name"), item.at("arch")}] = {item.at("name"), item.at("version"),
                                                   item.at("arch")};
    }
    for (const json& item : service.at("purge")) {
      const std::string purged = item.at("name");
      EXPECT_FALSE(runtime.contains(purged))
          << distro.id << " " << name << ": purges the runtime package " << purged;
      EXPECT_FALSE(base_names.contains(purged))
          << distro.id << " " << name << ": purges the base package " << purged;
      after.erase({purged, item.at("arch")});
    }
    for (const json& kept : service.at("kept")) {
      EXPECT_FALSE(kept.dump().empty());
    }
    std::vector<rpm::PackageVersion> remaining;
    for (const auto& [key, package] : after) remaining.push_back(package);
    for (const std::string& line : system.unmet_dependencies(remaining)) {
      EXPECT_TRUE(already_unmet.contains(line))
          << distro.id << " " << name << " after the cleanup: " << line;
    }
    // Unavailable names are reported, with the rule that asked for them.
    for (const json& item : service.at("unavailable")) {
      std::cout << "[ unavailable ] " << distro.id << " " << name << ": " << item.dump() << "\n";
    }
  }
  EXPECT_GE(services, 10);

  // Strict planning (the default): which services plan as they are.
  for (const json& service : plans.at("services")) {
    const std::string name = service.at("service");
    const auto strict = locidep(
        {"plan", "--distro", distro.id, "--service", name, "--format", "list"}, cache.path());
    if (strict.exit_code == 0) {
      std::cout << "[ plans ] " << distro.id << " " << name << "\n";
    } else {
      EXPECT_EQ(strict.exit_code, 2) << strict.err;
      EXPECT_NE(strict.err.find("asked for by"), std::string::npos) << strict.err;
      std::cout << "[ refused ] " << distro.id << " " << name << ": " << strict.err;
    }
  }
}

// ------------------------------------------------------------- steps lint

struct RunInstruction {
  std::string file;
  int line = 0;
  std::vector<std::string> commands;  // split at && and ;
};

std::vector<RunInstruction> run_instructions(const fs::path& dockerfile) {
  std::ifstream in(dockerfile);
  std::vector<RunInstruction> runs;
  std::string line, joined;
  int number = 0, start = 0;
  auto finish = [&]() {
    if (joined.rfind("RUN ", 0) != 0) return;
    RunInstruction run{dockerfile.filename().string(), start, {}};
    std::string body = joined.substr(4);
    std::size_t at = 0;
    while (at <= body.size()) {
      std::size_t next = body.find("&&", at);
      const std::size_t semicolon = body.find(';', at);
      if (semicolon < next) next = semicolon;
      run.commands.push_back(
          body.substr(at, next == std::string::npos ? std::string::npos : next - at));
      if (next == std::string::npos) break;
      at = next + (body.compare(next, 2, "&&") == 0 ? 2 : 1);
    }
    runs.push_back(run);
  };
  while (std::getline(in, line)) {
    ++number;
    if (joined.empty()) {
      if (!line.empty() && line[0] == '#') continue;
      start = number;
    }
    const bool continued = !line.empty() && line.back() == '\\';
    joined += continued ? line.substr(0, line.size() - 1) + " " : line;
    if (!continued) {
      finish();
      joined.clear();
    }
  }
  finish();
  return runs;
}

std::vector<std::string> words_of(const std::string& command) {
  std::istringstream in(command);
  std::vector<std::string> words;
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

bool has_any(const std::vector<std::string>& words, std::initializer_list<const char*> options) {
  for (const auto& word : words) {
    for (const char* option : options) {
      if (word == option) return true;
    }
  }
  return false;
}

// Every finding as "FILE:LINE: DLxxxx …".
std::vector<std::string> lint_rpm_steps(const fs::path& dockerfile) {
  std::vector<std::string> findings;
  // DL3033/DL3041: `name-<version>`, a dash part (after the name) starting with a digit.
  auto dnf_pinned = [](const std::string& package) {
    for (std::size_t dash = package.find('-'); dash != std::string::npos;
         dash = package.find('-', dash + 1)) {
      if (dash > 0 && dash + 1 < package.size() &&
          std::isdigit(static_cast<unsigned char>(package[dash + 1]))) {
        return true;
      }
    }
    return false;
  };
  for (const RunInstruction& run : run_instructions(dockerfile)) {
    const std::string where = run.file + ":" + std::to_string(run.line) + ": ";
    bool dnf_install = false, dnf_clean = false, zypper_install = false, zypper_clean = false;
    for (const std::string& command : run.commands) {
      const auto words = words_of(command);
      if (words.empty()) continue;
      const std::string tool = words[0];
      std::string verb;
      std::vector<std::string> packages;
      for (std::size_t i = 1; i < words.size(); ++i) {
        if (words[i][0] == '-') continue;
        if (verb.empty()) {
          verb = words[i];
        } else {
          packages.push_back(words[i]);
        }
      }
      if (tool == "dnf" || tool == "microdnf" || tool == "yum") {
        if (verb == "install" || verb == "groupinstall" || verb == "localinstall") {
          if (!has_any(words, {"-y", "--assumeyes"}))
            findings.push_back(where + "DL3038 " + tool + " install without -y");
          for (const auto& package : packages) {
            if (!dnf_pinned(package) && package.find(".rpm") == std::string::npos) {
              findings.push_back(where + "DL3041 unpinned " + package);
            }
          }
          dnf_install = true;
        }
        if (verb == "remove" && !has_any(words, {"-y", "--assumeyes"})) {
          findings.push_back(where + "DL3038 " + tool + " remove without -y");
        }
        if (verb == "clean" && has_any(words, {"all"})) dnf_clean = true;
      }
      if (tool == "zypper") {
        static const std::set<std::string> needs_confirmation{
            "install", "in", "remove", "rm", "source-install", "si", "patch"};
        if (needs_confirmation.contains(verb) &&
            !has_any(words, {"-n", "--non-interactive", "-y", "--no-confirm"})) {
          findings.push_back(where + "DL3034 zypper " + verb + " without -n/--non-interactive");
        }
        if (verb == "install" || verb == "in") {
          zypper_install = true;
          for (const auto& package : packages) {
            if (package.find_first_of("=<>") == std::string::npos &&
                package.find(".rpm") == std::string::npos) {
              findings.push_back(where + "DL3037 unpinned " + package);
            }
          }
        }
        if (verb == "clean" || verb == "cc") zypper_clean = true;
      }
    }
    if (dnf_install && !dnf_clean)
      findings.push_back(where + "DL3040 dnf install without dnf clean all");
    if (zypper_install && !zypper_clean)
      findings.push_back(where + "DL3036 zypper install without zypper clean");
  }
  return findings;
}

// A plan does not depend on the state of the cache: the first run parses
// the repositories, the second loads the .solv images, whose dependency
// arrays are stored in another order than the metadata's. Every "pulled in
// by" (and every `why` chain) must come out the same. The apt backend is
// held to the same.
TEST(PlanAndCache, TheSamePlanFromAColdAndAWarmCache) {
  for (const std::string distro : {"opensuse-leap-15.6", "centos-stream-9", "debian-bookworm"}) {
    TempDir cache;
    const auto cold = locidep(
        {"plan", "--distro", distro, "--format", "json", "--skip-unavailable"}, cache.path());
    ASSERT_EQ(cold.exit_code, 0) << distro << ": " << cold.err;
    const auto warm = locidep(
        {"plan", "--distro", distro, "--format", "json", "--skip-unavailable"}, cache.path());
    ASSERT_EQ(warm.exit_code, 0) << distro << ": " << warm.err;
    EXPECT_TRUE(cold.out == warm.out)
        << distro << ": the plan from the warm cache differs from the cold one";
    if (cold.out != warm.out) {
      const json a = json::parse(cold.out), b = json::parse(warm.out);
      for (std::size_t i = 0; i < a.at("services").size(); ++i) {
        const json& sa = a.at("services")[i];
        const json& sb = b.at("services")[i];
        for (std::size_t j = 0; j < sa.at("install").size() && j < sb.at("install").size(); ++j) {
          EXPECT_EQ(sa.at("install")[j], sb.at("install")[j]) << distro << " " << sa.at("service");
        }
      }
    }
  }
}

TEST_P(BundledRpmDistro, DockerfileStepsFollowTheZypperAndDnfRules) {
  const RpmDistro& distro = GetParam();
  TempDir out;
  const auto run = locidep({"plan", "--distro", distro.id, "--format", "dockerfile",
                            "--skip-unavailable", "-o", (out.path() / "plans").string()},
                           out.path() / "cache");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  int files = 0;
  const std::string tool = rpm::to_string(distro.tool);
  for (const auto& entry : fs::directory_iterator(out.path() / "plans")) {
    ++files;
    EXPECT_NE(read_file(entry.path())
                  .find(tool + (tool == "zypper" ? " --non-interactive install" : " install -y")),
              std::string::npos)
        << entry.path();
    for (const auto& finding : lint_rpm_steps(entry.path())) ADD_FAILURE() << finding;
  }
  EXPECT_GE(files, 10);
}

// The checks themselves catch what they are about.
TEST(RpmStepsLint, FlagsEachRuleOnABadDockerfile) {
  TempDir dir;
  const fs::path bad = dir.path() / "Dockerfile";
  std::ofstream(bad) << "FROM x\nRUN dnf install gcc \\\n      make-4.3-7.el9\nRUN zypper install "
                        "git && zypper rm gcc\n"
                        "RUN dnf install -y gcc-11.2-1.el9 && dnf clean all\n";
  const auto findings = lint_rpm_steps(bad);
  std::string all;
  for (const auto& finding : findings) all += finding + "\n";
  for (const char* rule :
       {"Dockerfile:2: DL3038", "Dockerfile:2: DL3041 unpinned gcc", "Dockerfile:2: DL3040",
        "Dockerfile:4: DL3034 zypper install", "Dockerfile:4: DL3034 zypper rm",
        "Dockerfile:4: DL3037 unpinned git", "Dockerfile:4: DL3036"}) {
    EXPECT_NE(all.find(rule), std::string::npos) << rule << " not in:\n" << all;
  }
  EXPECT_EQ(all.find("Dockerfile:5:"), std::string::npos) << all;
  EXPECT_EQ(all.find("make-4.3"), std::string::npos) << all;
}

INSTANTIATE_TEST_SUITE_P(Bundled, BundledRpmDistro, testing::ValuesIn(distros()), distro_name);

}  // namespace
}  // namespace locidep::test
