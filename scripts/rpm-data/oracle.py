#!/usr/bin/env python3
"""Ask the real dnf and zypper (Debian's packages) what they would install or
remove, and record their answers as fixtures.

    scripts/rpm-data/oracle.py record [--only ID,...] [--shared DIR]
        run every scenario of scenarios.py; write fixtures/rpm/scenarios/ID.json
        and the libsolv testcases (fixtures/rpm/testcases/)
    scripts/rpm-data/oracle.py replay FILE.json [--shared DIR]
        run one recorded scenario again; print its answer as JSON (what the
        C++ test tests/rpm/oracle_replay_test.cpp compares with the record)
    scripts/rpm-data/oracle.py check
        libsolv installcheck (rpm semantics) of both bundled repositories

Command lines: docs/rpm-side.md §3. Roots: an empty directory, or an
rpmdb (usr/lib/sysimage/rpm, var/lib/rpm -> ../../usr/lib/sysimage/rpm)
holding stub packages (rpmbuild, AutoReqProv: no) that carry the name, EVR,
arch, dependencies and required files of the base image's packages, installed
with rpm --justdb. Nothing in the repository is written by `replay`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import rpmmd  # noqa: E402
import solvtool  # noqa: E402

SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED_DEFAULT = os.path.normpath(os.path.join(SOURCE, "..", "shared"))
FIXTURES = os.path.join(SOURCE, "fixtures", "rpm")
SYSIMAGE = "/usr/lib/sysimage/rpm"

# Repository sets a scenario can name. "shared:" paths are read from the
# shared corpus and copied to a temporary directory, never into the project.
REPO_SETS = {
    "cs9-real": [("baseos", "shared:corpus/rpm/cs9-baseos-2022")],
    "cs9": [("baseos", "profiles/data/repos/centos-stream-9/baseos"),
            ("appstream", "profiles/data/repos/centos-stream-9/appstream")],
    "leap": [("oss", "profiles/data/repos/opensuse-leap-15.6")],
}
BASES = {
    "cs9": "profiles/data/repos/centos-stream-9/base-packages.txt",
    "leap": "profiles/data/repos/opensuse-leap-15.6/base-packages.txt",
}


# --------------------------------------------------------------------------
# tools


def tool_version(tool: str) -> str:
    if tool == "dnf":
        out = subprocess.run(["dnf", "--version"], capture_output=True, text=True).stdout
        return out.splitlines()[0].strip()
    out = subprocess.run(["zypper", "--version"], capture_output=True, text=True).stdout
    return out.strip().split()[-1]


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


# --------------------------------------------------------------------------
# repositories


class Workspace:
    """Temporary copies of shared repos, stub packages and prepared roots."""

    def __init__(self, shared: str):
        self.shared = shared
        self.tmp = tempfile.mkdtemp(prefix="locidep-rpm-oracle-")
        self.repo_dirs: dict[str, str] = {}
        self.pools: dict[str, list[rpmmd.Package]] = {}
        self.roots: dict[str, str] = {}

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def repo_dir(self, path: str) -> str:
        if path in self.repo_dirs:
            return self.repo_dirs[path]
        if path.startswith("shared:"):
            src = os.path.join(self.shared, path[len("shared:"):])
            if not os.path.isdir(src):
                raise MissingInput(f"shared data {src} is missing")
            dst = os.path.join(self.tmp, "repos", re.sub(r"\W", "_", path))
            shutil.copytree(src, dst)
            for root, dirs, files in os.walk(dst):
                os.chmod(root, 0o755)
                for f in files:
                    os.chmod(os.path.join(root, f), 0o644)
        else:
            dst = os.path.join(SOURCE, path)
        self.repo_dirs[path] = dst
        return dst

    def repos(self, set_name: str) -> list[tuple[str, str]]:
        return [(alias, self.repo_dir(p)) for alias, p in REPO_SETS[set_name]]

    def pool(self, set_name: str) -> list[rpmmd.Package]:
        if set_name not in self.pools:
            pkgs = []
            for alias, d in self.repos(set_name):
                pkgs += rpmmd.read_repo(d, alias)
            self.pools[set_name] = pkgs
        return self.pools[set_name]


class MissingInput(Exception):
    pass


# --------------------------------------------------------------------------
# stub packages and roots


def required_files(pool) -> set[str]:
    req = set()
    for p in pool:
        for kind in ("requires", "conflicts", "recommends", "supplements"):
            for d in p.deps.get(kind, ()):
                if d.is_rich:
                    req |= {a.name for a in rpmmd.rich_atoms(rpmmd.parse_rich(d.name)) if a.name.startswith("/")}
                elif d.name.startswith("/"):
                    req.add(d.name)
    return req


def _spec_dep(d: rpmmd.Dep) -> str:
    if not d.flags:
        return d.name
    return f"{d.name} {rpmmd.FLAG_OP[d.flags]} {d.evr}"


def stub_spec(p: rpmmd.Package, needed_files: set[str]) -> str:
    lines = [f"Name: {p.name}", f"Version: {p.ver}", f"Release: {p.rel}"]
    if p.epoch not in ("", "0"):
        lines.append(f"Epoch: {p.epoch}")
    lines += ["Summary: locidep oracle stub", "License: none", "AutoReqProv: no"]
    if p.arch == "noarch":
        lines.append("BuildArch: noarch")
    tags = {"provides": "Provides", "requires": "Requires", "conflicts": "Conflicts",
            "obsoletes": "Obsoletes", "recommends": "Recommends", "suggests": "Suggests",
            "supplements": "Supplements", "enhances": "Enhances"}
    for kind, tag in tags.items():
        for d in p.deps.get(kind, ()):
            if d.name.startswith("rpmlib("):
                continue
            if kind == "provides" and d.name in (p.name, f"{p.name}(x86-64)") and d.flags == "EQ":
                continue
            t = f"{tag}(pre)" if kind == "requires" and d.pre else tag
            lines.append(f"{t}: {_spec_dep(d)}")
    # Only the paths some dependency points at: they are all that dnf and
    # zypper look for in an rpmdb's file lists.
    files = set(p.files)
    if p.filelist is not None:
        files |= {f for _, f in p.filelist}
    files = sorted(files & needed_files)
    dirs = {f for f in files if any(g.startswith(f + "/") for g in files)}
    lines += ["%description", "stub", "%install"]
    for f in files:
        q = f.replace("'", "")
        if f in dirs:
            lines.append(f"mkdir -p \"%{{buildroot}}{q}\"")
        else:
            lines.append(f"mkdir -p \"%{{buildroot}}$(dirname '{q}')\" && touch \"%{{buildroot}}{q}\"")
    lines.append("%files")
    for f in files:
        lines.append(("%dir " if f in dirs else "") + '"' + f.replace("%", "%%") + '"')
    return "\n".join(lines) + "\n"


def stub_cache() -> str:
    d = os.path.join(solvtool.cache_dir(), "stubs")
    os.makedirs(d, exist_ok=True)
    return d


def build_stubs(pkgs, needed_files) -> list[str]:
    """Stub rpms for PKGS (cached by the spec's hash)."""
    out = []
    todo = []
    for p in pkgs:
        spec = stub_spec(p, needed_files)
        h = hashlib.sha256(spec.encode()).hexdigest()[:16]
        path = os.path.join(stub_cache(), f"{p.nevra}.{h}.rpm")
        out.append(path)
        if not os.path.exists(path):
            todo.append((p, spec, path))
    for i, (p, spec, path) in enumerate(todo):
        with tempfile.TemporaryDirectory(prefix="stub-") as top:
            sp = os.path.join(top, "stub.spec")
            with open(sp, "w") as fp:
                fp.write(spec)
            r = subprocess.run(["rpmbuild", "-bb", "--quiet", "--target", p.arch,
                                "--define", f"_topdir {top}", "--define", "_build_id_links none",
                                "--define", "__os_install_post %{nil}", sp],
                               capture_output=True, text=True)
            built = [os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(top, "RPMS")) for f in fs]
            if r.returncode != 0 or len(built) != 1:
                raise RuntimeError(f"rpmbuild of a stub for {p.nevra} failed:\n{r.stderr}\n{spec}")
            shutil.move(built[0], path + ".tmp")
            os.replace(path + ".tmp", path)
        if (i + 1) % 50 == 0:
            print(f"  built {i + 1}/{len(todo)} stubs", file=sys.stderr)
    return out


