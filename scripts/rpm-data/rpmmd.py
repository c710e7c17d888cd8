"""Reading and writing rpm-md repositories, rpm version comparison and
dependency matching: what the generators and the oracle harness share.

Standard library only. Only what our data needs: primary and filelists
(gzip/xz/plain), rpm version semantics (rpmvercmp with ~ and ^), rpm's range
matching, and rich (boolean) dependencies.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import lzma
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

NS_COMMON = "http://linux.duke.edu/metadata/common"
NS_RPM = "http://linux.duke.edu/metadata/rpm"
NS_FILELISTS = "http://linux.duke.edu/metadata/filelists"
NS_REPO = "http://linux.duke.edu/metadata/repo"
C = "{%s}" % NS_COMMON
R = "{%s}" % NS_RPM
F = "{%s}" % NS_FILELISTS

DEP_KINDS = ("provides", "requires", "conflicts", "obsoletes", "recommends",
             "suggests", "supplements", "enhances")

# rpm-md flag names and their rpm sense bits.
LESS, GREATER, EQUAL = 2, 4, 8
FLAG_BITS = {"EQ": EQUAL, "LT": LESS, "GT": GREATER, "LE": LESS | EQUAL,
             "GE": GREATER | EQUAL}
BITS_FLAG = {v: k for k, v in FLAG_BITS.items()}
OP_FLAG = {"=": "EQ", "==": "EQ", "<": "LT", ">": "GT", "<=": "LE", ">=": "GE"}
FLAG_OP = {"EQ": "=", "LT": "<", "GT": ">", "LE": "<=", "GE": ">="}


def open_maybe_compressed(path: str):
    with open(path, "rb") as raw:
        head = raw.read(6)
    if head[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb")
    if head[:6] == b"\xfd7zXZ\x00":
        return lzma.open(path, "rb")
    if head[:4] == b"\x28\xb5\x2f\xfd":
        raise RuntimeError(f"{path}: zstd is not supported by the standard library")
    return open(path, "rb")


# --------------------------------------------------------------------------
# versions


def _segments(s: str):
    return re.findall(r"~|\^|[0-9]+|[A-Za-z]+", s)


def rpmvercmp(a: str, b: str) -> int:
    """rpm's rpmvercmp (rpm 4.18), including ~ (sorts before) and ^ (after)."""
    if a == b:
        return 0
    one, two = a, b
    i = j = 0
    while True:
        # skip separators other than ~ and ^
        while i < len(one) and not (one[i].isalnum() or one[i] in "~^"):
            i += 1
        while j < len(two) and not (two[j].isalnum() or two[j] in "~^"):
            j += 1
        if (i < len(one) and one[i] == "~") or (j < len(two) and two[j] == "~"):
            if i >= len(one) or one[i] != "~":
                return 1
            if j >= len(two) or two[j] != "~":
                return -1
            i += 1
            j += 1
            continue
        if (i < len(one) and one[i] == "^") or (j < len(two) and two[j] == "^"):
            if i >= len(one):
                return -1
            if j >= len(two):
                return 1
            if one[i] != "^":
                return 1
            if two[j] != "^":
                return -1
            i += 1
            j += 1
            continue
        if not (i < len(one) and j < len(two)):
            break
        si, sj = i, j
        if one[i].isdigit():
            while i < len(one) and one[i].isdigit():
                i += 1
            while j < len(two) and two[j].isdigit():
                j += 1
            isnum = True
        else:
            while i < len(one) and one[i].isalpha():
                i += 1
            while j < len(two) and two[j].isalpha():
                j += 1
            isnum = False
        seg1, seg2 = one[si:i], two[sj:j]
        if not seg2:
            return 1 if isnum else -1
        if isnum:
            seg1 = seg1.lstrip("0")
            seg2 = seg2.lstrip("0")
            if len(seg1) != len(seg2):
                return 1 if len(seg1) > len(seg2) else -1
        if seg1 != seg2:
            return 1 if seg1 > seg2 else -1
    if i >= len(one) and j >= len(two):
        return 0
    return -1 if i >= len(one) else 1


