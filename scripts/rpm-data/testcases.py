"""Write every recorded scenario as a libsolv testcase (fixtures/rpm/testcases/)
and check with testsolv which of them plain libsolv agrees with.

A testcase holds the repositories as testtags (shared files under repos/),
the installed packages as a `system` repo, the jobs a plain libsolv backend
would derive from the command line, and as `result` the real tool's answer.
Plain means: disttype rpm, arch x86_64, `ignorerecommended` unless weak
dependencies are on, install jobs by name (by provides when no package has
the name; `name . arch` for name.arch, `name = evr` for pins, `oneof` the
packages holding a requested file), erase jobs with `cleandeps` and
`userinstalled` for the base image and the requested packages.

Where testsolv disagrees, a few policy changes are tried one by one (and all
together); STATUS.tsv says which one makes libsolv give the tool's answer.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys

import oracle
import rpmmd
import solvtool
from closure import Closure

TESTCASES = os.path.join(oracle.FIXTURES, "testcases")
REPOS = os.path.join(TESTCASES, "repos")
DROP_FILE = re.compile(r"^/usr/(lib/\.build-id|share/(doc|man|locale|licenses|info))(/|$)")


# --------------------------------------------------------------------------
# repositories as testtags


def parse_testtags(text: str) -> dict[str, str]:
    """NEVRA -> its =Pkg block."""
    blocks = {}
    cur = None
    buf = []
    for line in text.splitlines(keepends=True):
        if line.startswith("=Pkg: "):
            if cur:
                blocks[cur] = "".join(buf)
            name, ver, rel, arch = line[6:].split()
            cur = f"{name}-{ver}-{rel}.{arch}"
            buf = [line]
        elif cur:
            buf.append(line)
    if cur:
        blocks[cur] = "".join(buf)
    return blocks


def write_gz(path: str, text: str) -> None:
    data = text.encode()
    with open(path, "wb") as fp:
        with gzip.GzipFile(fileobj=fp, mode="wb", mtime=0, compresslevel=9, filename="") as g:
            g.write(data)


class RepoFiles:
    """Testtags of each repository (set, alias, with or without filelists)."""

    def __init__(self, ws: oracle.Workspace, recs: list[dict]):
        self.ws = ws
        self.recs = recs
        self.blocks: dict[tuple, dict[str, str]] = {}
        self.files: dict[tuple, str] = {}
        os.makedirs(REPOS, exist_ok=True)

    def _subset_for_real(self) -> set[str]:
        """The cs9-real cut: every package the cs9-real scenarios touch, closed
        over every provider of every requirement, recommendation and
        satisfied supplement (so the cut solves like the whole repository)."""
        pool = self.ws.pool("cs9-real")
        by_nevra = {p.nevra: p for p in pool}
        idx = rpmmd.Index(pool)
        cl = Closure(idx, lambda pkg, c: True, weak=True)
        base = oracle.read_base(oracle.BASES["cs9"])
        for nevra in base:
            cl.add(by_nevra[nevra], "base")
        for rec in self.recs:
            if rec["repos"] != "cs9-real":
                continue
            for item in rec["answer"].get("install", []) + rec["answer"].get("remove", []):
                n = oracle.a_to_nevra(item)
                if n in by_nevra:
                    cl.add(by_nevra[n], "answer")
            for n in (rec.get("state") or {}).get("installed", []):
                cl.add(by_nevra[n], "state")
            for req in rec["request"]:
                for p in request_candidates(pool, req):
                    cl.add(p, "request")
        cl.run()
        return {p.nevra for p in cl.selected}

    def repo_file(self, set_name: str, alias: str, filelists: bool) -> str:
        key = (set_name, alias, filelists)
        if key in self.files:
            return self.files[key]
        d = dict(self.ws.repos(set_name))[alias]
        suffix = "" if filelists else "-primary"
        fname = f"{set_name}-{alias}{suffix}.repo.gz"
        out = os.path.join(REPOS, fname)
        tmp = os.path.join(self.ws.tmp, fname[:-3])
        if set_name == "cs9-real":
            keep = self._subset_for_real()
            pkgs = [p for p in self.ws.pool(set_name) if p.nevra in keep and p.origin == alias]
            for p in pkgs:
                if p.filelist is not None:
                    p.filelist = [(t, f) for t, f in p.filelist if not DROP_FILE.match(f)]
            cut = os.path.join(self.ws.tmp, "cut-" + alias)
            rpmmd.write_repo(cut, pkgs, filelists=True)
            d = cut
        loc = rpmmd.repomd_locations(d)
        solvtool.testtags(tmp, loc["primary"], loc.get("filelists") if filelists else None)
        text = open(tmp).read()
        write_gz(out, text)
        self.blocks[key] = parse_testtags(text)
        self.files[key] = fname
        return fname

    def block(self, set_name: str, filelists: bool, nevra: str) -> str:
        for alias, _ in oracle.REPO_SETS[set_name]:
            self.repo_file(set_name, alias, filelists)
            b = self.blocks[(set_name, alias, filelists)].get(nevra)
            if b:
                return b
        raise KeyError(nevra)

    def system_file(self, set_name: str, filelists: bool, nevras: list[str]) -> str:
        text = "=Ver: 3.0\n" + "".join(self.block(set_name, filelists, n) for n in sorted(nevras))
        h = hashlib.sha256(text.encode()).hexdigest()[:12]
        fname = f"system-{h}.repo.gz"
        path = os.path.join(REPOS, fname)
        if not os.path.exists(path):
            write_gz(path, text)
        return fname


# --------------------------------------------------------------------------
# jobs


PIN = re.compile(r"^(.+)-([^-]+)-([^-]+)$")


def request_candidates(pool, req: str):
    """The packages a request string can mean (for the cut and for jobs)."""
    names = {p.name for p in pool}
    if req.startswith("/"):
        return [p for p in pool if req in p.files or (p.filelist and any(f == req for _, f in p.filelist))
                or any(d.name == req for d in p.deps["provides"])]
    if "=" in req:
        req = req.split("=", 1)[0]
    m = re.match(r"^(.+)\.(i686|x86_64|noarch)$", req)
    if m and m.group(1) in names:
        return [p for p in pool if p.name == m.group(1) and p.arch == m.group(2)]
    if req in names:
        return [p for p in pool if p.name == req]
    m = PIN.match(req)
    if m and m.group(1) in names:
        return [p for p in pool if p.name == m.group(1)]
    return [p for p in pool if any(d.name == req for d in p.deps["provides"])]


def install_jobs(rec, pool, aliases, policy=()) -> list[str]:
    names = {p.name for p in pool}
    nevrs = {f"{p.name}-{p.ver}-{p.rel}" for p in pool}
    jobs = []
    pattern = rec.get("extra_args", [])[:2] == ["-t", "pattern"]
    for req in rec["request"]:
        if pattern:
            jobs.append(f"job install provides pattern() = {req}")
        elif req.startswith("/"):
            cands = request_candidates(pool, req)
            if cands:
                jobs.append("job install oneof " + " ".join(f"{p.nevra_tc}@{aliases[id(p)]}" for p in cands))
            else:
                jobs.append(f"job install provides {req}")
        elif rec["tool"] == "zypper" and "=" in req:
            n, v = req.split("=", 1)
            jobs.append(f"job install name {n} = {v}")
        elif re.match(r"^(.+)\.(i686|x86_64|noarch)$", req) and req.rsplit(".", 1)[0] in names:
            n, a = req.rsplit(".", 1)
            jobs.append(f"job install name {n} . {a}")
        elif req in names:
            obsoleters = [p for p in pool if any(d.name == req for d in p.deps["obsoletes"])
                          and p.name != req]
            if "obsoleters" in policy and obsoleters:
                cands = [p for p in pool if p.name == req] + obsoleters
                jobs.append("job install oneof " + " ".join(f"{p.nevra_tc}@{aliases[id(p)]}" for p in cands))
            else:
                jobs.append(f"job install name {req}")
        elif rec["tool"] == "dnf" and req in nevrs:
            n, v, r = PIN.match(req).groups()
            jobs.append(f"job install name {n} = {v}-{r}")
        else:
            jobs.append(f"job install provides {req}")
    return jobs


def nevra_tc(p: rpmmd.Package) -> str:
    """libsolv's spelling: name-[epoch:]version-release.arch"""
    e = "" if p.epoch in ("", "0") else p.epoch + ":"
    return f"{p.name}-{e}{p.ver}-{p.rel}.{p.arch}"


