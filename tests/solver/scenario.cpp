#include "scenario.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "backends/apt/stanza.hpp"
#include "tests/support/files.hpp"

namespace locidep::testing {

namespace fs = std::filesystem;
using locidep::test::read_file;

fs::path snapshot_dir() { return fs::path(LOCIDEP_SHARED_DIR) / "snapshots" / "debian-bookworm"; }

const AptDataset& bookworm_dataset() {
  static const AptDataset dataset = [] {
    AptDataset made{"bookworm", {}, snapshot_dir() / "minbase-status", "debian-bookworm"};
    for (const char* suite : {"bookworm", "bookworm-updates", "bookworm-security"}) {
      made.indexes.emplace_back(
          suite, snapshot_dir() / (std::string(suite) + "_main_binary-amd64_Packages.xz"));
    }
    return made;
  }();
  return dataset;
}

const AptDataset& noble_dataset() {
  static const AptDataset dataset = [] {
    const fs::path corpus = fs::path(LOCIDEP_SHARED_DIR) / "corpus";
    const fs::path noble = corpus / "ubuntu" / "noble";
    return AptDataset{
        "noble",
        {{"noble-main", noble / "mint22.3-iso-pool_noble_main_binary-amd64_Packages.gz"},
         {"noble-restricted", noble / "noble_restricted_binary-amd64_Packages.xz"},
         {"noble-multiverse", noble / "noble_multiverse_binary-amd64_Packages.xz"},
         {"noble-updates-multiverse", noble / "noble-updates_multiverse_binary-amd64_Packages.xz"},
         {"noble-security-multiverse",
          noble / "noble-security_multiverse_binary-amd64_Packages.xz"}},
        corpus / "base-images" / "ubuntu-24.04-debootstrap-noble-release_var-lib-dpkg-status",
        "ubuntu-noble"};
  }();
  return dataset;
}

std::string missing_part(const AptDataset& dataset) {
  for (const auto& [suite, file] : dataset.indexes) {
    if (!fs::exists(file)) return "the " + dataset.name + " data is missing: " + file.string();
  }
  if (!fs::exists(dataset.base_status))
    return "the " + dataset.name + " base status is missing: " + dataset.base_status.string();
  return "";
}

fs::path shared_work_dir(const std::string& purpose, const AptDataset& dataset) {
  std::error_code error;
  std::string key = dataset.name + "|" + std::to_string(::getuid());
  for (const auto& [suite, file] : dataset.indexes) {
    key += "|" + fs::weakly_canonical(file, error).string() + "@" +
           std::to_string(fs::last_write_time(file, error).time_since_epoch().count());
  }
  const fs::path dir =
      fs::temp_directory_path() / ("locidep-test-" + purpose + "-" + dataset.name + "-" +
                                   std::to_string(std::hash<std::string>{}(key) % 1000000007));
  fs::create_directories(dir, error);
  return dir;
}

fs::path shared_work_dir(const std::string& purpose) {
  std::error_code error;
  const fs::path main_index = snapshot_dir() / "bookworm_main_binary-amd64_Packages.xz";
  const auto stamp = fs::last_write_time(main_index, error).time_since_epoch().count();
  const std::string key = fs::weakly_canonical(snapshot_dir(), error).string() + "|" +
                          std::to_string(stamp) + "|" + std::to_string(::getuid());
  const fs::path dir =
      fs::temp_directory_path() / ("locidep-test-" + purpose + "-" +
                                   std::to_string(std::hash<std::string>{}(key) % 1000000007));
  fs::create_directories(dir, error);
  return dir;
}

std::string describe_difference(const std::set<std::string>& ours,
                                const std::set<std::string>& apt) {
  std::string text;
  for (const auto& entry : ours) {
    if (!apt.contains(entry)) text += "  only locidep: " + entry + "\n";
  }
  for (const auto& entry : apt) {
    if (!ours.contains(entry)) text += "  only apt-get: " + entry + "\n";
  }
  return text;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

int run_command(const std::string& command, std::string& output) {
  output.clear();
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buffer[65536];
  std::size_t got;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

// "Inst name [old] (version suite [arch])" / "Purg name [version]".
std::set<std::string> parse_lines(const std::string& output, const std::string& verb) {
  std::set<std::string> result;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with(verb + " ")) continue;
    std::istringstream words(line.substr(verb.size() + 1));
    std::string name;
    words >> name;
    std::string version;
    if (verb == "Inst") {
      const auto open = line.find('(');
      version = line.substr(open + 1, line.find(' ', open) - open - 1);
    } else {
      const auto open = line.find('[');
      version = line.substr(open + 1, line.find(']', open) - open - 1);
    }
    result.insert(name + "=" + version);
  }
  return result;
}

}  // namespace

std::vector<Scenario> read_scenarios(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<Scenario> scenarios;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos)
      throw std::runtime_error(file.string() + ":" + std::to_string(number) + ": no ':'");
    const auto head = split_words(line.substr(0, colon));
    if (head.size() != 2)
      throw std::runtime_error(file.string() + ":" + std::to_string(number) + ": KIND ID:");
    Scenario scenario;
    scenario.line = number;
    scenario.id = head[1];
    if (head[0] == "install") {
      scenario.kind = Scenario::Kind::install;
    } else if (head[0] == "purge") {
      scenario.kind = Scenario::Kind::purge;
    } else {
      throw std::runtime_error(file.string() + ":" + std::to_string(number) + ": unknown kind " +
                               head[0]);
    }
    bool after_separator = false;
    for (const std::string& word : split_words(line.substr(colon + 1))) {
      if (word == "--recommends")
        scenario.recommends = true;
      else if (word == "--")
        after_separator = true;
      else
        (after_separator ? scenario.build : scenario.packages).push_back(word);
    }
    scenarios.push_back(std::move(scenario));
  }
  return scenarios;
}

