#!/usr/bin/env python3
"""Generate profiles/data/repos/centos-stream-9/: a small CentOS Stream 9
BaseOS + AppStream pair cut out of the real snapshots in
../shared/corpus/rpm/ (BaseOS Feb 2022 with filelists, AppStream Jan 2025 with
modules.yaml), for the packages the LOCI-style catalogue asks for, plus a
base-image package list.

    scripts/rpm-data/gen_cs9.py [--shared DIR] [--out DIR]

Entries are copied from the snapshots as they are, except the requirements
that pin BaseOS versions newer than the 2022 snapshot (AppStream is three
years younger); each such change is listed in PROVENANCE.md. Deterministic:
running it again gives the same bytes."""

from __future__ import annotations

import argparse
import lzma
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import catalogue  # noqa: E402
from closure import Closure, newest_per_name  # noqa: E402
from rpmmd import (Dep, Evr, Index, evrcmp, read_filelists, read_primary,  # noqa: E402
                   repomd_locations, set_dep_entry, write_repo)

SHARED_DEFAULT = os.path.normpath(os.path.join(catalogue.SOURCE, "..", "shared"))
OUT_DEFAULT = os.path.join(catalogue.SOURCE, "profiles", "data", "repos", "centos-stream-9")

# Modules whose streams we keep (with their modular packages), so module
# filtering can be tested: the catalogue asks for nginx and mariadb, and
# libpq-devel sits next to the postgresql module.
KEEP_MODULES = ("nginx", "mariadb", "postgresql")
# Extra names for scenarios: multilib (i686) and a few AppStream packages
# with rich dependencies.
EXTRA_ROOTS = ["nginx-core", "postgresql", "postgresql-server", "python3-pip"]
I686_ROOTS = ["zlib-devel", "glibc-devel", "libffi-devel"]
# AppStream names that get their two newest versions (pinning scenarios).
TWO_VERSIONS = ["httpd", "python3-mod_wsgi", "gcc", "mod_ssl", "git"]

# The quay.io/centos/centos:stream9 image is not in the corpus; its package
# set is taken to be the Rocky Linux 9.3 image's (corpus/base-images), with
# Rocky's branding packages swapped for CentOS Stream's.
BASE_RENAME = {"rocky-gpg-keys": "centos-gpg-keys", "rocky-release": "centos-stream-release",
               "rocky-repos": "centos-stream-repos"}
# Kept out of the base: not in the real stream9 image (they come with Rocky's
# build of dnf's plugins and binutils' gold linker, which the CentOS image
# does not carry) -- decided, not measured.
BASE_DROP = set()

# CentOS Stream 9 rebased openldap from 2.4 to 2.6 in mid 2022 (sonames
# libldap-2.4.so.2 -> libldap.so.2 ...): AppStream 2025 links the 2.6 names,
# BaseOS 2022 ships 2.4. Requirements on a 2.6 soname are pointed at the 2.4
# library that BaseOS 2022 has (symbol versions OPENLDAP_2.200 dropped).
SONAME_MAP = {"libldap.so.2": "libldap-2.4.so.2", "liblber.so.2": "liblber-2.4.so.2",
              "libslapi.so.2": "libslapi-2.4.so.2"}

# Files a filelists entry keeps: everything except what no dependency ever
# points at (build-ids, docs, man pages, translations, licences).
DROP_FILE = re.compile(r"^/usr/(lib/\.build-id|share/(doc|man|locale|licenses|info))(/|$)")