rpmmd.Package.nevra_tc = property(nevra_tc)


# --------------------------------------------------------------------------
# writing and checking


def expected_lines(rec, pool, aliases) -> list[str]:
    a = rec["answer"]
    if a["status"] != "ok":
        return []
    by = {f"{p.name}={p.evra}": p for p in pool}
    out = []
    for item in a.get("install", []):
        p = by[item]
        out.append(f"install {p.nevra_tc}@{aliases[id(p)]}")
    for item in a.get("remove", []):
        p = by[item]
        out.append(f"erase {p.nevra_tc}@system")
    return sorted(out)


def testcase_text(rec, rf: RepoFiles, pool, aliases, *, policy=(), libsolv_lines=None) -> str:
    set_name = rec["repos"]
    filelists = rec["tool"] == "dnf"
    state = rec.get("state") or {}
    base = oracle.read_base(rec["base"]) if rec.get("base") else []
    installed = base + state.get("installed", [])
    lines = [f"# {rec['id']}: {rec['title']}",
             f"# tool: {rec['tool']} {rec['tool_version']}",
             "# command: " + " ".join(rec["command"]),
             f"# tool's answer: {rec['answer']['status']}"
             + (f" ({rec['answer'].get('message', '')[:200]!r})" if rec["answer"]["status"] != "ok" else ""),
             "# generated by scripts/rpm-data/oracle.py record (testcases.py)"]
    if installed:
        lines.append(f"repo system 0 testtags repos/{rf.system_file(set_name, filelists, installed)}")
    for alias, _ in oracle.REPO_SETS[set_name]:
        lines.append(f"repo {alias} 99 testtags repos/{rf.repo_file(set_name, alias, filelists)}")
    lines.append("system x86_64 rpm system" if installed else "system x86_64 rpm")
    if "implicitobsoleteusescolors" in policy:
        lines.append("poolflags implicitobsoleteusescolors")
    if "modules" in policy:
        for p in pool:
            if p.nevra_full in rec.get("_modular_hidden", set()):
                lines.append(f"disable pkg {p.nevra_tc}@{aliases[id(p)]}")
    flags = [] if rec.get("weak_deps") else ["ignorerecommended"]
    if "allowuninstall" in policy:
        flags.append("allowuninstall")
    if flags:
        lines.append("solverflags " + " ".join(flags))
    if rec["action"] == "install":
        jobs = install_jobs(rec, pool, aliases, policy)
        if "forcebest" in policy:
            jobs = [j + " [forcebest]" for j in jobs]
        lines += jobs
    else:
        user = sorted(set(oracle.installed_names(base)) | set(state.get("user", [])))
        if "base-not-user" in policy:
            user = sorted(set(state.get("user", [])))
        inst_names = set(oracle.installed_names(installed))
        for req in rec["request"]:
            how = "name" if req in inst_names else "provides"
            lines.append(f"job erase {how} {req} [cleandeps]")
        for n in user:
            lines.append(f"job userinstalled name {n}")
    lines.append("result transaction,problems <inline>")
    if libsolv_lines is not None:
        lines.insert(4, "# both refuse: the result below is libsolv's own problem report")
    for e in (libsolv_lines if libsolv_lines is not None else expected_lines(rec, pool, aliases)):
        lines.append("#>" + e)
    return "\n".join(lines) + "\n"


