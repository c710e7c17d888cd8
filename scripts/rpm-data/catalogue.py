"""The distro package names the LOCI-style catalogue can ask for on a
platform: every name of profiles/data/loci/bindep.txt whose platform atoms
allow that platform (under any service and profile), plus LOCI's bootstrap
packages (docs/loci.md §4)."""

from __future__ import annotations

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
BINDEP = os.path.join(SOURCE, "profiles", "data", "loci", "bindep.txt")

# loci.md §4, py3 era.
BOOTSTRAP = {
    "suse": ["ca-certificates", "git-core", "lsb-release", "patch", "sudo", "tar",
             "python3", "python3-virtualenv", "python3-devel", "python3-setuptools"],
    # yum install git patch redhat-lsb-core sudo python3 (+ bind-utils since
    # 2024-09); pip3 install virtualenv needs python3-pip on EL9.
    "redhat": ["git", "patch", "redhat-lsb-core", "sudo", "python3", "bind-utils",
               "python3-pip"],
}
# The names each cleanup step removes (loci.md §4).
CLEANUP = {
    "suse": ["git-core", "patch", "python3-virtualenv"],
    "redhat": ["git", "python3-virtualenv"],
}

PLATFORM_ATOMS = {
    "suse": {"platform:suse", "platform:rpm", "platform:opensuse", "platform:opensuse-leap"},
    "redhat": {"platform:redhat", "platform:rpm", "platform:centos"},
}


def catalogue_names(family: str) -> list[str]:
    """bindep names selected for FAMILY ('suse' or 'redhat') by some profile."""
    names = []
    for raw in open(BINDEP, encoding="utf-8"):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"(\S+)\s*(?:\[(.*)\])?", line)
        name, sel = m.group(1), m.group(2) or ""
        words = re.findall(r"!?[\w:.+-]+", sel)
        platforms = [w for w in words if w.startswith("platform:")]
        if platforms and not any(w in PLATFORM_ATOMS[family] for w in platforms):
            continue
        if name not in names:
            names.append(name)
    return names


def wanted_names(family: str) -> list[str]:
    out = []
    for n in catalogue_names(family) + BOOTSTRAP[family]:
        if n not in out:
            out.append(n)
    return out


if __name__ == "__main__":
    import sys
    print("\n".join(wanted_names(sys.argv[1] if len(sys.argv) > 1 else "suse")))
