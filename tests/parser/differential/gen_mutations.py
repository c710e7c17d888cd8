"""Near-valid cases: lines of the real corpus and the fixtures with 0-3 random edits.

Usage: python3 gen_mutations.py SEED COUNT [SHARED_DIR] [FIXTURES_DIR]; writes cases.json.
"""
import random, json, sys, glob
random.seed(int(sys.argv[1])); N = int(sys.argv[2])
shared = sys.argv[3] if len(sys.argv) > 3 else "../../../../shared"
fixtures = sys.argv[4] if len(sys.argv) > 4 else "../../../fixtures"
lines = []
for f in glob.glob(shared + "/corpus/bindep/*") + glob.glob(shared + "/corpus/loci/*") + glob.glob(fixtures + "/parser/*/*.txt"):
    if f.endswith("MANIFEST.tsv"): continue
    lines += open(f, encoding="utf-8", newline="").read().split("\n")
lines = [l for l in lines if l.strip()]
alpha = list(" \t\r[]()!#,<>=~:-._+/@;`$aAz09é٣½²Ⓐ\u0301") + ["\n", "  ", "<=", ">=", "!=", "=="]
cases = []
for _ in range(N):
    out = []
    for _ in range(random.randint(1, 3)):
        l = random.choice(lines)
        for _ in range(random.choice([0, 1, 1, 1, 2, 3])):
            i = random.randint(0, len(l))
            op = random.random()
            if op < 0.4: l = l[:i] + random.choice(alpha) + l[i:]
            elif op < 0.7: l = l[:i] + l[i+1:]
            else: l = l[:i] + random.choice(alpha) + l[i+1:]
        out.append(l)
    t = "\n".join(out)
    if random.random() < 0.95: t += "\n"
    cases.append(t)
json.dump(cases, open("cases.json", "w"))