def libsolv_result(path: str) -> list[str]:
    """What plain libsolv answers (testsolv -r), as result lines."""
    r = subprocess.run(["testsolv", "-r", os.path.basename(path)], cwd=os.path.dirname(path),
                       capture_output=True, text=True)
    return sorted(l for l in r.stdout.splitlines() if l.strip())


def verdict(rec, expected: list[str], got: list[str]) -> str:
    """agrees | both refuse | differs"""
    refused = rec["answer"]["status"] != "ok"
    has_problem = any(l.startswith("problem ") for l in got)
    if refused:
        return "both refuse" if has_problem else "differs"
    return "agrees" if got == expected else "differs"


def missing_names(rec, pool) -> list[str]:
    return [r for r in rec["request"] if not request_candidates(pool, r)
            and not (rec.get("extra_args", [])[:2] == ["-t", "pattern"])]


POLICIES = ["implicitobsoleteusescolors", "modules", "obsoleters", "allowuninstall", "forcebest",
            "base-not-user"]


def modular_hidden(ws, rec) -> set[str]:
    """N-E:V-R.A dnf hides: modular packages of streams not enabled, and
    non-modular packages whose name an enabled stream ships."""
    if rec["repos"] != "cs9":
        return set()
    import lzma
    import gen_cs9
    loc = rpmmd.repomd_locations(dict(ws.repos("cs9"))["appstream"])
    with lzma.open(loc["modules"], "rt") as fp:
        docs = gen_cs9.parse_modules(fp.read())
    hidden, enabled_names, modular = set(), set(), set()
    for d in docs:
        if d["kind"] != "modulemd":
            continue
        modular |= d["artifacts"]
        if rec.get("modules", {}).get(d["name"]) == d["stream"]:
            enabled_names |= {re.match(r"(.+)-\d+:", a).group(1) for a in d["artifacts"]}
        else:
            hidden |= d["artifacts"]
    for p in ws.pool("cs9"):
        if p.name in enabled_names and p.nevra_full not in modular:
            hidden.add(p.nevra_full)
    return hidden


