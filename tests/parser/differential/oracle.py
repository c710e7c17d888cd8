"""bindep's own parser (grammar of e48cd51, run by python3-parsley) as an oracle.

Usage: python3 oracle.py CASES.json OUT.json: for each case, null when bindep
rejects it, else [[name, [selector items], [constraints]], ...].
"""
import sys, json
from parsley import makeGrammar
import ometa.runtime
debversion_grammar = """
epoch = <digit+>:d ':' -> d
trailingdeb = (upstream_segment* '-' debver)
upstream_segment = (letterOrDigit | '.' | '+' | '~' | ':')
upstreamver = digit (upstream_segment | ('-' ~~trailingdeb))*
upstreamver_no_hyphen = digit (letterOrDigit | '.' | '+' | '~' | ':')*
debver = (letterOrDigit | '.' | '+' | '~')+
upstream_no_hyphen = epoch?:e <upstreamver_no_hyphen>:u -> (e or '0', u, "")
upstream_hyphen = epoch?:e <upstreamver>:u '-' <debver>:d -> (e or '0', u, d)
debversion = upstream_hyphen | upstream_no_hyphen
"""
grammar = debversion_grammar + """
rules = (rule|comment|blank)*:bits -> [r for r in bits if r is not None]
rule = <name>:name selector?:selector version?:version ('\\n'|comment) -> (
    name, selector or [], version or [])
lowercase = ('a'|'b'|'c'|'d'|'e'|'f'|'g'|'h'|'i'|'j'|'k'|'l'|'m'|'n'|'o'|'p'
            |'q'|'r'|'s'|'t'|'u'|'v'|'w'|'x'|'y'|'z')
name = (letterOrDigit|'/'):start (letterOrDigit|'.'|'+'|'-'|'_'|'/')+:rest
ws = ' '+
profile = ('!'?:neg <(lowercase|digit|':'|'-'|'.')+>:name) -> (neg!='!', name)
profiles = '(' (ws? profile)*:p ws? ')' -> p
group = profiles | profile
selector = ws '[' (ws? group)*:p ws? ']' -> p
oneversion = <('<=' | '<' | '!=' | '==' | '>=' | '>')>:rel <debversion>:v -> (
    rel, v)
version = ws oneversion:v1 (',' oneversion)*:v2 -> [v1] + v2
comment = ws? '#' any* '\\n' -> None
any = ~'\\n' anything
blank = ws? '\\n' -> None
"""
G = makeGrammar(grammar, {})
def atom(a): return ("" if a[0] else "!") + a[1]
cases = json.load(open(sys.argv[1]))
res = []
for c in cases:
    try:
        rules = G(c).rules()
    except ometa.runtime.ParseError:
        res.append(None); continue
    lines = []
    for name, sel, ver in rules:
        items = []
        for it in sel:
            if isinstance(it, list): items.append("(" + " ".join(atom(a) for a in it) + ")")
            else: items.append(atom(it))
        lines.append([name, items, [op + v for op, v in ver]])
    res.append(lines)
json.dump(res, open(sys.argv[2], "w"))
