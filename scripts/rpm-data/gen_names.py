#!/usr/bin/env python3
"""Writes the names lists `lint` checks rpm distros against (names.xz).

centos-stream-9: every package name and provided name of the real CentOS
Stream 9 BaseOS (2022) and AppStream (2025) primary.xml files in
shared/corpus/rpm.
opensuse-leap-15.6: every package and provided name of the real openSUSE
Tumbleweed pool table (2023) in shared/corpus/rpm, standing in for Leap's
(no Leap metadata is available), plus the names of our bundled Leap repo.

  python3 scripts/rpm-data/gen_names.py [SHARED_DIR]
"""
import glob
import gzip
import lzma
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
REPOS = os.path.join(TOP, "profiles", "data", "repos")
COMMON = "{http://linux.duke.edu/metadata/common}"
RPM = "{http://linux.duke.edu/metadata/rpm}"


def primary_names(path):
    names = set()
    with gzip.open(path) as stream:
        for _, element in ET.iterparse(stream):
            if element.tag == COMMON + "package":
                names.add(element.findtext(COMMON + "name"))
                provides = element.find(COMMON + "format/" + RPM + "provides")
                if provides is not None:
                    names.update(entry.get("name") for entry in provides)
                element.clear()
    return names


def requestable(name):
    """Names a bindep rule could carry: not capabilities like pkgconfig(x),
    file paths or library sonames."""
    return bool(name) and "(" not in name and "/" not in name and ".so" not in name


def write(distro, names, note):
    names = {name for name in names if requestable(name)}
    path = os.path.join(REPOS, distro, "names.xz")
    with lzma.open(path, "wt", encoding="utf-8", preset=9) as out:
        out.write("".join(name + "\n" for name in sorted(n for n in names if n)))
    print(f"{distro}: {len(names)} names ({note})", file=sys.stderr)


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "..", "shared")
    rpm = os.path.join(shared, "corpus", "rpm")
    centos = set()
    for primary in glob.glob(os.path.join(rpm, "cs9-*", "repodata", "*-primary.xml.gz")):
        centos |= primary_names(primary)
    write("centos-stream-9", centos, "CS9 BaseOS 2022 + AppStream 2025 primaries")

    leap = set()
    with gzip.open(os.path.join(rpm, "tumbleweed-2023-aarch64", "tumbleweed-aarch64-deps.tsv.gz"), "rt") as table:
        for line in table:
            if line.startswith("#"):
                continue
            columns = line.rstrip("\n").split("\t")
            leap.add(columns[0])
            if len(columns) > 4:
                leap.update(columns[4].split())
    for primary in glob.glob(os.path.join(REPOS, "opensuse-leap-15.6", "repodata", "*primary.xml.gz")):
        leap |= primary_names(primary)
    write("opensuse-leap-15.6", leap, "openSUSE Tumbleweed 2023 pool table + bundled Leap repo")


if __name__ == "__main__":
    main()
