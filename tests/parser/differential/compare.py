import json
cases = json.load(open("cases.json")); a = json.load(open("oracle.json")); b = json.load(open("ours.json"))
bad = 0; acc = 0
for c, x, y in zip(cases, a, b):
    if x is not None: acc += 1
    if x != y:
        bad += 1
        if bad <= 15: print(repr(c), "\n  bindep:", x, "\n  ours:  ", y)
print("cases", len(cases), "accepted by bindep", acc, "mismatches", bad)
