// Character classes of bindep's grammar, which runs on Python str: a name or
// version character is anything str.isalnum() accepts, a digit anything
// str.isdigit() accepts, so Unicode letters and digits count too.
#pragma once

#include <cstddef>
#include <string_view>

namespace locidep::parser::unicode {

// One decoded UTF-8 sequence: its code point and byte length. length == 0
// means there is no well-formed sequence at that place (or no byte at all).
struct DecodedChar {
  char32_t code_point = 0;
  std::size_t length = 0;
};

DecodedChar decode(std::string_view text);

// Python's str.isalnum() for one code point, approximated for non-ASCII by the
// C library's iswalnum in the C.UTF-8 locale plus is_digit() (see unicode.cpp).
bool is_alnum(char32_t code_point);

// Python's str.isdigit() for one code point (Numeric_Type Decimal or Digit).
bool is_digit(char32_t code_point);

}  // namespace locidep::parser::unicode
