// Reading a whole file from a test.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace locidep::test {

// PATH's bytes. Throws std::runtime_error when it cannot be opened, so that a
// missing expected file fails its test instead of comparing as empty.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace locidep::test
