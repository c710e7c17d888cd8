// Running a program from a test and capturing what it does.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace locidep::test {

struct ProcessResult {
  int exit_code = -1;  // 128+N when killed by signal N
  std::string out;
  std::string err;
};

// Runs PROGRAM with ARGUMENTS (argv[0] is argv0 when given, else PROGRAM) in
// WORKING_DIRECTORY (empty: the current one), feeding STDIN_TEXT.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& arguments,
                          const std::filesystem::path& working_directory = {},
                          const std::string& stdin_text = {},
                          const std::optional<std::string>& argv0 = std::nullopt);

// Whether an executable named NAME is on PATH.
bool have_program(const std::string& name);

}  // namespace locidep::test