AptOracle* AptOracle::get(std::string& why) { return get(bookworm_dataset(), why); }

AptOracle* AptOracle::get(const AptDataset& dataset, std::string& why) {
  // One oracle per dataset per process, built on first use.
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::unique_ptr<AptOracle>, std::string>> made_for;
  const std::lock_guard lock(mutex);
  auto [slot, fresh] = made_for.try_emplace(dataset.name);
  if (fresh) {
    auto& [oracle, failure] = slot->second;
    failure = missing_part(dataset);
    std::string output;
    if (failure.empty() && run_command("command -v apt-get", output) != 0) {
      failure = "apt-get is not installed (package apt)";
    }
    if (failure.empty() && run_command("command -v apt-ftparchive", output) != 0) {
      failure = "apt-ftparchive is not installed (package apt-utils: apt-get install apt-utils)";
    }
    if (failure.empty()) {
      // One apt environment shared by every process of the test binary (ctest
      // runs each case alone): keyed by the data, built once under a lock.
      auto made = std::make_unique<AptOracle>();
      made->work_ = shared_work_dir("apt-oracle", dataset);
      std::string command =
          shell_quote(std::string(LOCIDEP_SOURCE_DIR) + "/tests/solver/apt_oracle.sh") +
          " setup-files " + shell_quote(made->work_.string());
      for (const auto& [suite, file] : dataset.indexes)
        command += " " + shell_quote(suite + "=" + file.string());
      const int status = run_command(command, output);
      if (status == 77) {
        failure = output;
      } else if (status != 0) {
        failure = "building the private apt repository failed: " + output;
      } else {
        made->empty_ = made->work_ / "empty-extended-states";
        std::ofstream(made->empty_).flush();
        for (const auto& [suite, file] : dataset.indexes) {
          const std::string text = read_file(made->work_ / "repo" / "dists" / suite / "main" /
                                             "binary-amd64" / "Packages");
          for (const auto& stanza : apt::scan_stanzas(text)) {
            made->stanzas_.emplace(std::string(stanza.package) + "=" + std::string(stanza.version),
                                   std::string(stanza.text));
          }
        }
        oracle = std::move(made);
      }
    }
  }
  why = slot->second.second;
  return slot->second.first.get();
}

AptAnswer AptOracle::install(const std::vector<std::string>& packages, bool recommends,
                             const fs::path& status, const fs::path& extended_states) const {
  std::string command =
      shell_quote(std::string(LOCIDEP_SOURCE_DIR) + "/tests/solver/apt_oracle.sh") + " apt-get " +
      shell_quote(work_.string()) + " " + shell_quote(status.string()) + " " +
      shell_quote(extended_states.string()) + " install";
  command += recommends ? " -o APT::Install-Recommends=true" : " --no-install-recommends";
  for (const auto& package : packages) command += " " + shell_quote(package);
  AptAnswer answer;
  answer.refused = run_command(command, answer.output) != 0;
  if (!answer.refused) answer.packages = parse_lines(answer.output, "Inst");
  return answer;
}

AptAnswer AptOracle::purge(const std::vector<std::string>& packages, const fs::path& status,
                           const fs::path& extended_states) const {
  std::string command =
      shell_quote(std::string(LOCIDEP_SOURCE_DIR) + "/tests/solver/apt_oracle.sh") + " apt-get " +
      shell_quote(work_.string()) + " " + shell_quote(status.string()) + " " +
      shell_quote(extended_states.string()) + " purge --auto-remove";
  for (const auto& package : packages) command += " " + shell_quote(package);
  AptAnswer answer;
  answer.refused = run_command(command, answer.output) != 0;
  if (!answer.refused) answer.packages = parse_lines(answer.output, "Purg");
  return answer;
}

void AptOracle::write_after_install_state(const fs::path& base_status,
                                          const std::set<std::string>& inst,
                                          const std::vector<std::string>& named,
                                          const fs::path& status,
                                          const fs::path& extended_states) const {
  std::set<std::string> inst_names;
  for (const auto& entry : inst) inst_names.insert(entry.substr(0, entry.find('=')));
  const std::string base_text = read_file(base_status);
  std::set<std::string> base_names;
  std::ofstream out(status, std::ios::binary);
  for (const auto& stanza : apt::scan_stanzas(base_text)) {
    base_names.insert(std::string(stanza.package));
    if (inst_names.contains(std::string(stanza.package))) continue;  // upgraded: replaced below
    out << stanza.text;
    if (!stanza.text.ends_with('\n')) out << '\n';
    out << '\n';
  }
  for (const auto& entry : inst) {
    const auto found = stanzas_.find(entry);
    if (found == stanzas_.end()) throw std::runtime_error("no Packages stanza for " + entry);
    // Package: line first, then Status, then the rest.
    const std::string& text = found->second;
    const auto eol = text.find('\n');
    out << text.substr(0, eol + 1) << "Status: install ok installed\n" << text.substr(eol + 1);
    if (!text.ends_with('\n')) out << '\n';
    out << '\n';
  }
  std::ofstream states(extended_states, std::ios::binary);
  const std::set<std::string> named_set(named.begin(), named.end());
  for (const auto& name : inst_names) {
    if (named_set.contains(name) || base_names.contains(name)) continue;
    states << "Package: " << name << "\nArchitecture: amd64\nAuto-Installed: 1\n\n";
  }
}

}  // namespace locidep::testing
