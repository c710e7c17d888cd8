// Small helpers for the installed_* tests: a temporary root, scenario files.
// Running the real tools (the oracles) goes through tests/support/process.hpp.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace locidep::test {
namespace fs = std::filesystem;

// A fresh directory under $TMPDIR, removed with everything in it.
inline void write_file(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
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

}  // namespace locidep::test
