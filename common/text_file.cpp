#include "common/text_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "common/error.hpp"

namespace locidep {
namespace {

// Length of the UTF-8 sequence starting at text[i], or nullopt when the bytes
// there are not a well-formed sequence (overlongs and surrogates included).
std::optional<std::size_t> utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return std::nullopt;
  }
  if (i + length > text.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char continuation = byte(i + k);
    const unsigned char lo = (k == 1) ? low : 0x80;
    const unsigned char hi = (k == 1) ? high : 0xBF;
    if (continuation < lo || continuation > hi) return std::nullopt;
  }
  return length;
}

SourceLocation location_of(std::string_view text, std::size_t offset, const std::string& name) {
  SourceLocation where{name, 1, 1, {}};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++where.line;
      line_start = i + 1;
    }
  }
  // Count columns in bytes here: the prefix may itself be undecodable.
  where.column = offset - line_start + 1;
  const std::size_t line_end = text.find('\n', line_start);
  std::string raw(text.substr(line_start, line_end == std::string_view::npos
                                              ? std::string_view::npos
                                              : line_end - line_start));
  // Keep the shown line printable: bad bytes become '?'.
  for (char& c : raw) {
    if (c == '\0' || static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  where.line_text = raw;
  return where;
}

}  // namespace

void check_text(std::string_view text, const std::string& display_name) {
  if (text.size() > max_text_file_bytes) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: file is too large ({} bytes; the limit is {} bytes)", display_name,
                            text.size(), max_text_file_bytes));
  }
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      throw Error(ExitCode::bad_input, "NUL byte in input; expected a text file",
                  location_of(text, i, display_name));
    }
    const auto length = utf8_sequence_length(text, i);
    if (!length) {
      throw Error(ExitCode::bad_input,
                  fmt::format("invalid UTF-8 byte 0x{:02X}; expected a UTF-8 text file",
                              static_cast<unsigned char>(text[i])),
                  location_of(text, i, display_name));
    }
    i += *length;
  }
}

std::string read_text_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw Error(ExitCode::bad_input, fmt::format("{}: no such file", path.string()));
  }
  if (std::filesystem::is_directory(status)) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: is a directory; expected a file", path.string()));
  }
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_text_file_bytes) {
      throw Error(ExitCode::bad_input,
                  fmt::format("{}: file is too large ({} bytes; the limit is {} bytes)",
                              path.string(), size, max_text_file_bytes));
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ExitCode::bad_input, fmt::format("{}: cannot open for reading", path.string()));
  // Read in blocks, at most one byte past the limit, so that a fifo or a
  // device cannot make us read without end (and a small file costs a small
  // buffer, not a zero-filled one of the limit's size).
  std::string text;
  std::array<char, 64 * 1024> block{};
  while (in && text.size() <= max_text_file_bytes) {
    const std::size_t wanted = std::min(block.size(), max_text_file_bytes + 1 - text.size());
    in.read(block.data(), static_cast<std::streamsize>(wanted));
    text.append(block.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw Error(ExitCode::bad_input, fmt::format("{}: read error", path.string()));
  check_text(text, path.string());
  return text;
}

std::string normalize_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace locidep