@dataclass(frozen=True)
class Evr:
    epoch: str = ""   # "" = not given
    ver: str = ""
    rel: str = ""     # "" = not given

    def __str__(self) -> str:
        s = ""
        if self.epoch not in ("", "0"):
            s += self.epoch + ":"
        s += self.ver
        if self.rel:
            s += "-" + self.rel
        return s

    @staticmethod
    def parse(text: str) -> "Evr":
        epoch = ""
        if ":" in text:
            epoch, text = text.split(":", 1)
        rel = ""
        if "-" in text:
            text, rel = text.rsplit("-", 1)
        return Evr(epoch, text, rel)


def evrcmp(a: Evr, b: Evr) -> int:
    ea = int(a.epoch or 0)
    eb = int(b.epoch or 0)
    if ea != eb:
        return 1 if ea > eb else -1
    c = rpmvercmp(a.ver, b.ver)
    if c:
        return c
    if a.rel and b.rel:
        return rpmvercmp(a.rel, b.rel)
    return 0


@dataclass(frozen=True)
class Dep:
    name: str
    flags: str = ""      # "", EQ, LT, GT, LE, GE
    evr: Evr = Evr()
    pre: bool = False

    def __str__(self) -> str:
        if not self.flags:
            return self.name
        return f"{self.name} {FLAG_OP[self.flags]} {self.evr}"

    @property
    def is_rich(self) -> bool:
        return self.name.startswith("(")


def ranges_overlap(pflags: str, pevr: Evr, rflags: str, revr: Evr) -> bool:
    """rpm's rpmdsCompare: whether the two versioned ranges intersect."""
    if not pflags or not rflags:
        return True
    a, b = FLAG_BITS[pflags], FLAG_BITS[rflags]
    sense = evrcmp(pevr, revr)
    if sense < 0:
        return bool(a & GREATER) or bool(b & LESS)
    if sense > 0:
        return bool(a & LESS) or bool(b & GREATER)
    return bool((a & EQUAL and b & EQUAL) or (a & LESS and b & LESS)
                or (a & GREATER and b & GREATER))


# --------------------------------------------------------------------------
# rich dependencies

RICH_OPS = ("and", "or", "if", "else", "with", "without", "unless")


def _rich_tokens(text: str):
    """'(' and ')' of the boolean syntax, and words; a word keeps balanced
    parentheses of its own (`foo(x86-64)`, `libc.so.6()(64bit)`)."""
    tokens = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(ch)
            i += 1
        else:
            j, depth = i, 0
            while j < len(text) and not text[j].isspace():
                if text[j] == "(":
                    depth += 1
                elif text[j] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            tokens.append(text[i:j])
            i = j
    return tokens


def parse_rich(text: str):
    """A rich dependency as a tree: ('atom', Dep) or (op, [children]) with op
    in and/or/with/without, or ('if'|'unless', then, cond, else_or_None)."""
    tokens = _rich_tokens(text)
    pos = 0

    def expr():
        nonlocal pos
        if tokens[pos] != "(":
            raise ValueError(f"rich dependency {text!r}: expected '('")
        pos += 1
        items = [term()]
        ops = []
        while tokens[pos] != ")":
            op = tokens[pos]
            if op not in RICH_OPS:
                raise ValueError(f"rich dependency {text!r}: unexpected {op!r}")
            pos += 1
            ops.append(op)
            items.append(term())
        pos += 1
        if not ops:
            return items[0]
        if ops[0] in ("if", "unless"):
            els = items[2] if len(ops) > 1 and ops[1] == "else" else None
            return (ops[0], items[0], items[1], els)
        return (ops[0], items)

    def term():
        nonlocal pos
        if tokens[pos] == "(":
            return expr()
        name = tokens[pos]
        pos += 1
        if pos < len(tokens) and tokens[pos] in OP_FLAG:
            flags = OP_FLAG[tokens[pos]]
            evr = Evr.parse(tokens[pos + 1])
            pos += 2
            return ("atom", Dep(name, flags, evr))
        return ("atom", Dep(name))

    tree = expr()
    return tree


def rich_atoms(tree):
    if tree[0] == "atom":
        yield tree[1]
        return
    if tree[0] in ("if", "unless"):
        for part in tree[1:]:
            if part is not None:
                yield from rich_atoms(part)
        return
    for child in tree[1]:
        yield from rich_atoms(child)


