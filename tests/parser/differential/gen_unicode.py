"""Unicode-heavy cases: names, versions and profiles with non-ASCII characters.

Every character position that bindep classifies with str.isalnum() (name
characters, version characters) or str.isdigit() (version starts, epochs,
profile names) gets, often, a code point drawn from one general category,
picked uniformly among categories: combining marks (Mn, Mc, Me), symbols (So,
Sk, Sm, Sc), numbers (Nd, Nl, No), letters (L*), unassigned, private use and
so on, plus code points drawn uniformly from the whole range. That covers the
classes where a C library's idea of "alphanumeric" differs from Python's.

Usage: python3 gen_unicode.py SEED COUNT; writes cases.json.
"""
import json
import random
import sys
import unicodedata

random.seed(int(sys.argv[1]))
N = int(sys.argv[2])

# Non-ASCII code points by general category, surrogates left out (valid UTF-8
# has none). ASCII is gen_random.py's business.
by_category = {}
for c in range(0x80, 0x110000):
    if 0xD800 <= c <= 0xDFFF:
        continue
    by_category.setdefault(unicodedata.category(chr(c)), []).append(c)
categories = sorted(by_category)


def uni():
    if random.random() < 0.15:
        while True:
            c = random.randrange(0x80, 0x110000)
            if not 0xD800 <= c <= 0xDFFF:
                return chr(c)
    return chr(random.choice(by_category[random.choice(categories)]))


# How often a position gets a non-ASCII character: set per case, so that some
# cases have one and are otherwise valid, others have several.
rate = 0.2


def pick(ascii_choices, weight=1.0):
    return uni() if random.random() < rate * weight else random.choice(ascii_choices)


def name():
    start = pick(["a", "Z", "9", "/", "a", "Z", "9", "/", "_", "."], 1.5)
    rest = "".join(pick(["a", "b", "0", ".", "+", "-", "_", "/"]) for _ in range(random.randint(1, 5)))
    return start + rest


def version():
    op = random.choice(["<", "<=", ">", ">=", "==", "!="])
    body = pick(["1", "2", "0"], 1.5)
    body += "".join(pick(["1", "2", ".", "~", "+", "a", "1", "2", ".", "~", "+", "a", "-", ":"]) for _ in range(random.randint(0, 5)))
    return op + body


def profile():
    neg = "!" if random.random() < 0.2 else ""
    return neg + "".join(pick(["a", "z", "1", ":", "-", "."]) for _ in range(random.randint(1, 5)))


def line():
    parts = [name()]
    if random.random() < 0.4:
        items = [profile() for _ in range(random.randint(1, 3))]
        if random.random() < 0.3:
            items = ["(" + " ".join(items) + ")"]
        parts.append(" [" + " ".join(items) + "]")
    if random.random() < 0.5:
        parts.append(" " + ",".join(version() for _ in range(random.randint(1, 2))))
    if random.random() < 0.1:
        parts.append(" # " + uni())
    return "".join(parts)


cases = []
for _ in range(N):
    rate = random.choice([0.05, 0.1, 0.2, 0.4])
    text = "\n".join(line() for _ in range(random.choice([1, 1, 1, 2, 3])))
    if random.random() < 0.95:
        text += "\n"
    cases.append(text)
json.dump(cases, open("cases.json", "w"))
