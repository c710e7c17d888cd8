#include "common/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace locidep {

namespace {

// The bytes of the valid UTF-8 character at POS, or 0 when POS does not
// start one (a stray continuation byte, a bad lead byte, a short sequence).
std::size_t utf8_length_at(std::string_view line, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(line[pos]);
  std::size_t length = 0;
  std::uint32_t code = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    code = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    code = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (pos + length > line.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(line[pos + i]);
    if ((next & 0xc0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate_or_beyond = (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff;
  return overlong || surrogate_or_beyond ? 0 : length;
}

std::size_t unit_length_at(std::string_view line, std::size_t pos) {
  const std::size_t length = utf8_length_at(line, pos);
  return length == 0 ? 1 : length;
}

// One column of the quoted line as printed: a character, "\xNN" for a byte
// a terminal would act on or that is not UTF-8, a tab kept (the caret's
// padding holds a tab there too, so it lines up whatever the tab stops).
struct Cell {
  std::string shown;
  std::string padding;
};

Cell cell_at(std::string_view line, std::size_t pos) {
  const std::size_t length = utf8_length_at(line, pos);
  const auto byte = static_cast<unsigned char>(line[pos]);
  if (byte == '\t') return {"\t", "\t"};
  if (length == 0 || byte < 0x20 || byte == 0x7f) return {fmt::format("\\x{:02x}", byte), "    "};
  if (byte == 0xc2 && static_cast<unsigned char>(line[pos + 1]) < 0xa0) {
    // A C1 control (U+0080 to U+009F): terminals act on these too.
    return {fmt::format("\\xc2\\x{:02x}", static_cast<unsigned char>(line[pos + 1])), "        "};
  }
  return {std::string(line.substr(pos, length)), " "};
}

// The cells FIRST to LAST (exclusive) of LINE; only those are built, so a
// megabyte line costs one walk over its bytes.
std::vector<Cell> cells_of(std::string_view line, std::size_t first, std::size_t last) {
  std::vector<Cell> cells;
  std::size_t index = 0;
  for (std::size_t pos = 0; pos < line.size() && index < last; ++index) {
    if (index >= first) cells.push_back(cell_at(line, pos));
    pos += unit_length_at(line, pos);
  }
  return cells;
}

// How many cells of a long line are quoted, around the caret.
constexpr std::size_t window_cells = 80;

}  // namespace

std::size_t column_at(std::string_view line, std::size_t byte_offset) {
  std::size_t column = 1;
  for (std::size_t pos = 0; pos < byte_offset && pos < line.size(); ++column)
    pos += unit_length_at(line, pos);
  return column;
}

std::size_t byte_at_column(std::string_view line, std::size_t column) {
  std::size_t pos = 0;
  for (std::size_t at = 1; at < column && pos < line.size(); ++at) pos += unit_length_at(line, pos);
  return pos;
}

std::string Error::render() const {
  if (!location_) return fmt::format("locidep: error: {}\n", what());
  const SourceLocation& where = *location_;
  std::string text =
      fmt::format("locidep: {}:{}:{}: error: {}\n", where.file, where.line, where.column, what());
  if (where.line == 0) return text;
  // A window of the line around the caret, so a megabyte line prints as one
  // terminal line, with "…" where it was cut.
  const std::size_t total = column_at(where.line_text, where.line_text.size()) - 1;
  const std::size_t caret = where.column > 0 ? where.column - 1 : 0;
  std::size_t first = caret > window_cells / 2 ? caret - window_cells / 2 : 0;
  const std::size_t last = std::min(total, first + window_cells);
  if (last - std::min(first, last) < window_cells && last == total)
    first = last > window_cells ? last - window_cells : 0;
  const std::vector<Cell> cells = cells_of(where.line_text, first, last);
  std::string shown;
  std::string padding;
  if (first > 0) {
    shown += "…";
    padding += ' ';
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    shown += cells[i].shown;
    if (first + i < caret) padding += cells[i].padding;
  }
  if (caret > last) padding += std::string(caret - std::max(last, first), ' ');
  if (last < total) shown += "…";
  text += shown;
  text += '\n';
  text += padding;
  text += "^\n";
  return text;
}

}  // namespace locidep
