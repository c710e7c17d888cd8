// Generated scripts and Dockerfiles are safe to run whatever the words in a
// plan hold: each test renders a plan, then *executes* the shell script and
// every Dockerfile RUN body with stand-ins for the package managers (small
// scripts that only log their arguments) and checks that nothing injected
// ran and that every word arrived as one argument, unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/error.hpp"
#include "planner/backend_traits.hpp"
#include "planner/render.hpp"
#include "planner/steps.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace locidep::test {
namespace {

namespace fs = std::filesystem;
using planner::Plan;
using planner::ServicePlan;
using profiles::Backend;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A folder of stand-ins for every program a generated step runs. Each one
// appends its name, then its arguments one a line, then "--" to the log;
// the python3 stand-in also makes the venv's pip (a stand-in too).
class StandIns {
 public:
  explicit StandIns(const fs::path& root) : bin_(root / "bin"), log_(root / "calls.log") {
    const std::string logger =
        "#!/bin/sh\n"
        "{ printf '%s\\n' \"$(basename \"$0\")\"; for a in \"$@\"; do printf '%s\\n' \"$a\"; "
        "done; echo --; } >> '" +
        log_.string() + "'\n";
    for (const char* program : {"apt-get", "apt-mark", "zypper", "dnf", "rpm", "rm", "pip"}) {
      write_file(bin_ / program, logger);
      fs::permissions(bin_ / program, fs::perms::owner_all);
    }
    write_file(bin_ / "python3", logger +
                                     "if [ \"$1\" = -m ] && [ \"$2\" = venv ]; then mkdir -p "
                                     "\"$3/bin\" && cp '" +
                                     (bin_ / "pip").string() + "' \"$3/bin/pip\"; fi\n");
    fs::permissions(bin_ / "python3", fs::perms::owner_all);
  }

  // Runs SCRIPT_TEXT with sh, the stand-ins first on PATH.
  ProcessResult run(const std::string& script_text) const {
    return run_process("env",
                       {"PATH=" + bin_.string() + ":/usr/bin:/bin", "sh", "-c", script_text});
  }

  // Each logged call: program, then its arguments.
  std::vector<std::vector<std::string>> calls() const {
    std::vector<std::vector<std::string>> calls;
    if (!fs::exists(log_)) return calls;
    std::istringstream lines(read_file(log_));
    std::vector<std::string> call;
    for (std::string line; std::getline(lines, line);) {
      if (line == "--") {
        calls.push_back(std::move(call));
        call.clear();
      } else {
        call.push_back(line);
      }
    }
    return calls;
  }

  void clear() const { fs::remove(log_); }