def read_base(path: str) -> list[str]:
    return [line.strip() for line in open(os.path.join(SOURCE, path), encoding="utf-8")
            if line.strip() and not line.startswith("#")]


def find_nevras(pool, nevras: list[str]):
    by = {p.nevra: p for p in pool}
    missing = [n for n in nevras if n not in by]
    if missing:
        raise RuntimeError(f"not in the repositories: {missing[:5]}")
    return [by[n] for n in nevras]


def make_root(ws: Workspace, repo_set: str, nevras: list[str], key: str) -> str:
    """A root whose rpmdb holds stubs of NEVRAS (cached per KEY; each
    scenario gets its own copy)."""
    if not nevras:
        root = tempfile.mkdtemp(prefix="root-", dir=ws.tmp)
        return root
    if key not in ws.roots:
        pool = ws.pool(repo_set)
        pkgs = find_nevras(pool, nevras)
        stubs = build_stubs(pkgs, required_files(pool))
        proto = os.path.join(ws.tmp, "proto-" + hashlib.sha256(key.encode()).hexdigest()[:12])
        os.makedirs(os.path.join(proto, SYSIMAGE.lstrip("/")))
        os.makedirs(os.path.join(proto, "var", "lib"))
        os.symlink("../../usr/lib/sysimage/rpm", os.path.join(proto, "var", "lib", "rpm"))
        r = subprocess.run(["rpm", "--root", proto, "--dbpath", SYSIMAGE, "-i", "--justdb", "--nodeps",
                            "--force-debian", "--noscripts", "--notriggers", "--ignorearch", "--ignoreos",
                            "--replacefiles", "--replacepkgs", *stubs], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"rpm --justdb failed: {r.stderr[-2000:]}")
        ws.roots[key] = proto
    root = tempfile.mkdtemp(prefix="root-", dir=ws.tmp)
    shutil.rmtree(root)
    shutil.copytree(ws.roots[key], root, symlinks=True)
    return root