def rich_eval(tree, holds) -> bool:
    """Evaluate a rich dependency given holds(Dep) for atoms."""
    kind = tree[0]
    if kind == "atom":
        return holds(tree[1])
    if kind in ("and", "with"):
        return all(rich_eval(c, holds) for c in tree[1])
    if kind == "or":
        return any(rich_eval(c, holds) for c in tree[1])
    if kind == "without":
        first, *rest = tree[1]
        return rich_eval(first, holds) and not any(rich_eval(c, holds) for c in rest)
    _, then, cond, els = tree
    c = rich_eval(cond, holds)
    if kind == "unless":
        c = not c
    if c:
        return rich_eval(then, holds)
    return rich_eval(els, holds) if els is not None else True


def rich_needed(tree, holds):
    """Atoms a closure must be able to provide for this requirement: every
    alternative of an `or`, the branch of an if/unless that applies."""
    kind = tree[0]
    if kind == "atom":
        return [tree[1]]
    if kind in ("and", "with", "or"):
        return [a for c in tree[1] for a in rich_needed(c, holds)]
    if kind == "without":
        return rich_needed(tree[1][0], holds)
    _, then, cond, els = tree
    c = rich_eval(cond, holds)
    if kind == "unless":
        c = not c
    if c:
        return rich_needed(then, holds)
    return rich_needed(els, holds) if els is not None else []


def rich_to_testcase(tree) -> str:
    """libsolv testcase syntax (testcase_dep2str) of a rich dependency."""
    ops = {"and": "&", "or": "|", "with": "+", "without": "-"}
    kind = tree[0]
    if kind == "atom":
        return dep_to_testcase(tree[1])
    if kind in ops:
        return "(" + f" {ops[kind]} ".join(rich_to_testcase(c) for c in tree[1]) + ")"
    _, then, cond, els = tree
    word = "<IF>" if kind == "if" else "<UNLESS>"
    s = f"({rich_to_testcase(then)} {word} {rich_to_testcase(cond)}"
    if els is not None:
        s += f" <ELSE> {rich_to_testcase(els)}"
    return s + ")"


def dep_to_testcase(dep: Dep) -> str:
    if dep.is_rich:
        return rich_to_testcase(parse_rich(dep.name))
    if not dep.flags:
        return dep.name
    return f"{dep.name} {FLAG_OP[dep.flags]} {dep.evr}"


# --------------------------------------------------------------------------
# packages


@dataclass
class Package:
    name: str
    arch: str
    epoch: str
    ver: str
    rel: str
    pkgid: str
    elem: ET.Element | None = None     # the primary <package> element
    deps: dict = field(default_factory=dict)
    files: list = field(default_factory=list)       # primary's file subset
    filelist: list | None = None   # [(type, path)] from filelists, or None
    origin: str = ""               # where the entry came from (repo label)
    stream: str = ""               # module:stream of a modular package

    @property
    def evr(self) -> Evr:
        return Evr(self.epoch, self.ver, self.rel)

    @property
    def nevra(self) -> str:
        e = "" if self.epoch in ("", "0") else self.epoch + ":"
        return f"{self.name}-{e}{self.ver}-{self.rel}.{self.arch}"

    @property
    def nevra_full(self) -> str:
        """name-epoch:version-release.arch with the epoch always (modules.yaml)."""
        return f"{self.name}-{self.epoch or 0}:{self.ver}-{self.rel}.{self.arch}"

    @property
    def evra(self) -> str:
        e = "" if self.epoch in ("", "0") else self.epoch + ":"
        return f"{e}{self.ver}-{self.rel}.{self.arch}"

    def provides_match(self, req: Dep) -> bool:
        """Whether this package satisfies the plain (non-rich) requirement REQ
        through its provides or its files (primary or filelists)."""
        if req.name.startswith("/"):
            if req.name in self.files:
                return True
            if self.filelist is not None and any(p == req.name for _, p in self.filelist):
                return True
        for prov in self.deps.get("provides", ()):
            if prov.name == req.name and ranges_overlap(prov.flags, prov.evr, req.flags, req.evr):
                return True
        return False


def _dep_from_entry(entry: ET.Element) -> Dep:
    flags = entry.get("flags", "")
    evr = Evr(entry.get("epoch", ""), entry.get("ver", ""), entry.get("rel", ""))
    return Dep(entry.get("name"), flags, evr if flags else Evr(), entry.get("pre") == "1")


