// Small helpers for the installed_* tests: a temporary root, running the real
// tools (dpkg-query, rpm, rpmbuild) as oracles, reading scenario files.
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace locidep::testing {
namespace fs = std::filesystem;

// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "locidep-installed-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline void write_file(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string shell_quote(std::string_view word) {
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout only
};

// popen/pclose as one owning object; close() gives the exit status.
class Pipe {
 public:
  explicit Pipe(const std::string& command) : file_(popen(command.c_str(), "r")) {
    if (file_ == nullptr) throw std::runtime_error("popen failed: " + command);
  }
  ~Pipe() {
    if (file_ != nullptr) pclose(file_);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  std::string read_all() {
    std::string text;
    char buffer[4096];
    size_t count = 0;
    while ((count = fread(buffer, 1, sizeof buffer, file_)) > 0) text.append(buffer, count);
    return text;
  }
  int close() {
    const int status = pclose(file_);
    file_ = nullptr;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  FILE* file_;
};

// Runs COMMAND with /bin/sh; stderr is left to the command line to redirect.
inline CommandResult run(const std::string& command) {
  Pipe pipe(command);
  CommandResult result;
  result.output = pipe.read_all();
  result.exit_code = pipe.close();
  return result;
}

inline std::optional<fs::path> find_program(std::string_view name) {
  const char* path_variable = std::getenv("PATH");
  std::istringstream dirs(path_variable ? path_variable : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

inline std::vector<std::string> split_words(std::string_view line, char separator) {
  std::vector<std::string> words;
  std::string word;
  std::istringstream in{std::string(line)};
  while (std::getline(in, word, separator)) words.push_back(word);
  return words;
}

// Lines of a scenario table: comments (#) and blank lines dropped, TAB-separated.
inline std::vector<std::vector<std::string>> read_table(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(read_file(path));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line.front() == '#') continue;
    rows.push_back(split_words(line, '\t'));
  }
  return rows;
}

inline std::string shared_dir() { return LOCIDEP_SHARED_DIR; }
inline fs::path fixtures_dir() { return fs::path(LOCIDEP_FIXTURES_DIR) / "installed"; }

}  // namespace locidep::testing