 private:
  fs::path bin_;
  fs::path log_;
};

// The RUN bodies of a Dockerfile, continuation lines kept (sh joins them).
std::vector<std::string> run_bodies(const std::string& dockerfile) {
  std::vector<std::string> bodies;
  std::istringstream lines(dockerfile);
  std::string body;
  bool in_run = false;
  for (std::string line; std::getline(lines, line);) {
    if (!in_run && line.starts_with("RUN ")) {
      in_run = true;
      body = line.substr(4);
    } else if (in_run) {
      body += "\n" + line;
    }
    if (in_run && !line.ends_with("\\")) {
      bodies.push_back(body);
      in_run = false;
    }
  }
  return bodies;
}

// The words an attacker would put in a name or a version to run MARKER's
// command when the text is pasted into a shell unquoted or badly quoted.
std::vector<std::string> hostile_words(const fs::path& marker) {
  const std::string touch = "touch " + marker.string();
  return {"a;" + touch,
          "$(" + touch + ")",
          "`" + touch + "`",
          "'; " + touch + "; '",
          "\"$(" + touch + ")\"",
          "a|" + touch,
          "a&&" + touch,
          ">" + marker.string(),
          "~root",
          "x=~",
          "* ?",
          "a b\\ c",
          "!$#%^&()[]{}"};
}

Plan hostile_plan(Backend backend, const std::vector<std::string>& words) {
  Plan plan;
  plan.distro = "test-distro";
  plan.backend = backend;
  plan.architecture = "amd64";
  plan.base_image = "debian:bookworm";
  ServicePlan service;
  service.service = "nova";
  service.profiles = {"nova"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    planner::InstallItem item;
    item.name = words[i];
    item.version = words[(i + 1) % words.size()];
    item.arch = "amd64";
    item.direct = i % 2 == 0;
    service.install.push_back(item);
  }
  service.purge_request = words;
  service.pip = words;
  if (backend == Backend::dnf) service.enabled_modules = words;
  plan.services.push_back(service);
  return plan;
}

// Every argument the stand-ins received.
std::multiset<std::string> arguments_of(const StandIns& stand_ins) {
  std::multiset<std::string> arguments;
  for (const auto& call : stand_ins.calls()) arguments.insert(call.begin() + 1, call.end());
  return arguments;
}

// What a rendered plan must have passed: each install word with its pin,
// each purge word, each pip word, each module stream, as one argument each.
std::vector<std::string> expected_arguments(const Plan& plan) {
  const auto& commands = planner::traits_of(plan.backend).commands;
  const bool pins_closure = !commands.mark_automatic.empty();
  std::vector<std::string> expected;
  for (const auto& service : plan.services) {
    for (const auto& item : service.install) {
      if (item.direct || pins_closure)
        expected.push_back(item.name + std::string(commands.pin) + item.version);
    }
    expected.insert(expected.end(), service.purge_request.begin(), service.purge_request.end());
    expected.insert(expected.end(), service.pip.begin(), service.pip.end());
    expected.insert(expected.end(), service.enabled_modules.begin(), service.enabled_modules.end());
  }
  return expected;
}

std::string with_venv_in(std::string text, const fs::path& root) {
  const std::string venv = planner::venv_directory;
  for (auto at = text.find(venv); at != std::string::npos; at = text.find(venv, at))
    text.replace(at, venv.size(), (root / "venv").string());
  return text;
}

class RenderSafety : public ::testing::TestWithParam<Backend> {};

TEST_P(RenderSafety, HostileWordsInTheShellScriptRunNothing) {
  const TempDir dir;
  const StandIns stand_ins(dir.path());
  const fs::path marker = dir.path() / "injected";
  const Plan plan = hostile_plan(GetParam(), hostile_words(marker));
  const std::string script = with_venv_in(
      planner::render_service(plan, plan.services[0], planner::PlanFormat::shell), dir.path());
  const auto run = stand_ins.run(script);
  EXPECT_EQ(run.exit_code, 0) << run.err << script;
  EXPECT_FALSE(fs::exists(marker)) << script;
  const auto arguments = arguments_of(stand_ins);
  for (const auto& word : expected_arguments(plan))
    EXPECT_TRUE(arguments.contains(word)) << "not passed as one argument: " << word;
}

TEST_P(RenderSafety, HostileWordsInEveryDockerfileRunBodyRunNothing) {
  const TempDir dir;
  const StandIns stand_ins(dir.path());
  const fs::path marker = dir.path() / "injected";
  const Plan plan = hostile_plan(GetParam(), hostile_words(marker));
  const std::string dockerfile = with_venv_in(
      planner::render_service(plan, plan.services[0], planner::PlanFormat::dockerfile), dir.path());
  const auto bodies = run_bodies(dockerfile);
  ASSERT_FALSE(bodies.empty()) << dockerfile;
  for (const auto& body : bodies) {
    const auto run = stand_ins.run(body);
    EXPECT_EQ(run.exit_code, 0) << run.err << body;
  }
  EXPECT_FALSE(fs::exists(marker)) << dockerfile;
  const auto arguments = arguments_of(stand_ins);
  for (const auto& word : expected_arguments(plan))
    EXPECT_TRUE(arguments.contains(word)) << "not passed as one argument: " << word;
}

TEST_P(RenderSafety, ANewlineOrControlCharacterIsRefusedNotWritten) {
  const std::vector<std::string> bad_versions{"1.0\nRUN touch /tmp/x", "1.0\rX",
                                              std::string("1.0\0x", 5), "1.0\x1b[2J"};
  for (const std::string& bad : bad_versions) {
    Plan plan = hostile_plan(GetParam(), {"ok"});
    plan.services[0].install[0].version = bad;
    plan.services[0].install[0].direct = true;
    for (const auto format : {planner::PlanFormat::shell, planner::PlanFormat::dockerfile}) {
      try {
        const std::string text = planner::render_service(plan, plan.services[0], format);
        ADD_FAILURE() << "rendered:\n" << text;
      } catch (const Error& error) {
        EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
        EXPECT_NE(std::string(error.what()).find("control character"), std::string::npos)
            << error.what();
      }
    }
    // JSON carries the step commands too: refused as well. The lock file
    // has no commands and keeps the version on one line, escaped.
    EXPECT_THROW(planner::render_plan(plan, planner::PlanFormat::json, false), Error);
    const std::string lock = planner::render_plan(plan, planner::PlanFormat::lock, false);
    for (const char c : lock)
      EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << lock;
    EXPECT_NE(lock.find("version: \"1.0\\"), std::string::npos) << lock;
  }
}

TEST_P(RenderSafety, ABaseImageThatIsNotAReferenceIsRefused) {
  Plan plan = hostile_plan(GetParam(), {"ok"});
  plan.base_image = "debian:bookworm\nRUN touch /tmp/x";
  EXPECT_THROW(planner::render_service(plan, plan.services[0], planner::PlanFormat::dockerfile),
               Error);
  plan.base_image = "debian:bookworm;x";
  EXPECT_THROW(planner::render_service(plan, plan.services[0], planner::PlanFormat::dockerfile),
               Error);
}

TEST_P(RenderSafety, CommentsStayOnTheirLine) {
  Plan plan = hostile_plan(GetParam(), {"ok"});
  plan.services[0].profiles = {"a\nRUN touch /tmp/x"};
  const std::string dockerfile =
      planner::render_service(plan, plan.services[0], planner::PlanFormat::dockerfile);
  EXPECT_EQ(dockerfile.find("\nRUN touch"), std::string::npos) << dockerfile;
  EXPECT_NE(dockerfile.find("# profiles: a\\x0aRUN touch"), std::string::npos) << dockerfile;
}

INSTANTIATE_TEST_SUITE_P(Backends, RenderSafety,
                         ::testing::Values(Backend::apt, Backend::zypper, Backend::dnf),
                         [](const auto& info) {
                           return std::string(profiles::to_string(info.param));
                         });

// The real plans of every family, on the bundled data: the script and the
// Dockerfile run with the stand-ins pass exactly the plan's words.
class RealPlanArguments : public ::testing::TestWithParam<std::string> {};

TEST_P(RealPlanArguments, TheScriptAndEveryRunBodyPassThePlansWords) {
  const TempDir dir;
  const StandIns stand_ins(dir.path());
  const std::string distro = GetParam();
  const auto json_run =
      run_process(LOCIDEP_BINARY, {"plan", "--distro", distro, "--service", "nova", "--format",
                                   "json", "--cache-dir", (dir.path() / "cache").string()});
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  const auto plan = nlohmann::json::parse(json_run.out);
  const auto& service = plan["services"][0];
  const auto backend = profiles::backend_named(plan["backend"].get<std::string>());
  ASSERT_TRUE(backend);
  const auto& commands = planner::traits_of(*backend).commands;
  const bool pins_closure = !commands.mark_automatic.empty();
  for (const auto format : {"shell", "dockerfile"}) {
    stand_ins.clear();
    const auto run =
        run_process(LOCIDEP_BINARY, {"plan", "--distro", distro, "--service", "nova", "--format",
                                     format, "--cache-dir", (dir.path() / "cache").string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string text = with_venv_in(run.out, dir.path());
    if (std::string(format) == "shell") {
      const auto executed = stand_ins.run(text);
      ASSERT_EQ(executed.exit_code, 0) << executed.err;
    } else {
      for (const auto& body : run_bodies(text)) {
        const auto executed = stand_ins.run(body);
        ASSERT_EQ(executed.exit_code, 0) << executed.err << body;
      }
    }
    // Every package the plan pins reached the package manager as one
    // argument, NAME<pin>VERSION, whatever its version holds (~, +, :).
    const auto arguments = arguments_of(stand_ins);
    for (const auto& item : service["install"]) {
      if (!item["direct"].get<bool>() && !pins_closure) continue;
      const std::string word = item["name"].get<std::string>() + std::string(commands.pin) +
                               item["version"].get<std::string>();
      EXPECT_TRUE(arguments.contains(word)) << format << ": " << word;
    }
    for (const auto& requirement : service["pip"])
      EXPECT_TRUE(arguments.contains(requirement.get<std::string>())) << format;
  }
}

INSTANTIATE_TEST_SUITE_P(BundledDistros, RealPlanArguments,
                         ::testing::Values("debian-bookworm", "centos-stream-9",
                                           "opensuse-leap-15.6"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-' || c == '.') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace locidep::test