def package_from_elem(elem: ET.Element, origin: str = "") -> Package:
    v = elem.find(C + "version")
    pkg = Package(
        name=elem.findtext(C + "name"), arch=elem.findtext(C + "arch"),
        epoch=v.get("epoch", "0"), ver=v.get("ver"), rel=v.get("rel"),
        pkgid=elem.findtext(C + "checksum"), elem=elem, origin=origin)
    fmt = elem.find(C + "format")
    for kind in DEP_KINDS:
        node = fmt.find(R + kind)
        pkg.deps[kind] = [_dep_from_entry(e) for e in node] if node is not None else []
    pkg.files = [f.text for f in fmt.findall(C + "file")]
    return pkg


def read_primary(path: str, origin: str = "") -> list[Package]:
    pkgs = []
    with open_maybe_compressed(path) as fp:
        for _, elem in ET.iterparse(fp, events=("end",)):
            if elem.tag == C + "package":
                pkgs.append(package_from_elem(elem, origin))
    return pkgs


def read_filelists(path: str) -> dict[str, list]:
    """pkgid -> [(type, path)]"""
    result = {}
    with open_maybe_compressed(path) as fp:
        for _, elem in ET.iterparse(fp, events=("end",)):
            if elem.tag == F + "package":
                result[elem.get("pkgid")] = [(f.get("type", "file"), f.text) for f in elem.findall(F + "file")]
                elem.clear()
    return result


def repomd_locations(repo_dir: str) -> dict[str, str]:
    """type -> absolute path of each record of repodata/repomd.xml."""
    tree = ET.parse(os.path.join(repo_dir, "repodata", "repomd.xml"))
    out = {}
    for data in tree.getroot().findall("{%s}data" % NS_REPO):
        href = data.find("{%s}location" % NS_REPO).get("href")
        out[data.get("type")] = os.path.join(repo_dir, href)
    return out


def read_repo(repo_dir: str, origin: str = "", with_filelists: bool = True) -> list[Package]:
    loc = repomd_locations(repo_dir)
    pkgs = read_primary(loc["primary"], origin)
    if with_filelists and "filelists" in loc and os.path.exists(loc["filelists"]):
        fl = read_filelists(loc["filelists"])
        for p in pkgs:
            if p.pkgid in fl:
                p.filelist = fl[p.pkgid]
    return pkgs


# --------------------------------------------------------------------------
# writing


def set_dep_entry(pkg: Package, kind: str, old: Dep, new: Dep | None) -> None:
    """Replace (or with NEW None: drop) the entry OLD of KIND in PKG's primary
    element and in pkg.deps."""
    node = pkg.elem.find(C + "format").find(R + kind)
    for entry in list(node):
        if _dep_from_entry(entry) == old:
            if new is None:
                node.remove(entry)
            else:
                for a in ("flags", "epoch", "ver", "rel"):
                    entry.attrib.pop(a, None)
                entry.set("name", new.name)
                if new.flags:
                    entry.set("flags", new.flags)
                    entry.set("epoch", new.evr.epoch or "0")
                    entry.set("ver", new.evr.ver)
                    if new.evr.rel:
                        entry.set("rel", new.evr.rel)
            break
    else:
        raise KeyError(f"{pkg.nevra}: no {kind} entry {old}")
    deps = pkg.deps[kind]
    idx = deps.index(old)
    if new is None:
        del deps[idx]
    else:
        deps[idx] = new
    if not len(node):
        pkg.elem.find(C + "format").remove(node)