def parse_modules(text: str):
    """Documents of a modules.yaml: dicts with kind, name, stream, version,
    artifacts (set of N-E:V-R.A) and the original text."""
    docs = []
    for chunk in re.split(r"^---\s*$", text, flags=re.M):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        kind = re.search(r"^document:\s*(\S+)", chunk, re.M).group(1)
        name = re.search(r"^  (?:name|module):\s*(\S+)", chunk, re.M)
        stream = re.search(r'^  stream:\s*"?([^"\n]+)"?', chunk, re.M)
        version = re.search(r"^  version:\s*(\d+)", chunk, re.M)
        arts = set()
        m = re.search(r"^  artifacts:\n    rpms:\n((?:    - .*\n?)+)", chunk, re.M)
        if m:
            arts = {line.strip()[2:] for line in m.group(1).splitlines()}
        docs.append(dict(kind=kind, name=name.group(1) if name else None,
                         stream=stream.group(1) if stream else None,
                         version=int(version.group(1)) if version else 0,
                         artifacts=arts, text=chunk.rstrip().rstrip(".").rstrip()))
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=SHARED_DEFAULT)
    ap.add_argument("--out", default=OUT_DEFAULT)
    args = ap.parse_args()
    corpus = os.path.join(args.shared, "corpus", "rpm")

    bo_dir = os.path.join(corpus, "cs9-baseos-2022")
    as_dir = os.path.join(corpus, "cs9-appstream-2025")
    bo_loc = repomd_locations(bo_dir)
    as_loc = repomd_locations(as_dir)
    print("reading BaseOS 2022 ...", file=sys.stderr)
    baseos = read_primary(bo_loc["primary"], "baseos")
    fl = read_filelists(bo_loc["filelists"])
    for p in baseos:
        p.filelist = [(t, f) for t, f in fl.get(p.pkgid, []) if not DROP_FILE.match(f)]
    del fl
    print("reading AppStream 2025 ...", file=sys.stderr)
    appstream = read_primary(as_loc["primary"], "appstream")
    with lzma.open(as_loc["modules"], "rt") as fp:
        modules = parse_modules(fp.read())

    # Modular packages: hidden by dnf unless their stream is enabled. Keep
    # the newest context of each stream of KEEP_MODULES; drop the others.
    modular = set()
    for d in modules:
        modular |= d["artifacts"]
    kept_docs = []
    newest_doc = {}
    for d in modules:
        if d["kind"] == "modulemd" and d["name"] in KEEP_MODULES:
            k = (d["name"], d["stream"])
            if k not in newest_doc or d["version"] > newest_doc[k]["version"]:
                newest_doc[k] = d
    keep_modular = {}
    for d in newest_doc.values():
        for a in d["artifacts"]:
            keep_modular[a] = f"{d['name']}:{d['stream']}"
    bo_names = {p.name for p in baseos}
    pool_pkgs = list(baseos)
    dropped_moved = set()
    for p in appstream:
        if p.arch == "src":
            continue
        full = p.nevra_full
        if full in modular and full not in keep_modular:
            continue
        if p.name in bo_names and full not in modular:
            dropped_moved.add(p.name)   # in BaseOS in 2022: BaseOS's entry wins
            continue
        p.stream = keep_modular.get(full, "")
        pool_pkgs.append(p)
    pool = Index(pool_pkgs)

    def allow_arch(pkg, cand):
        if cand.arch == "i686":
            return pkg is None or pkg.arch == "i686"
        return True

    def prefer(cands):
        return cands

    cl = Closure(pool, allow_arch, weak=True, prefer=prefer,
                 supplement_ok=lambda c: c.arch != "i686" and c.nevra_full not in keep_modular)

    # Base image set.
    rocky = os.path.join(args.shared, "corpus", "base-images", "rockylinux-9.3-aarch64_rpm-qa.tsv")
    base_names = []
    for line in open(rocky, encoding="utf-8").read().splitlines()[1:]:
        n = line.split("\t")[1]
        n = BASE_RENAME.get(n, n)
        if n not in BASE_DROP and n not in base_names:
            base_names.append(n)
    bo_newest = newest_per_name([p for p in baseos if p.arch != "i686"])
    base = []
    missing_base = []
    for n in base_names:
        cands = [p for (nm, a), p in bo_newest.items() if nm == n]
        if not cands:
            missing_base.append(n)
            continue
        base.extend(cands)
    # Close the base inside BaseOS, preferring what is already there.
    base_index = Index(base)
    bo_index = Index(list(bo_newest.values()))
    added_base = []
    changed = True
    while changed:
        changed = False
        for p in list(base):
            for dep in p.deps["requires"]:
                if dep.is_rich or dep.name.startswith("rpmlib("):
                    continue
                if base_index.providers(dep):
                    continue
                provs = bo_index.providers(dep)
                if not provs:
                    raise SystemExit(f"base: nothing in BaseOS provides {dep} for {p.nevra}")
                pick = sorted(provs, key=lambda c: (len(c.name), c.name))[0]
                base.append(pick)
                base_index.add(pick)
                added_base.append((pick.name, str(dep), p.name))
                changed = True
    for p in base:
        cl.add(p, "base image")

    # Catalogue roots.
    wanted = catalogue.wanted_names("redhat") + EXTRA_ROOTS
    missing_names = []
    for n in wanted:
        provs = [c for c in pool.providers(Dep(n)) if c.arch != "i686"]
        if not provs:
            missing_names.append(n)
            continue
        for p in cl._best(provs):
            cl.add(p, f"catalogue {n}")
    for n in I686_ROOTS:
        for p in cl._best([c for c in pool.by_name.get(n, []) if c.arch == "i686"]):
            cl.add(p, f"multilib {n}.i686")
    for n in TWO_VERSIONS:
        vers = sorted({(p.epoch, p.ver, p.rel) for p in pool.by_name.get(n, []) if p.origin == "appstream"
                       and p.nevra_full not in modular}, key=_cmpkey)
        if len(vers) >= 2:
            e = vers[-2]
            for p in pool.by_name[n]:
                if (p.epoch, p.ver, p.rel) == e and p.arch != "i686":
                    cl.add(p, f"older {n} for pinning")
    print("closing ...", file=sys.stderr)
    cl.run()
    selected = cl.selected

    # Rewrite the pins AppStream 2025 puts on BaseOS packages newer than 2022.
    sel_index = Index(selected)
    changes = []
    for p in sorted(selected, key=lambda x: x.nevra):
        if p.origin != "appstream":
            continue
        for dep in list(p.deps["requires"]):
            if dep.is_rich or dep.name.startswith("rpmlib("):
                continue
            if sel_index.providers(dep):
                continue
            provs = [c for c in sel_index.providers(Dep(dep.name)) if allow_arch(p, c)]
            bo_provs = [c for c in provs if c.origin == "baseos"]
            if bo_provs and dep.flags:
                target = max(bo_provs, key=lambda c: _cmpkey((c.epoch, c.ver, c.rel)))
                # the provide's own EVR on that provider
                pe = [d for d in target.deps["provides"] if d.name == dep.name and d.flags]
                if pe:
                    new_evr = pe[0].evr
                    new = Dep(dep.name, dep.flags if dep.flags in ("EQ", "GE", "LE") else "GE", new_evr, dep.pre)
                    if dep.flags in ("GE", "GT"):
                        new = Dep(dep.name, "GE", new_evr, dep.pre)
                    set_dep_entry(p, "requires", dep, new)
                    changes.append((p.nevra, f"Requires: {dep}", f"Requires: {new}", f"BaseOS 2022 has {target.nevra}"))
                    continue
                if dep.name.startswith("/") or not pe:
                    new = Dep(dep.name, "", Evr(), dep.pre)
                    set_dep_entry(p, "requires", dep, new)
                    changes.append((p.nevra, f"Requires: {dep}", f"Requires: {new}", f"BaseOS 2022 has {target.nevra} (unversioned provide)"))
                    continue
            # A symbol version (soname(SYMBOL)(64bit)) BaseOS 2022 lacks: fall
            # back to the plain soname the same library provides.
            m = re.match(r"^(.+?\.so[^()]*)\(([^()]*)\)(\(64bit\))?$", dep.name)
            if m and not dep.flags:
                soname = SONAME_MAP.get(m.group(1), m.group(1))
                plain = f"{soname}(){m.group(3) or ''}"
                prov = [c for c in sel_index.providers(Dep(plain)) if allow_arch(p, c)]
                if prov:
                    new = Dep(plain, "", Evr(), dep.pre)
                    set_dep_entry(p, "requires", dep, new)
                    why = (f"openldap 2.6 soname; BaseOS 2022 has {prov[0].nevra}" if soname != m.group(1)
                           else f"symbol version newer than BaseOS 2022's {prov[0].nevra}")
                    changes.append((p.nevra, f"Requires: {dep}", f"Requires: {new}", why))
                    continue
            changes.append((p.nevra, f"Requires: {dep}", "(unresolved)", "no provider in the cut"))
    # Conflicts of AppStream 2025 entries against BaseOS 2022 packages of the
    # base image make them uninstallable: report them (none expected).
    base_ids = {id(p) for p in base}
    for p in selected:
        if p.origin != "appstream":
            continue
        for dep in list(p.deps["conflicts"]):
            if dep.is_rich:
                continue
            hits = [c for c in sel_index.providers(dep) if id(c) in base_ids and c.origin == "baseos"]
            if hits:
                set_dep_entry(p, "conflicts", dep, None)
                changes.append((p.nevra, f"Conflicts: {dep}", "(dropped)",
                                f"would conflict with base-image {hits[0].nevra} of BaseOS 2022"))

    unresolved = [c for c in changes if c[2] == "(unresolved)"]
    bo_sel = sorted([p for p in selected if p.origin == "baseos"], key=lambda p: (p.name, p.arch, p.nevra))
    as_sel = sorted([p for p in selected if p.origin == "appstream"], key=lambda p: (p.name, p.arch, p.nevra))

    # modules.yaml of the cut: the kept stream documents (as published) and
    # their modules' defaults documents.
    as_full = {p.nevra_full for p in as_sel}
    mod_text = []
    used_modules = set()
    for d in sorted(newest_doc.values(), key=lambda d: (d["name"], d["stream"])):
        if d["artifacts"] & as_full:
            used_modules.add(d["name"])
    for d in modules:
        if d["kind"] == "modulemd-defaults" and d["name"] in used_modules:
            mod_text.append(d["text"])
    for d in sorted(newest_doc.values(), key=lambda d: (d["name"], d["stream"])):
        if d["name"] in used_modules:
            mod_text.append(d["text"])
    modules_yaml = "".join(f"---\n{t}\n...\n" for t in mod_text).encode()

    out = args.out
    os.makedirs(out, exist_ok=True)
    s_bo = write_repo(os.path.join(out, "baseos"), bo_sel, filelists=True, revision=1644263915)
    s_as = write_repo(os.path.join(out, "appstream"), as_sel, filelists=True, revision=1736761560,
                      extra=[("modules", "modules.yaml.xz", lzma.compress(modules_yaml, preset=9))])

    with open(os.path.join(out, "base-packages.txt"), "w") as fp:
        fp.write("# CentOS Stream 9 base image (quay.io/centos/centos:stream9), as modelled:\n"
                 "# see PROVENANCE.md. One NAME-[EPOCH:]VERSION-RELEASE.ARCH a line.\n")
        for p in sorted(base, key=lambda p: p.name):
            fp.write(p.nevra + "\n")

    report = dict(
        baseos=len(bo_sel), appstream=len(as_sel), base=len(base), missing_base=missing_base,
        added_base=added_base, missing_names=missing_names, changes=changes, unresolved=unresolved,
        sizes={**{"baseos/" + k: v for k, v in s_bo.items()}, **{"appstream/" + k: v for k, v in s_as.items()}},
        modules=sorted(f"{d['name']}:{d['stream']} ({d['version']})" for d in newest_doc.values() if d["name"] in used_modules),
        dropped_moved=sorted(dropped_moved),
        i686=sorted(p.nevra for p in selected if p.arch == "i686"),
        closure_unresolved=sorted({f"{p.nevra}: {d}" for p, _, d in cl.unresolved}),
        two_versions=sorted({p.name for p in selected} & set(TWO_VERSIONS)))
    write_provenance(out, report, args)
    print(f"baseos {len(bo_sel)} packages, appstream {len(as_sel)}, base {len(base)}; "
          f"{len(changes)} changes, {len(unresolved)} unresolved", file=sys.stderr)
    for c in unresolved:
        print("UNRESOLVED", c, file=sys.stderr)
    return 0


