#include "common/error.hpp"

#include <fmt/format.h>

namespace locidep {

std::string Error::render() const {
  if (!location_) return fmt::format("locidep: error: {}\n", what());
  const SourceLocation& where = *location_;
  std::string text =
      fmt::format("locidep: {}:{}:{}: error: {}\n", where.file, where.line, where.column, what());
  if (where.line > 0) {
    text += where.line_text;
    text += '\n';
    text += std::string(where.column > 0 ? where.column - 1 : 0, ' ');
    text += "^\n";
  }
  return text;
}

}  // namespace locidep