def _gz(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as g:
        g.write(data)
    return buf.getvalue()


def _xml_header() -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n'


def primary_xml(pkgs: list[Package]) -> bytes:
    ET.register_namespace("", NS_COMMON)
    ET.register_namespace("rpm", NS_RPM)
    root = ET.Element(C + "metadata", {"packages": str(len(pkgs))})
    root.text = "\n"
    for p in pkgs:
        p.elem.tail = "\n"
        root.append(p.elem)
    body = ET.tostring(root, encoding="unicode")
    for p in pkgs:
        root.remove(p.elem)
    return _xml_header() + body.encode() + b"\n"


def filelists_xml(pkgs: list[Package]) -> bytes:
    out = io.StringIO()
    out.write(f'<filelists xmlns="{NS_FILELISTS}" packages="{len(pkgs)}">\n')
    for p in pkgs:
        out.write(f'<package pkgid="{p.pkgid}" name="{_esc(p.name)}" arch="{p.arch}">\n')
        out.write(f'  <version epoch="{p.epoch}" ver="{_esc(p.ver)}" rel="{_esc(p.rel)}"/>\n')
        files = p.filelist if p.filelist is not None else [("file", f) for f in p.files]
        for ftype, path in files:
            t = "" if ftype == "file" else f' type="{ftype}"'
            out.write(f"  <file{t}>{_esc(path)}</file>\n")
        out.write("</package>\n")
    out.write("</filelists>\n")
    return _xml_header() + out.getvalue().encode()


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_repo(repo_dir: str, pkgs: list[Package], *, filelists: bool,
               extra: list[tuple[str, str, bytes]] = (), revision: int = 0) -> dict:
    """Write REPO_DIR/repodata/ (primary[, filelists], extra records given as
    (type, file suffix, compressed bytes)) and repomd.xml. Deterministic: the
    same input gives the same bytes. Returns {type: (file, size)}."""
    rd = os.path.join(repo_dir, "repodata")
    os.makedirs(rd, exist_ok=True)
    for old in os.listdir(rd):
        os.unlink(os.path.join(rd, old))
    records = [("primary", "primary.xml.gz", primary_xml(pkgs), True)]
    if filelists:
        records.append(("filelists", "filelists.xml.gz", filelists_xml(pkgs), True))
    out = []
    for rtype, suffix, data, compress in records:
        packed = _gz(data)
        out.append((rtype, suffix, packed, data))
    for rtype, suffix, packed in extra:
        opened = lzma.decompress(packed) if suffix.endswith(".xz") else packed
        out.append((rtype, suffix, packed, opened))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<repomd xmlns="{NS_REPO}" xmlns:rpm="{NS_RPM}">',
             f"  <revision>{revision}</revision>"]
    summary = {}
    for rtype, suffix, packed, opened in out:
        digest = hashlib.sha256(packed).hexdigest()
        fname = f"{digest}-{suffix}"
        with open(os.path.join(rd, fname), "wb") as fp:
            fp.write(packed)
        summary[rtype] = (fname, len(packed))
        lines += [f'  <data type="{rtype}">',
                  f'    <checksum type="sha256">{digest}</checksum>',
                  f'    <open-checksum type="sha256">{hashlib.sha256(opened).hexdigest()}</open-checksum>',
                  f'    <location href="repodata/{fname}"/>',
                  f"    <timestamp>{revision}</timestamp>",
                  f"    <size>{len(packed)}</size>",
                  f"    <open-size>{len(opened)}</open-size>",
                  "  </data>"]
    lines.append("</repomd>")
    with open(os.path.join(rd, "repomd.xml"), "w") as fp:
        fp.write("\n".join(lines) + "\n")
    return summary


# --------------------------------------------------------------------------
# a provider index


class Index:
    """Who provides what, over a set of packages."""

    def __init__(self, pkgs):
        self.pkgs = list(pkgs)
        self.by_prov: dict[str, list[Package]] = {}
        self.by_file: dict[str, list[Package]] = {}
        self.by_name: dict[str, list[Package]] = {}
        for p in self.pkgs:
            self.add(p)

    def add(self, p: Package) -> None:
        self.by_name.setdefault(p.name, []).append(p)
        for d in p.deps.get("provides", ()):
            self.by_prov.setdefault(d.name, []).append(p)
        files = [f for _, f in p.filelist] if p.filelist is not None else p.files
        for f in files:
            self.by_file.setdefault(f, []).append(p)

    def providers(self, req: Dep) -> list[Package]:
        if req.is_rich:
            raise ValueError("rich dependency: use rich_* helpers")
        out = []
        if req.name.startswith("/"):
            out.extend(self.by_file.get(req.name, ()))
        for p in self.by_prov.get(req.name, ()):
            if p in out:
                continue
            if p.provides_match(req):
                out.append(p)
        return out

    def satisfied(self, req: Dep) -> bool:
        if req.is_rich:
            return rich_eval(parse_rich(req.name), lambda a: bool(self.providers(a)))
        return bool(self.providers(req))
