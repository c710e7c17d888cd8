#!/usr/bin/env python3
"""Generates parser/unicode_tables.inc: Python's str.isalnum() / str.isdigit().

bindep's grammar runs under parsley, whose letterOrDigit and digit rules are
str.isalnum() and str.isdigit() of one character. locidep has to match them
exactly as bindep's Python sees them: Python 3.11, whose unicodedata is
Unicode 14.0.0. This script asks that Python about every code point
0..U+10FFFF (surrogates excluded: well-formed UTF-8 never yields one) and
writes the answers as sorted, disjoint, maximal [first, last] ranges, which
parser/unicode.cpp searches with a binary search.

Standard library only. Run from anywhere, with Python 3.11:
  python3 scripts/generate-unicode-tables.py          # rewrite the file
  python3 scripts/generate-unicode-tables.py --check  # exit 1 if out of date
"""
import os
import sys
import unicodedata

EXPECTED_PYTHON = (3, 11)
EXPECTED_UNICODE = "14.0.0"

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "parser", "unicode_tables.inc")

# Ranges per line in the output; each "{0x10FFFF, 0x10FFFF}, " is at most 22
# characters, so four of them plus the indent stay within 100 columns.
PER_LINE = 4


def is_surrogate(c):
    return 0xD800 <= c <= 0xDFFF


def ranges_of(predicate):
    """Maximal [first, last] runs of code points where predicate(chr(c)) holds."""
    runs = []
    for c in range(0x110000):
        if is_surrogate(c) or not predicate(chr(c)):
            continue
        # A run may step over the surrogate block: no UTF-8 input can land in
        # it, so merging across it is harmless. (Nothing on either side of it
        # is alphanumeric in Unicode 14, so this never happens in practice.)
        if runs and (runs[-1][1] + 1 == c or (runs[-1][1] + 1 == 0xD800 and c == 0xE000)):
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return runs


def table(name, what, runs):
    count = sum(last - first + 1 for first, last in runs)
    lines = [
        f"// {what}: {len(runs)} ranges, {count} code points.",
        f"inline constexpr CodePointRange {name}[] = {{",
    ]
    cells = [f"{{0x{first:X}, 0x{last:X}}}," for first, last in runs]
    for i in range(0, len(cells), PER_LINE):
        lines.append("    " + " ".join(cells[i : i + PER_LINE]))
    lines.append("};")
    return "\n".join(lines) + "\n"


def render():
    alnum = ranges_of(str.isalnum)
    digit = ranges_of(str.isdigit)
    header = f"""\
// GENERATED FILE, DO NOT EDIT. Regenerate with:
//   python3 scripts/generate-unicode-tables.py
// (Python {EXPECTED_PYTHON[0]}.{EXPECTED_PYTHON[1]}, unicodedata.unidata_version == "{EXPECTED_UNICODE}"; the script checks.)
//
// Python's str.isalnum() and str.isdigit() for every code point 0..U+10FFFF
// (surrogates left out), as sorted, disjoint, maximal [first, last] ranges.
// These are bindep's letterOrDigit and digit (parsley, under Python 3.11).
// Included by parser/unicode.cpp, which defines CodePointRange.
"""
    return "\n".join(
        [
            header,
            table("alnum_ranges", "str.isalnum()", alnum),
            table("digit_ranges", "str.isdigit()", digit),
        ]
    )


def main(argv):
    if sys.version_info[:2] != EXPECTED_PYTHON:
        sys.exit(
            f"needs Python {EXPECTED_PYTHON[0]}.{EXPECTED_PYTHON[1]} (bindep's), "
            f"this is {sys.version.split()[0]}"
        )
    if unicodedata.unidata_version != EXPECTED_UNICODE:
        sys.exit(
            f"needs unicodedata {EXPECTED_UNICODE}, this Python has "
            f"{unicodedata.unidata_version}"
        )
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        sys.exit(__doc__)
    text = render()
    if check:
        try:
            with open(OUT, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            sys.exit(f"{OUT} is out of date: run {os.path.relpath(__file__)}")
        print(f"{OUT} is up to date")
        return
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv)
