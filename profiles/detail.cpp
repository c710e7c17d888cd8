#include "profiles/detail.hpp"

#include <algorithm>
#include <cstdint>

namespace locidep::profiles::detail {
namespace {

struct CodePoint {
  std::size_t offset = 0;
  std::size_t length = 1;
  std::uint32_t value = 0xFFFD;  // for a malformed byte
};

// Lenient UTF-8 decoding: a byte that does not start a well-formed sequence is
// a code point of its own (never whitespace).
std::vector<CodePoint> decode(std::string_view text) {
  std::vector<CodePoint> points;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    CodePoint point{i, 1, 0xFFFD};
    std::size_t length = 0;
    std::uint32_t value = 0;
    if (lead < 0x80) {
      length = 1;
      value = lead;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      value = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      value = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      value = lead & 0x07u;
    }
    bool well_formed = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; well_formed && k < length; ++k) {
      const auto continuation = static_cast<unsigned char>(text[i + k]);
      if ((continuation & 0xC0u) != 0x80u) well_formed = false;
      value = (value << 6) | (continuation & 0x3Fu);
    }
    if (well_formed) {
      point.length = length;
      point.value = value;
    }
    points.push_back(point);
    i += point.length;
  }
  return points;
}

// str.isspace() (the characters str.split() splits on).
bool is_python_space(std::uint32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::vector<std::string> python_split(std::string_view text) {
  std::vector<std::string> pieces;
  std::string piece;
  for (const CodePoint& point : decode(text)) {
    if (is_python_space(point.value)) {
      if (!piece.empty()) pieces.push_back(std::move(piece));
      piece.clear();
    } else {
      piece.append(text.substr(point.offset, point.length));
    }
  }
  if (!piece.empty()) pieces.push_back(std::move(piece));
  return pieces;
}

std::string reverse_code_points(std::string_view text) {
  std::vector<CodePoint> points = decode(text);
  std::reverse(points.begin(), points.end());
  std::string reversed;
  reversed.reserve(text.size());
  for (const CodePoint& point : points) reversed.append(text.substr(point.offset, point.length));
  return reversed;
}

std::string python_strip(std::string_view text) {
  const std::vector<CodePoint> points = decode(text);
  std::size_t first = 0;
  std::size_t last = points.size();
  while (first < last && is_python_space(points[first].value)) ++first;
  while (last > first && is_python_space(points[last - 1].value)) --last;
  if (first == last) return {};
  const std::size_t begin = points[first].offset;
  const std::size_t end = points[last - 1].offset + points[last - 1].length;
  return std::string(text.substr(begin, end - begin));
}

std::size_t code_points(std::string_view text) { return decode(text).size(); }

}  // namespace locidep::profiles::detail
