#include "parser/unicode.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

// POSIX: newlocale, locale_t, iswalnum_l.
#include <locale.h>
#include <wctype.h>

namespace locidep::parser::unicode {
namespace {

// Non-ASCII code points for which Python's str.isdigit() is true (Unicode 14,
// Python 3.11). The C library has no equivalent: iswdigit is ASCII-only by
// POSIX. Generated with:
//   [c for c in range(0x80, 0x110000) if chr(c).isdigit()], merged into ranges.
constexpr std::array<std::pair<char32_t, char32_t>, 80> non_ascii_digits{{
    {0xB2, 0xB3},       {0xB9, 0xB9},       {0x660, 0x669},     {0x6F0, 0x6F9},
    {0x7C0, 0x7C9},     {0x966, 0x96F},     {0x9E6, 0x9EF},     {0xA66, 0xA6F},
    {0xAE6, 0xAEF},     {0xB66, 0xB6F},     {0xBE6, 0xBEF},     {0xC66, 0xC6F},
    {0xCE6, 0xCEF},     {0xD66, 0xD6F},     {0xDE6, 0xDEF},     {0xE50, 0xE59},
    {0xED0, 0xED9},     {0xF20, 0xF29},     {0x1040, 0x1049},   {0x1090, 0x1099},
    {0x1369, 0x1371},   {0x17E0, 0x17E9},   {0x1810, 0x1819},   {0x1946, 0x194F},
    {0x19D0, 0x19DA},   {0x1A80, 0x1A89},   {0x1A90, 0x1A99},   {0x1B50, 0x1B59},
    {0x1BB0, 0x1BB9},   {0x1C40, 0x1C49},   {0x1C50, 0x1C59},   {0x2070, 0x2070},
    {0x2074, 0x2079},   {0x2080, 0x2089},   {0x2460, 0x2468},   {0x2474, 0x247C},
    {0x2488, 0x2490},   {0x24EA, 0x24EA},   {0x24F5, 0x24FD},   {0x24FF, 0x24FF},
    {0x2776, 0x277E},   {0x2780, 0x2788},   {0x278A, 0x2792},   {0xA620, 0xA629},
    {0xA8D0, 0xA8D9},   {0xA900, 0xA909},   {0xA9D0, 0xA9D9},   {0xA9F0, 0xA9F9},
    {0xAA50, 0xAA59},   {0xABF0, 0xABF9},   {0xFF10, 0xFF19},   {0x104A0, 0x104A9},
    {0x10A40, 0x10A43}, {0x10D30, 0x10D39}, {0x10E60, 0x10E68}, {0x11052, 0x1105A},
    {0x11066, 0x1106F}, {0x110F0, 0x110F9}, {0x11136, 0x1113F}, {0x111D0, 0x111D9},
    {0x112F0, 0x112F9}, {0x11450, 0x11459}, {0x114D0, 0x114D9}, {0x11650, 0x11659},
    {0x116C0, 0x116C9}, {0x11730, 0x11739}, {0x118E0, 0x118E9}, {0x11950, 0x11959},
    {0x11C50, 0x11C59}, {0x11D50, 0x11D59}, {0x11DA0, 0x11DA9}, {0x16A60, 0x16A69},
    {0x16AC0, 0x16AC9}, {0x16B50, 0x16B59}, {0x1D7CE, 0x1D7FF}, {0x1E140, 0x1E149},
    {0x1E2F0, 0x1E2F9}, {0x1E950, 0x1E959}, {0x1F100, 0x1F10A}, {0x1FBF0, 0x1FBF9},
}};

// Created once and never freed: the classification tables belong to the C
// library, and the process may parse at any time until it exits.
locale_t utf8_locale() {
  static const locale_t locale = [] {
    for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
      if (locale_t created = newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(nullptr))) {
        return created;
      }
    }
    // Without a UTF-8 locale only ASCII letters and digits are recognised,
    // which still covers every real bindep file seen so far.
    return static_cast<locale_t>(nullptr);
  }();
  return locale;
}

bool is_ascii_alnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

DecodedChar decode(std::string_view text) {
  if (text.empty()) return {};
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return {};
  }
  if (text.size() < length) return {};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return {};
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  const char32_t minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
  if (code_point < minimum || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return {};
  }
  return {code_point, length};
}

bool is_digit(char32_t code_point) {
  if (code_point < 0x80) return code_point >= '0' && code_point <= '9';
  const auto after =
      std::upper_bound(non_ascii_digits.begin(), non_ascii_digits.end(), code_point,
                       [](char32_t value, const std::pair<char32_t, char32_t>& range) {
                         return value < range.first;
                       });
  return after != non_ascii_digits.begin() && code_point <= std::prev(after)->second;
}

bool is_alnum(char32_t code_point) {
  if (code_point < 0x80) return is_ascii_alnum(code_point);
  // glibc's classes differ from Python's at the edges (glibc counts combining
  // marks as alphabetic, Python counts superscripts and fractions as
  // numeric); adding is_digit() closes the digit part of that gap.
  const locale_t locale = utf8_locale();
  if (locale != static_cast<locale_t>(nullptr) &&
      iswalnum_l(static_cast<wint_t>(code_point), locale) != 0) {
    return true;
  }
  return is_digit(code_point);
}

}  // namespace locidep::parser::unicode