# --------------------------------------------------------------------------
# running the tools


def _home(ws: Workspace) -> str:
    home = os.path.join(ws.tmp, "home")
    if not os.path.isdir(home):
        os.makedirs(home)
        with open(os.path.join(home, ".rpmmacros"), "w") as fp:
            fp.write(f"%_dbpath {SYSIMAGE}\n")
    return home


def dnf_argv(sc, root, repos, cachedir) -> list[str]:
    argv = ["dnf", f"--installroot={root}", "--releasever=9", "--setopt=reposdir=/dev/null",
            f"--setopt=cachedir={cachedir}", "--setopt=module_platform_id=platform:el9",
            f"--setopt=install_weak_deps={'True' if sc.get('weak_deps') else 'False'}",
            "--nogpgcheck", "--noplugins"]
    for opt in sc.get("setopt", []):
        argv.append(f"--setopt={opt}")
    for alias, d in repos:
        argv.append(f"--repofrompath={alias},file://{d}")
    for alias, _ in repos:
        argv.append(f"--repo={alias}")
    return argv


def zypper_argv(sc, root, repos) -> list[str]:
    argv = ["zypper", "--non-interactive", "--no-gpg-checks", "--root", root]
    for _, d in repos:
        argv += ["-p", f"dir://{d}"]
    return argv + ["-x"]


def run(argv, env=None):
    r = subprocess.run(argv, capture_output=True, text=True, env=env)
    return r.returncode, r.stdout, r.stderr


