#!/usr/bin/python3
"""Generates locidep's bundled Debian bookworm data from the frozen snapshot.

Reads the snapshot's three Packages indexes (bookworm, -updates, -security)
and its minbase dpkg status, keeps, for every package name, the candidate
version apt would pick (the highest), and writes the closure of what the
catalogue can ask for: every package name of the catalogue's bindep rules
and bootstrap lists, every package of the base image, and everything their
Depends, Pre-Depends and Recommends reach (all alternatives, all providers of
virtual packages). The result is self-contained: apt and locidep give the
same answers on it as on the full snapshot for these requests.

Run with Debian's python3 (python3-apt compares versions with libapt-pkg):
  /usr/bin/python3 scripts/generate-debian-data.py [SNAPSHOT_DIR]
SNAPSHOT_DIR defaults to ../shared/snapshots/debian-bookworm.
"""
import hashlib
import lzma
import os
import re
import sys

import apt_pkg

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
OUT = os.path.join(TOP, "profiles", "data", "repos", "debian-bookworm")
INDEXES = [
    "bookworm_main_binary-amd64_Packages.xz",
    "bookworm-updates_main_binary-amd64_Packages.xz",
    "bookworm-security_main_binary-amd64_Packages.xz",
]


def stanzas(text):
    for block in text.split("\n\n"):
        block = block.strip("\n")
        if not block:
            continue
        fields = {}
        key = None
        for line in block.split("\n"):
            if line[:1] in (" ", "\t") and key:
                fields[key] += "\n" + line
                continue
            key, _, value = line.partition(":")
            fields[key] = value.strip()
        yield fields, block


def names_in(field):
    for group in field.split(","):
        for alternative in group.split("|"):
            name = alternative.strip().split(" ")[0].split(":")[0]
            if name:
                yield name


# The fields dpkg keeps in its status file; the archive-only ones (Filename,
# Size, checksums) are dropped.
STATUS_FIELDS = ["Package", "Status", "Priority", "Section", "Installed-Size", "Maintainer", "Architecture",
                 "Multi-Arch", "Source", "Version", "Replaces", "Provides", "Depends", "Pre-Depends",
                 "Recommends", "Suggests", "Breaks", "Conflicts", "Enhances", "Essential", "Protected",
                 "Description", "Homepage"]


def status_stanza(fields, block):
    """The dpkg status stanza of an installed package, from its archive stanza."""
    fields = dict(fields, Status="install ok installed")
    return "".join(f"{key}: {fields[key]}\n" for key in STATUS_FIELDS if key in fields)


def catalogue_names():
    names = set()
    with open(os.path.join(TOP, "profiles", "data", "loci", "bindep.txt")) as rules:
        for line in rules:
            if line.strip() and not line.lstrip().startswith("#"):
                names.add(line.split()[0])
    with open(os.path.join(TOP, "profiles", "data", "services.yaml")) as services:
        text = services.read()
    apt_block = re.search(r"^  apt:\n((?:    .*\n)+)", text, re.M).group(1)
    for listed in re.findall(r"\[(.*?)\]", apt_block):
        names.update(n.strip() for n in listed.split(",") if n.strip())
    return names


def main():
    apt_pkg.init_system()
    snapshot = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "..", "shared", "snapshots", "debian-bookworm")
    candidates = {}
    every_version = {}  # (name, version) -> stanza, for the base image
    every_name = set()
    digests = []
    for index in INDEXES:
        path = os.path.join(snapshot, index)
        with open(path, "rb") as raw:
            digests.append((index, hashlib.sha256(raw.read()).hexdigest()))
        for fields, block in stanzas(lzma.open(path, "rt", encoding="utf-8").read()):
            name = fields["Package"]
            every_version[(name, fields["Version"])] = (fields, block)
            if name not in candidates or apt_pkg.version_compare(fields["Version"], candidates[name][0]["Version"]) > 0:
                candidates[name] = (fields, block)
    providers = {}
    for name, (fields, _) in candidates.items():
        for provided in names_in(fields.get("Provides", "")):
            providers.setdefault(provided, set()).add(name)

    status_path = os.path.join(snapshot, "minbase-status")
    with open(status_path, "rb") as raw:
        status_bytes = raw.read()
    digests.append(("minbase-status", hashlib.sha256(status_bytes).hexdigest()))
    base_versions = [(fields["Package"], fields["Version"]) for fields, _ in stanzas(status_bytes.decode("utf-8"))
                     if fields.get("Status", "").endswith(" installed")]
    base = [name for name, _ in base_versions]

    roots = catalogue_names() | set(base)
    todo = sorted(root for root in roots if root in candidates or root in providers)
    absent = sorted(root for root in roots if root not in candidates and root not in providers)
    kept = set()
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        if name not in candidates:  # a virtual package: take every provider
            todo.extend(sorted(providers.get(name, ())))
            continue
        kept.add(name)
        fields = candidates[name][0]
        for key in ("Depends", "Pre-Depends", "Recommends"):
            for wanted in names_in(fields.get(key, "")):
                for target in ([wanted] if wanted in candidates else []) + sorted(providers.get(wanted, ())):
                    if target not in kept:
                        todo.append(target)

    os.makedirs(OUT, exist_ok=True)
    # Every name a request can use in the whole snapshot (packages and what
    # they provide), so that lint can tell a typo from a package outside the
    # bundled closure.
    every_name = set(candidates) | set(providers)
    with lzma.open(os.path.join(OUT, "names.xz"), "wt", encoding="utf-8", preset=9) as out:
        out.write("".join(name + "\n" for name in sorted(every_name)))
    packages = "\n\n".join(candidates[name][1] for name in sorted(kept)) + "\n"
    with lzma.open(os.path.join(OUT, "Packages.xz"), "wt", encoding="utf-8", preset=9) as out:
        out.write(packages)
    with open(os.path.join(OUT, "base-status"), "w", encoding="utf-8") as out:
        out.write("\n".join(status_stanza(*every_version[key]) for key in sorted(base_versions)) + "\n")
    with open(os.path.join(OUT, "PROVENANCE.md"), "w") as out:
        out.write("# Bundled Debian bookworm data\n\n")
        out.write("Generated by `scripts/generate-debian-data.py` from the frozen snapshot of Debian's own\n")
        out.write("archive (`shared/snapshots/debian-bookworm`, captured 2026-11-27). Nothing here is edited by hand.\n\n")
        out.write("| file | what |\n| --- | --- |\n")
        out.write(f"| `Packages.xz` | {len(kept)} stanzas, unchanged from the snapshot: the candidate (highest) version of every package the catalogue can reach through Depends, Pre-Depends and Recommends (all alternatives, all providers) |\n")
        out.write(f"| `names.xz` | the {len(every_name)} names of the whole snapshot (every package and every name a package provides), one a line, for `lint` |\n")
        out.write(f"| `base-status` | a dpkg status file for the {len(base)} packages (names and versions) that the snapshot's `minbase-status` lists as installed (a `debootstrap --variant=minbase bookworm` root, standing in for the `debian:bookworm` image), each stanza rebuilt from that version's archive stanza with `Status: install ok installed` and the archive-only fields dropped |\n\n")
        out.write("Inputs (SHA-256 of the files as stored in the snapshot):\n\n")
        for index, digest in digests:
            out.write(f"- `{index}`: `{digest}`\n")
        if absent:
            out.write("\nCatalogue names bookworm does not have (rules for other distros or releases):\n")
            out.write(", ".join(f"`{name}`" for name in absent) + "\n")
    print(f"{len(kept)} packages, {len(absent)} catalogue names absent", file=sys.stderr)


if __name__ == "__main__":
    main()