def check_cut(ws: oracle.Workspace) -> None:
    """The cs9-real testcases carry a cut of BaseOS 2022, not all of it: check
    that libsolv gives every one of them the same transaction on the whole
    repository (converted to a temporary file, never committed)."""
    full = {}
    for alias, d in ws.repos("cs9-real"):
        loc = rpmmd.repomd_locations(d)
        for filelists, suffix in ((True, ""), (False, "-primary")):
            out = os.path.join(ws.tmp, f"full-{alias}{suffix}.repo")
            solvtool.testtags(out, loc["primary"], loc["filelists"] if filelists else None)
            full[f"repos/cs9-real-{alias}{suffix}.repo.gz"] = out
    bad = []
    probe = os.path.join(TESTCASES, ".full.t")
    for f in sorted(os.listdir(TESTCASES)):
        if not f.endswith(".t") or f.startswith("."):
            continue
        text = open(os.path.join(TESTCASES, f)).read()
        if "repos/cs9-real-" not in text:
            continue
        for cut, whole in full.items():
            text = text.replace(cut, whole)
        with open(probe, "w") as fp:
            fp.write(text)
        strip = lambda lines: [l for l in lines if not l.startswith("problem ")]  # noqa: E731
        if strip(libsolv_result(probe)) != strip(libsolv_result(os.path.join(TESTCASES, f))):
            bad.append(f)
    os.unlink(probe)
    if bad:
        raise RuntimeError(f"the cs9-real cut solves differently from the whole BaseOS in {bad}")
    print("  cs9-real cut: same libsolv transactions as the whole BaseOS 2022", file=sys.stderr)


def write_all(ws: oracle.Workspace, only=None) -> None:
    recs = []
    sdir = os.path.join(oracle.FIXTURES, "scenarios")
    for f in sorted(os.listdir(sdir)):
        if f.endswith(".json"):
            recs.append(json.load(open(os.path.join(sdir, f))))
    rf = RepoFiles(ws, recs)
    os.makedirs(TESTCASES, exist_ok=True)
    status = []
    for rec in recs:
        if only and rec["id"] not in only:
            continue
        pool = ws.pool(rec["repos"])
        aliases = {id(p): p.origin for p in pool}
        rec["_modular_hidden"] = modular_hidden(ws, rec)
        path = os.path.join(TESTCASES, rec["id"] + ".t")
        expected = expected_lines(rec, pool, aliases)
        with open(path, "w") as fp:
            fp.write(testcase_text(rec, rf, pool, aliases))
        got = libsolv_result(path)
        v = verdict(rec, expected, got)
        if v == "both refuse":
            # libsolv's own problem report stands for the tool's refusal, so
            # the file replays clean under testsolv
            with open(path, "w") as fp:
                fp.write(testcase_text(rec, rf, pool, aliases, libsolv_lines=got))
        fixes = []
        if v == "differs":
            missing = missing_names(rec, pool)
            if rec["answer"]["status"] != "ok" and missing:
                fixes.append("strict-names")
            probe = os.path.join(TESTCASES, ".probe.t")
            for pol in POLICIES + ["all"]:
                policy = POLICIES if pol == "all" else [pol]
                with open(probe, "w") as fp:
                    fp.write(testcase_text(rec, rf, pool, aliases, policy=policy))
                if verdict(rec, expected, libsolv_result(probe)) != "differs":
                    fixes.append(pol)
            os.unlink(probe)
        diff = ""
        if v == "differs":
            only_libsolv = [l for l in got if l not in expected]
            only_tool = [l for l in expected if l not in got]
            diff = " ".join(["+" + l for l in only_libsolv] + ["-" + l for l in only_tool])[:400]
        status.append((rec["id"], rec["tool"], rec["answer"]["status"], v,
                       ",".join(fixes) if fixes else ("" if v != "differs" else "none of the probes"), diff))
        print(f"  testcase {rec['id']}: {v} {','.join(fixes)}", file=sys.stderr)
    check_cut(ws)
    status_file = os.path.join(TESTCASES, "STATUS.tsv")
    rows = {}
    if only and os.path.exists(status_file):
        for line in open(status_file):
            if line.strip() and not line.startswith("#"):
                cells = line.rstrip("\n").split("\t")
                rows[cells[0]] = tuple(cells)
    for row in status:
        rows[row[0]] = row
    known = {r["id"] for r in recs}
    with open(status_file, "w") as fp:
        fp.write("# id\ttool\ttool answer\tplain libsolv (testsolv)\tpolicy probe that fixes it\t"
                 "diff (+ libsolv only, - tool only)\n")
        for rid in sorted(rows):
            if rid in known:
                fp.write("\t".join(rows[rid]) + "\n")
    if not only:
        used = set()
        for f in os.listdir(TESTCASES):
            if f.endswith(".t"):
                used |= set(re.findall(r"repos/(\S+)", open(os.path.join(TESTCASES, f)).read()))
        for f in os.listdir(REPOS):
            if f not in used:
                os.unlink(os.path.join(REPOS, f))