def scrub(text: str, ws: Workspace) -> str:
    text = re.sub(re.escape(ws.tmp) + r"/root-\w+", "{root}", text)
    text = text.replace(ws.tmp, "{tmp}")
    text = text.replace(SOURCE, "{source}")
    return text


def sort_set(items):
    return sorted(set(items))


def parse_dnf(rc, out, err):
    sections = {}
    section = None
    pending = []
    for line in out.splitlines():
        m = re.match(r"^([A-Z][A-Za-z ]+):$", line)
        if m:
            section = m.group(1)
            pending = []
            continue
        if line.startswith("Transaction Summary") or line.startswith("=") and section:
            if line.startswith("Transaction Summary"):
                section = None
            continue
        if section and line.startswith(" "):
            pending += line.split()
            if len(pending) >= 5:
                name, arch, evr, repo = pending[:4]
                sections.setdefault(section, []).append((name, arch, evr, repo))
                pending = []
    install, remove = [], []
    for sec, rows in sections.items():
        for name, arch, evr, repo in rows:
            item = f"{name}={evr}.{arch}"
            if sec.startswith("Installing") or sec.startswith("Upgrading") or sec.startswith("Downgrading"):
                install.append(item)
            elif sec.startswith("Removing"):
                remove.append(item)
    messages = [l for l in err.splitlines() if l.strip() and not l.startswith("Added ")
                and "MB/s" not in l and "kB/s" not in l and not l.startswith("Last metadata")
                and l.strip() != "Operation aborted."]
    errors = [l for l in err.splitlines() if l.startswith("Error") or l.startswith(" Problem")
              or l.startswith("  - ") or l.startswith("No match for argument")]
    if "Nothing to do." in out or "Nothing to do." in err:
        return dict(status="ok", install=[], remove=[], messages=messages, sections={})
    if "Transaction Summary" in out and not any(l.startswith("Error") for l in err.splitlines()):
        return dict(status="ok", install=sort_set(install), remove=sort_set(remove), messages=messages,
                    sections={k: sorted(f"{n}={e}.{a}" for n, a, e, _ in v) for k, v in sections.items()})
    return dict(status="refused", exit_code=rc, message="\n".join(errors or messages))


def parse_zypper(rc, out, err):
    xml = out[out.find("<?xml"):] if "<?xml" in out else out
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        return dict(status="error", exit_code=rc, message=f"unparsable zypper output: {e}: {err[-500:]}")
    install, remove = [], []
    sections = {}
    summary = root.find("install-summary")
    if summary is not None:
        for sec in summary:
            items = []
            for s in sec.findall("solvable"):
                items.append(f"{s.get('name')}={s.get('edition')}.{s.get('arch')}")
            sections[sec.tag] = sorted(items)
            if sec.tag in ("to-install", "to-upgrade", "to-downgrade", "to-reinstall"):
                install += items
            elif sec.tag == "to-remove":
                remove += items
    errors = [m.text or "" for m in root.iter("message") if m.get("type") == "error"]
    infos = [m.text or "" for m in root.iter("message")
             if (m.get("type") == "warning" and "file conflicts check" not in (m.text or ""))
             or (m.get("type") == "info" and ("not found" in (m.text or "") or "already installed" in (m.text or "")
                                              or "No update candidate" in (m.text or "")))]
    prompts = [p.findtext("description") or "" for p in root.iter("prompt")]
    if rc == 0:
        return dict(status="ok", install=sort_set(install), remove=sort_set(remove),
                    messages=infos, sections=sections)
    return dict(status="refused", exit_code=rc, message="\n".join(errors + prompts).strip())


def installed_names(nevras):
    return sorted({re.match(r"(.+)-[^-]+-[^-]+\.[^.]+$", n).group(1) for n in nevras})


