// unicode::is_alnum / is_digit against Python 3.11's str.isalnum() /
// str.isdigit(), which is what bindep's grammar uses. Every expectation here
// was checked with python3.11, e.g. python3 -c "print('\u0345'.isalnum())".
// The samples come from the classes where glibc's iswalnum (C.UTF-8), which
// the parser used before, disagreed with Python: combining marks and circled
// or squared letters (glibc: alnum, Python: not) and numbers that are not
// letters or decimal digits (glibc: not, Python: alnum).
#include "parser/unicode.hpp"

#include <gtest/gtest.h>

#include <cstddef>

namespace locidep::parser::unicode {
namespace {

struct Sample {
  char32_t code_point;
  const char* what;
  bool alnum;
  bool digit;
};

constexpr Sample samples[] = {
    // ASCII, through the fast path.
    {U'a', "LATIN SMALL LETTER A", true, false},
    {U'Z', "LATIN CAPITAL LETTER Z", true, false},
    {U'0', "DIGIT ZERO", true, true},
    {U'_', "LOW LINE", false, false},
    {U'-', "HYPHEN-MINUS", false, false},
    {0x7F, "DELETE", false, false},
    // Letters and decimal digits: both always agreed.
    {0xE9, "LATIN SMALL LETTER E WITH ACUTE", true, false},
    {0xAA, "FEMININE ORDINAL INDICATOR (Lo)", true, false},
    {0x65E5, "CJK UNIFIED IDEOGRAPH-65E5", true, false},
    {0x660, "ARABIC-INDIC DIGIT ZERO", true, true},
    {0x663, "ARABIC-INDIC DIGIT THREE", true, true},
    {0x1D7CE, "MATHEMATICAL BOLD DIGIT ZERO", true, true},
    // Combining marks (Mn, Mc, Me): never alnum in Python.
    {0x301, "COMBINING ACUTE ACCENT (Mn)", false, false},
    {0x345, "COMBINING GREEK YPOGEGRAMMENI (Mn; glibc: alpha)", false, false},
    {0x5B0, "HEBREW POINT SHEVA (Mn; glibc: alpha)", false, false},
    {0x93E, "DEVANAGARI VOWEL SIGN AA (Mc; glibc: alpha)", false, false},
    {0x903, "DEVANAGARI SIGN VISARGA (Mc; glibc: alpha)", false, false},
    {0x20DD, "COMBINING ENCLOSING CIRCLE (Me)", false, false},
    {0xE01EF, "VARIATION SELECTOR-256 (Mn)", false, false},
    // Symbols (So) that glibc counts as letters.
    {0x24B6, "CIRCLED LATIN CAPITAL LETTER A (So; glibc: alpha)", false, false},
    {0x24E9, "CIRCLED LATIN SMALL LETTER Z (So; glibc: alpha)", false, false},
    {0x1F130, "SQUARED LATIN CAPITAL LETTER A (So; glibc: alpha)", false, false},
    {0x20AC, "EURO SIGN (Sc)", false, false},
    // Numbers that are neither letters nor decimal digits: alnum in Python.
    {0xBD, "VULGAR FRACTION ONE HALF (No; glibc: not)", true, false},
    {0xBC, "VULGAR FRACTION ONE QUARTER (No; glibc: not)", true, false},
    {0x9F4, "BENGALI CURRENCY NUMERATOR ONE (No; glibc: not)", true, false},
    {0x2150, "VULGAR FRACTION ONE SEVENTH (No; glibc: not)", true, false},
    {0x2160, "ROMAN NUMERAL ONE (Nl)", true, false},
    {0x3007, "IDEOGRAPHIC NUMBER ZERO (Nl)", true, false},
    // Numeric_Type Digit: isdigit() but not isdecimal().
    {0xB2, "SUPERSCRIPT TWO", true, true},
    {0xB9, "SUPERSCRIPT ONE", true, true},
    {0x2070, "SUPERSCRIPT ZERO", true, true},
    {0x2460, "CIRCLED DIGIT ONE", true, true},
    {0x24EA, "CIRCLED DIGIT ZERO", true, true},
    {0x1369, "ETHIOPIC DIGIT ONE", true, true},
    {0x1F100, "DIGIT ZERO FULL STOP", true, true},
    // Unassigned in Unicode 14 and the end of the range.
    {0x378, "unassigned", false, false},
    {0x10FFFF, "noncharacter, the last code point", false, false},
};

TEST(Unicode, MatchesPythonOnSamplesOfEveryClass) {
  for (const Sample& s : samples) {
    SCOPED_TRACE(s.what);
    EXPECT_EQ(is_alnum(s.code_point), s.alnum) << std::hex << "U+" << +s.code_point;
    EXPECT_EQ(is_digit(s.code_point), s.digit) << std::hex << "U+" << +s.code_point;
  }
}

// The whole range at once: how many code points are in each class and in how
// many runs. Python 3.11 (surrogates left out):
//   sum(chr(c).isalnum() for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
// gives 133547 in 733 runs; isdigit() 788 in 81 runs.
TEST(Unicode, MatchesPythonCountsOverTheWholeRange) {
  std::size_t alnum = 0, alnum_runs = 0, digit = 0, digit_runs = 0;
  bool previous_alnum = false, previous_digit = false;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const bool a = is_alnum(c);
    const bool d = is_digit(c);
    alnum += a;
    digit += d;
    alnum_runs += a && !previous_alnum;
    digit_runs += d && !previous_digit;
    previous_alnum = a;
    previous_digit = d;
    // Python: isdigit() implies isalnum().
    if (d && !a) ADD_FAILURE() << std::hex << "digit but not alnum: U+" << +c;
  }
  EXPECT_EQ(alnum, 133547U);
  EXPECT_EQ(alnum_runs, 733U);
  EXPECT_EQ(digit, 788U);
  EXPECT_EQ(digit_runs, 81U);
}

}  // namespace
}  // namespace locidep::parser::unicode
