"""Random cases from grammar fragments, one to three lines, some without a final line break.

Usage: python3 gen_random.py SEED COUNT; writes cases.json.
"""
import random, json, sys
random.seed(int(sys.argv[1]))
N = int(sys.argv[2])
frag = ["foo", "a", "b", "x1", "9", "0", "1", "12", ".", "-", "_", "+", "~", ":", "/", " ", " ", " ", "  ",
        "\t", "\r", "[", "]", "(", ")", "!", "#", ",", "<", "<=", ">", ">=", "==", "!=", "=", "~=",
        "platform:", "dpkg", "Test", "é", "٣", "@", ";", "$", "`", "'", '"', "\n",
        "1.0", "1:2", "-1", "1-2-", "a:b", "ünï", "日本", "½", "²", "Ⓐ", "\u0301"]
def rand_line():
    style = random.random()
    if style < 0.5:
        # structured-ish rule
        parts = [random.choice(["foo", "f", "/usr/bin/x", "9base", "g++", "café", "x٣", "a_b", "-x", "", "Ab"])]
        if random.random() < 0.6:
            parts.append(random.choice([" ", "  ", "", "\t"]))
            inner = "".join(random.choice(["a", "b", " ", "(", ")", "!", "platform:rpm", "-", ".", "٣", "T", "#", "9", ":"]) for _ in range(random.randint(0, 8)))
            parts.append("[" + inner + random.choice(["]", "]", "", ")"]))
        if random.random() < 0.6:
            parts.append(random.choice([" ", "  ", "", "\t"]))
            n = random.randint(1, 3)
            vs = []
            for _ in range(n):
                op = random.choice(["<", "<=", ">", ">=", "==", "!=", "=", ""])
                ver = "".join(random.choice(["1", "2", ".", "-", ":", "~", "+", "a", "٣", "é", "_", "0"]) for _ in range(random.randint(0, 6)))
                vs.append(op + ver)
            parts.append(random.choice([",", ", ", " ,"]).join(vs) if random.random() < 0.2 else ",".join(vs))
        if random.random() < 0.3:
            parts.append(random.choice(["#x", " # c", "  #", "# \t x"]))
        if random.random() < 0.2:
            parts.append(random.choice([" ", "\t", "\r", "x"]))
        return "".join(parts)
    return "".join(random.choice(frag) for _ in range(random.randint(0, 8)))
cases = []
for _ in range(N):
    lines = [rand_line() for _ in range(random.randint(1, 3))]
    text = "\n".join(lines)
    if random.random() < 0.9:
        text += "\n"
    cases.append(text)
json.dump(cases, open("cases.json", "w"))
