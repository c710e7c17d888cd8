// The differential scenarios of fixtures/apt/requests.txt and the helpers
// that ask the real apt-get about them (through apt_oracle.sh).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace locidep::testing {

struct Scenario {
  enum class Kind { install, purge } kind = Kind::install;
  std::string id;
  bool recommends = false;
  std::vector<std::string> packages;  // install: the request; purge: runtime
  std::vector<std::string> build;     // purge: build-only packages
  int line = 0;
};

// GoogleTest prints a scenario by its id and line.
inline void PrintTo(const Scenario& scenario, std::ostream* out) {
  *out << "requests.txt:" << scenario.line << " " << scenario.id;
}

// Reads fixtures/apt/requests.txt. Throws std::runtime_error on bad lines.
std::vector<Scenario> read_scenarios(const std::filesystem::path& file);

struct AptAnswer {
  bool refused = false;
  std::set<std::string> packages;  // name=version of Inst (or Purg) lines
  std::string output;              // apt-get's stdout+stderr, for messages
};

// Real Debian-format data the differential tests run on: Packages indexes
// (one private apt suite each) and the dpkg status of the base image.
struct AptDataset {
  std::string name;                                                    // "bookworm", "noble"
  std::vector<std::pair<std::string, std::filesystem::path>> indexes;  // suite → index file
  std::filesystem::path base_status;
  std::string distro;  // catalogue id
};
// The frozen bookworm snapshot (../shared/snapshots/debian-bookworm), base = minbase.
const AptDataset& bookworm_dataset();
// The dependency-closed noble subset (../shared/corpus/ubuntu/noble), base =
// the status of a real noble debootstrap (../shared/corpus/base-images).
const AptDataset& noble_dataset();
// "" when every file of DATASET exists, else what is missing.
std::string missing_part(const AptDataset& dataset);

// The shared apt environment of one test process: the private file:
// repository built from a dataset and `apt-get update` done once.
class AptOracle {
 public:
  // nullptr with WHY set when apt-get, apt-ftparchive or the data is missing.
  static AptOracle* get(std::string& why);  // the bookworm snapshot
  static AptOracle* get(const AptDataset& dataset, std::string& why);

  AptAnswer install(const std::vector<std::string>& packages, bool recommends,
                    const std::filesystem::path& status,
                    const std::filesystem::path& extended_states) const;
  AptAnswer purge(const std::vector<std::string>& packages, const std::filesystem::path& status,
                  const std::filesystem::path& extended_states) const;

  // The dpkg state apt would have after installing INST (name=version set)
  // on the base status, with the not-named, not-base packages auto-marked.
  void write_after_install_state(const std::filesystem::path& base_status,
                                 const std::set<std::string>& inst,
                                 const std::vector<std::string>& named,
                                 const std::filesystem::path& status,
                                 const std::filesystem::path& extended_states) const;

  const std::filesystem::path& work() const { return work_; }
  const std::filesystem::path& empty_file() const { return empty_; }

 private:
  std::filesystem::path work_;
  std::filesystem::path empty_;
  std::map<std::string, std::string> stanzas_;  // "name=version" → Packages stanza
};

// "  only locidep: X" / "  only apt-get: Y" lines, for a failure message.
std::string describe_difference(const std::set<std::string>& ours,
                                const std::set<std::string>& apt);

std::filesystem::path snapshot_dir();
// A folder under $TMPDIR shared by all processes of the tests for the same
// snapshot (the apt environment, the .solv cache).
std::filesystem::path shared_work_dir(const std::string& purpose);
std::filesystem::path shared_work_dir(const std::string& purpose, const AptDataset& dataset);
// Runs a shell command, capturing stdout+stderr; returns the exit status.
int run_command(const std::string& command, std::string& output);
std::string shell_quote(const std::string& text);

}  // namespace locidep::testing
