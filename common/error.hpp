// Errors: one style across locidep. Every failure a user can see is a
// locidep::Error carrying the exit code of the command-line contract
// (docs: DESIGN.md) and, where one exists, the position in the input.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace locidep {

// Exit codes of the command-line contract.
enum class ExitCode : int {
  ok = 0,
  differs = 1,      // missing packages, diff found differences, lint findings
  bad_input = 2,    // parse error, unknown distro/service, unreadable file, unsolvable request
  environment = 3,  // cannot read a package database, internal error
};

// A place in an input file. line and column are 1-based; column counts
// characters (Unicode code points), not bytes, so a caret lines up.
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string line_text;  // the whole offending line, without its line break
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode exit_code, const std::string& message,
        std::optional<SourceLocation> location = std::nullopt)
      : std::runtime_error(message), exit_code_(exit_code), location_(std::move(location)) {}

  ExitCode exit_code() const noexcept { return exit_code_; }
  const std::optional<SourceLocation>& location() const noexcept { return location_; }

  // The text for stderr, ending in a newline:
  //   locidep: FILE:LINE:COL: error: MESSAGE
  //   <the line>
  //   <spaces>^
  // or, without a location, "locidep: error: MESSAGE".
  std::string render() const;

 private:
  ExitCode exit_code_;
  std::optional<SourceLocation> location_;
};

// Columns as render() counts them: one per UTF-8 character, and one per byte
// that does not start a valid one (render() shows such a byte as "\xNN").
// column_at: the 1-based column of BYTE_OFFSET in LINE; byte_at_column: the
// byte offset where COLUMN starts (LINE's size past its end).
std::size_t column_at(std::string_view line, std::size_t byte_offset);
std::size_t byte_at_column(std::string_view line, std::size_t column);

// A bindep file (or any rule file) that does not follow the grammar.
class ParseError : public Error {
 public:
  ParseError(const std::string& message, SourceLocation location)
      : Error(ExitCode::bad_input, message, std::move(location)) {}
};

}  // namespace locidep
