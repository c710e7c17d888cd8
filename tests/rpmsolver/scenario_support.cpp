#include "tests/rpmsolver/scenario_support.hpp"

#include <algorithm>
#include <fstream>

namespace locidep::test {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path scenario_directory() { return fs::path(LOCIDEP_FIXTURES_DIR) / "rpm" / "scenarios"; }

std::vector<std::string> scenario_ids() {
  std::vector<std::string> ids;
  if (!fs::is_directory(scenario_directory())) return ids;
  for (const auto& entry : fs::directory_iterator(scenario_directory())) {
    if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

namespace {

fs::path data_path(const std::string& written) {
  if (written.rfind("shared:", 0) == 0) return fs::path(LOCIDEP_SHARED_DIR) / written.substr(7);
  return fs::path(LOCIDEP_SOURCE_DIR) / written;
}

std::set<std::string> strings(const json& answer, const char* key) {
  std::set<std::string> out;
  if (answer.contains(key)) {
    for (const auto& item : answer.at(key)) out.insert(item.get<std::string>());
  }
  return out;
}

}  // namespace

Scenario load_scenario(const std::string& id) {
  Scenario scenario;
  scenario.id = id;
  std::ifstream in(scenario_directory() / (id + ".json"));
  scenario.record = json::parse(in);
  const json& record = scenario.record;
  scenario.tool = record.at("tool") == "zypper" ? rpm::Tool::zypper : rpm::Tool::dnf;
  for (const auto& [name, path] : record.at("repo_paths").items()) {
    scenario.repositories.emplace_back(name, data_path(path.get<std::string>()));
  }
  // repo_paths is an object: keep the command line's order of repositories.
  if (record.at("repo_paths").size() > 1) {
    std::vector<std::pair<std::string, fs::path>> ordered;
    for (const auto& argument : record.at("command")) {
      const std::string text = argument.get<std::string>();
      for (const auto& repository : scenario.repositories) {
        if (text == "--repo=" + repository.first) ordered.push_back(repository);
      }
    }
    if (ordered.size() == scenario.repositories.size()) scenario.repositories = ordered;
  }
  if (record.at("base").is_string())
    scenario.base = data_path(record.at("base").get<std::string>());
  scenario.remove = record.at("action") == "remove";
  const json& answer = record.at("answer");
  scenario.status = answer.at("status").get<std::string>();
  scenario.install = strings(answer, "install");
  scenario.removed = strings(answer, "remove");
  return scenario;
}

std::string missing_data(const Scenario& scenario) {
  for (const auto& [name, path] : scenario.repositories) {
    if (!fs::exists(path / "repodata" / "repomd.xml")) return path.string() + " is absent";
  }
  return "";
}

std::string known_tool_limitation(const Scenario& scenario) {
  if (scenario.record.contains("extra_args")) {
    for (const auto& argument : scenario.record.at("extra_args")) {
      if (argument == "pattern") {
        return "Debian's libzypp makes no pattern solvables from rpm-md (the recorded refusal is "
               "that "
               "limitation); we follow openSUSE and install the package providing pattern()";
      }
    }
  }
  return "";
}

rpm::RpmSystem build_system(const Scenario& scenario, const fs::path& cache_directory) {
  rpm::RpmSystem system(scenario.tool);
  const CacheSettings cache{cache_directory};
  for (const auto& [name, path] : scenario.repositories) system.add_repository(path, cache, name);
  if (scenario.base) system.set_base_packages(*scenario.base);
  return system;
}

OurAnswer run_scenario(rpm::RpmSystem& system, const Scenario& scenario,
                       const std::optional<fs::path>& testcase_directory) {
  OurAnswer ours;
  const json& record = scenario.record;
  std::vector<std::string> words;
  for (const auto& word : record.at("request")) words.push_back(word.get<std::string>());
  auto describe = [](const rpm::RequestProblem& problem) {
    std::string text = problem.subject + ": " + problem.message;
    for (const auto& detail : problem.details) text += "\n    " + detail;
    return text;
  };
  if (scenario.remove) {
    rpm::RemoveRequest request;
    request.remove = words;
    for (const auto& item : record.at("state").at("installed"))
      request.installed.push_back(item.get<std::string>());
    for (const auto& item : record.at("state").at("user"))
      request.user_installed.push_back(item.get<std::string>());
    request.testcase_directory = testcase_directory;
    const rpm::RemoveResult result = system.remove(request);
    ours.refused = !result.solved();
    for (const auto& problem : result.problems) ours.message += describe(problem) + "\n";
    for (const auto& item : result.remove)
      ours.removed.insert(item.name + "=" + item.version + "." + item.arch);
    return ours;
  }
  rpm::ResolveRequest request;
  request.install = words;
  request.recommends = record.value("weak_deps", false);
  for (const auto& [module, stream] : record.at("modules").items()) {
    request.enabled_modules[module] = stream.get<std::string>();
  }
  request.testcase_directory = testcase_directory;
  const rpm::ResolveResult result = system.resolve(request);
  ours.refused = !result.solved();
  for (const auto& problem : result.problems) ours.message += describe(problem) + "\n";
  for (const auto& item : result.install)
    ours.install.insert(item.name + "=" + item.version + "." + item.arch);
  return ours;
}

std::vector<std::string> resolve_arguments(const Scenario& scenario,
                                           const fs::path& cache_directory) {
  std::vector<std::string> arguments{
      "resolve",
      "--distro",
      scenario.tool == rpm::Tool::zypper ? "opensuse-leap-15.6" : "centos-stream-9",
      "--format",
      "json",
      "--cache-dir",
      cache_directory.string()};
  for (const auto& [name, path] : scenario.repositories) {
    arguments.push_back("--repo");
    arguments.push_back(path.string());
  }
  if (scenario.base) {
    arguments.push_back("--base-packages");
    arguments.push_back(scenario.base->string());
  }
  if (scenario.record.value("weak_deps", false)) arguments.push_back("--recommends");
  for (const auto& [module, stream] : scenario.record.at("modules").items()) {
    arguments.push_back("--enable-module");
    arguments.push_back(module + ":" + stream.get<std::string>());
  }
  for (const auto& word : scenario.record.at("request"))
    arguments.push_back(word.get<std::string>());
  return arguments;
}

std::set<std::string> resolve_install_set(const json& answer) {
  std::set<std::string> packages;
  for (const json& item : answer.at("install")) {
    packages.insert(item.at("name").get<std::string>() + "=" +
                    item.at("version").get<std::string>() + "." +
                    item.at("arch").get<std::string>());
  }
  return packages;
}

std::string test_name_of(const std::string& id) {
  std::string name = id;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

}  // namespace locidep::test