def run_scenario(sc: dict, ws: Workspace) -> dict:
    """Run SC with its tool; returns the answer (and, for removals, the state
    it started from, when SC does not carry it yet)."""
    tool = sc["tool"]
    repos = ws.repos(sc["repos"])
    base = read_base(BASES[sc["base"]]) if sc.get("base") else []
    state = dict(sc.get("state") or {})
    if sc["action"] == "remove" and "installed" not in state:
        # the install that came before: the same tool, on the same base
        pre = dict(sc, action="install", request=sc["before"], state=None)
        ans = run_scenario(pre, ws)["answer"]
        if ans["status"] != "ok":
            raise RuntimeError(f"{sc['id']}: the install before the removal failed: {ans}")
        installed = sorted(a_to_nevra(x) for x in ans["install"])
        state = dict(installed=installed, user=user_installed(ws.pool(sc["repos"]), installed, sc["before"]))
    installed = state.get("installed", [])
    key = f"{sc['repos']}|{sc.get('base')}|{' '.join(installed)}"
    root = make_root(ws, sc["repos"], base + installed, key)
    auto = [n for n in installed_names(installed) if n not in state.get("user", [])]
    env = dict(os.environ, HOME=_home(ws), LC_ALL="C.UTF-8", LANG="C.UTF-8")
    cachedir = root + ".cache"
    if tool == "dnf":
        common = dnf_argv(sc, root, repos, cachedir)
        if auto:
            rc, out, err = run(common + ["-y", "mark", "remove", *auto], env)
            if rc != 0:
                raise RuntimeError(f"dnf mark remove failed: {err}")
        if state.get("user"):
            rc, out, err = run(common + ["-y", "mark", "install", *state["user"]], env)
            if rc != 0:
                raise RuntimeError(f"dnf mark install failed: {err}")
        for mod, stream in sorted(sc.get("modules", {}).items()):
            os.makedirs(os.path.join(root, "etc", "dnf", "modules.d"), exist_ok=True)
            with open(os.path.join(root, "etc", "dnf", "modules.d", f"{mod}.module"), "w") as fp:
                fp.write(f"[{mod}]\nname={mod}\nstream={stream}\nprofiles=\nstate=enabled\n")
        argv = common + ["--assumeno", sc["action"], *sc["request"]]
        rc, out, err = run(argv, env)
        answer = parse_dnf(rc, out, err)
    else:
        if auto:
            d = os.path.join(root, "var", "lib", "zypp")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "AutoInstalled"), "w") as fp:
                fp.write("# Written by locidep's oracle harness\n" + "\n".join(auto) + "\n")
        argv = zypper_argv(sc, root, repos) + [sc["action"], "--dry-run"]
        if sc["action"] == "install":
            argv.append("--recommends" if sc.get("weak_deps") else "--no-recommends")
        else:
            argv.append("--clean-deps")
        argv += sc.get("extra_args", []) + sc["request"]
        rc, out, err = run(argv, env)
        answer = parse_zypper(rc, out, err)
    if answer.get("message"):
        answer["message"] = scrub(answer["message"], ws)
    if answer.get("messages"):
        answer["messages"] = [scrub(m, ws) for m in answer["messages"]]
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(cachedir, ignore_errors=True)
    return dict(answer=answer, state=state, command=[scrub(a, ws) for a in argv])


def user_installed(pool, installed: list[str], request: list[str]) -> list[str]:
    """The names dnf and zypper record as installed on request: the packages
    of the install that a request argument named, by name or capability."""
    by = {p.nevra: p for p in pool}
    user = set()
    for nevra in installed:
        p = by[nevra]
        for req in request:
            if req == p.name or any(d.name == req for d in p.deps["provides"]):
                user.add(p.name)
    return sorted(user)


def a_to_nevra(item: str) -> str:
    """name=[epoch:]version-release.arch -> name-[epoch:]version-release.arch"""
    name, rest = item.split("=", 1)
    return f"{name}-{rest}"


# --------------------------------------------------------------------------
# commands