def _cmpkey(e):
    class K:
        def __init__(self, evr):
            self.evr = Evr(*evr)

        def __lt__(self, other):
            return evrcmp(self.evr, other.evr) < 0
    return K(e)


def write_provenance(out, r, args):
    lines = []
    w = lines.append
    w("# CentOS Stream 9 sample repositories (generated)")
    w("")
    w("**These are samples, not a mirror.** `baseos/` and `appstream/` are two small rpm-md")
    w("repositories (primary, filelists; `appstream/` also modules.yaml) cut out of real CentOS")
    w("Stream 9 metadata for the packages locidep's LOCI-style catalogue")
    w("(`profiles/data/loci/bindep.txt`, platform:redhat/rpm rows, every profile) and LOCI's")
    w("bootstrap ask for. No rpm payloads: dnf and zypper resolve from metadata alone.")
    w("`base-packages.txt` is the base image's package set. Regenerate with")
    w("`scripts/rpm-data/gen_cs9.py` (reads `../shared/corpus/rpm/`; same input, same bytes).")
    w("")
    w("## Sources")
    w("")
    w("| repo | source | what |")
    w("| --- | --- | --- |")
    w("| `baseos/` | osbuild/osbuild `test/data/testrepos/baseos/repodata/` @ bc08eed1ef9f409d8e6a3f27ba5ef9da7a0429bf (CentOS Stream 9 BaseOS x86_64, repomd timestamp 1644263915, Feb 2022), Apache-2.0 | primary + filelists entries copied as published |")
    w("| `appstream/` | osbuild/osbuild `test/data/testrepos/appstream/repodata/` @ 1e70131346284f14aefbcd21ec28a7735052089f (CentOS Stream 9 AppStream x86_64, timestamp 1736761560, Jan 2025), Apache-2.0 | primary entries and modules.yaml documents copied as published, except the changes below |")
    w("")
    w("## How the cut is made")
    w("")
    w("- Roots: the catalogue's names, LOCI's bootstrap (`git patch redhat-lsb-core sudo python3`")
    w("  `bind-utils python3-pip`), the base image, `" + " ".join(EXTRA_ROOTS) + "` (module and")
    w("  weak-dependency scenarios), `" + " ".join(n + ".i686" for n in I686_ROOTS) + "` (multilib), and a second,")
    w("  older AppStream version of `" + " ".join(r["two_versions"]) + "` (pinning).")
    w("- Closure: every provider of every Requires and Recommends (all alternatives of an `or`,")
    w("  the branch of an `if` that applies), the newest version of each provider that matches;")
    w("  then every package whose Supplements the cut satisfies; repeated to a fixed point.")
    w("  i686 providers only for i686 packages. From AppStream: non-modular packages, and the")
    w("  newest context of each stream of `" + ", ".join(KEEP_MODULES) + "` (their modular packages, which dnf")
    w("  hides unless the stream is enabled; no stream is a default one in EL9). Other modular")
    w("  packages are left out.")
    w("- A name in both snapshots (AppStream 2025 entries of packages that were in BaseOS in 2022): the")
    w("  BaseOS 2022 entry is used. Names concerned: " + (", ".join(r["dropped_moved"]) or "none") + ".")
    w("- filelists: BaseOS entries keep their files except `/usr/lib/.build-id`, `/usr/share/{doc,man,")
    w("  locale,licenses,info}` (no dependency points there). The AppStream 2025 snapshot's")
    w("  filelists is an empty stub, so AppStream packages carry only primary's file subset")
    w("  (`/etc/*`, `*bin/*`) in `appstream/` filelists.")
    w("- Not in CentOS Stream 9 BaseOS/AppStream (the catalogue names them; real dnf refuses them):")
    w("  " + (", ".join(f"`{n}`" for n in r["missing_names"]) or "none") + ".")
    w("")
    w("## Changes to the published entries")
    w("")
    w("AppStream 2025 packages pin BaseOS packages three years newer than the 2022 BaseOS")
    w("snapshot. Each such requirement is rewritten to the version the 2022 snapshot has (same")
    w("operator), or, for a library symbol version the 2022 library lacks, to the library's plain")
    w("soname. A Conflicts of an AppStream entry that hits a base-image package would make it")
    w("uninstallable; such entries are dropped. Nothing else is changed. "
      f"{len(r['changes'])} changes:")
    w("")
    w("| package (AppStream 2025) | published | here | why |")
    w("| --- | --- | --- | --- |")
    for nevra, old, new, why in r["changes"]:
        w(f"| {nevra} | `{old}` | `{new}` | {why} |")
    w("")
    w("## Base image (`base-packages.txt`)")
    w("")
    w("The `quay.io/centos/centos:stream9` image's own package list is not in the corpus. Its")
    w("set is modelled on the Rocky Linux 9.3 container image (`corpus/base-images/")
    w("rockylinux-9.3-aarch64_rpm-qa.tsv`, 142 packages), with `rocky-gpg-keys`, `rocky-release`,")
    w("`rocky-repos` replaced by `centos-gpg-keys`, `centos-stream-release`, `centos-stream-repos`;")
    w("versions are BaseOS 2022's newest x86_64 builds (the real image of that date had these).")
    w("Names of that list missing from BaseOS 2022: " + (", ".join(r["missing_base"]) or "none") + ".")
    w("Added to make the set closed under Requires: "
      + (", ".join(f"{a} (for {c}: {d})" for a, d, c in r["added_base"]) or "none") + ".")
    w(f"{r['base']} packages.")
    w("")
    w("## Contents")
    w("")
    w(f"- `baseos/`: {r['baseos']} packages; `appstream/`: {r['appstream']} packages.")
    w("- Modules (modules.yaml): " + (", ".join(r["modules"]) or "none") + ".")
    w("- i686: " + (", ".join(r["i686"]) or "none") + ".")
    w("- Files: " + ", ".join(f"`{k}` {v[1]} bytes" for k, v in sorted(r["sizes"].items())) + ".")
    w("")
    w("Checked with libsolv's `installcheck` (every package installable) and with dnf and")
    w("zypper (`scripts/rpm-data/oracle.py`); see `docs/rpm-oracles.md`.")
    with open(os.path.join(out, "PROVENANCE.md"), "w") as fp:
        fp.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