def cmd_record(args) -> int:
    import scenarios
    import testcases
    ws = Workspace(args.shared)
    only = set(args.only.split(",")) if args.only else None
    outdir = os.path.join(FIXTURES, "scenarios")
    os.makedirs(outdir, exist_ok=True)
    versions = {t: tool_version(t) for t in ("dnf", "zypper") if have(t)}
    recorded = []
    try:
        for sc in scenarios.SCENARIOS:
            if only and sc["id"] not in only:
                continue
            if sc["tool"] not in versions:
                print(f"skip {sc['id']}: {sc['tool']} is not installed", file=sys.stderr)
                continue
            print(f"{sc['id']} ...", file=sys.stderr)
            res = run_scenario(sc, ws)
            rec = {
                "id": sc["id"], "title": sc["title"], "tool": sc["tool"], "tool_version": versions[sc["tool"]],
                "repos": sc["repos"], "repo_paths": dict(REPO_SETS[sc["repos"]]),
                "base": BASES[sc["base"]] if sc.get("base") else None,
                "action": sc["action"], "request": sc["request"],
                "weak_deps": bool(sc.get("weak_deps")), "modules": sc.get("modules", {}),
                "setopt": sc.get("setopt", []), "extra_args": sc.get("extra_args", []),
                "state": res["state"] or None, "command": res["command"], "answer": res["answer"],
            }
            if sc["action"] == "remove":
                rec["before"] = sc["before"]
            if sc.get("note"):
                rec["note"] = sc["note"]
            path = os.path.join(outdir, sc["id"] + ".json")
            with open(path, "w") as fp:
                json.dump(rec, fp, indent=1, sort_keys=False)
                fp.write("\n")
            recorded.append(rec)
            a = rec["answer"]
            print(f"  {a['status']} +{len(a.get('install', []))} -{len(a.get('remove', []))}"
                  f" {a.get('message', '')[:100]!r}", file=sys.stderr)
        testcases.write_all(ws, only)
    finally:
        ws.close()
    return 0


def cmd_replay(args) -> int:
    rec = json.load(open(args.file))
    if not have(rec["tool"]):
        print(json.dumps({"skip": f"{rec['tool']} is not installed"}))
        return 0
    sc = dict(rec)
    sc["base"] = next((k for k, v in BASES.items() if v == rec["base"]), None)
    ws = Workspace(args.shared)
    try:
        res = run_scenario(sc, ws)
    except MissingInput as e:
        print(json.dumps({"skip": str(e)}))
        return 0
    finally:
        ws.close()
    print(json.dumps({"tool_version": tool_version(rec["tool"]), "answer": res["answer"]}, indent=1))
    return 0


def cmd_check(args) -> int:
    bad = 0
    for name, repo_set in (("centos-stream-9", "cs9"), ("opensuse-leap-15.6", "leap")):
        specs = []
        for _, p in REPO_SETS[repo_set]:
            loc = rpmmd.repomd_locations(os.path.join(SOURCE, p))
            specs.append((loc["primary"], loc.get("filelists") if repo_set != "leap" else None))
        ok, out = solvtool.installcheck("x86_64", specs)
        print(f"{name}: {out.strip().splitlines()[-1]}")
        if not ok:
            print(out)
            bad += 1
        # every base package must be in the repositories
        pool = []
        for _, p in REPO_SETS[repo_set]:
            pool += rpmmd.read_repo(os.path.join(SOURCE, p))
        have_nevras = {p.nevra for p in pool}
        missing = [n for n in read_base(BASES[repo_set]) if n not in have_nevras]
        if missing:
            print(f"{name}: base packages missing from the repositories: {missing}")
            bad += 1
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("--only")
    r.add_argument("--shared", default=SHARED_DEFAULT)
    p = sub.add_parser("replay")
    p.add_argument("file")
    p.add_argument("--shared", default=SHARED_DEFAULT)
    sub.add_parser("check")
    args = ap.parse_args()
    return {"record": cmd_record, "replay": cmd_replay, "check": cmd_check}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
