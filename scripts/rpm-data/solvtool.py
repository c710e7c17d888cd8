"""Build (once, into a cache directory) and run solvtool.c."""

from __future__ import annotations

import hashlib
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    d = os.path.join(base, "locidep-rpm-data")
    os.makedirs(d, exist_ok=True)
    return d


def binary() -> str:
    src = os.path.join(HERE, "solvtool.c")
    digest = hashlib.sha256(open(src, "rb").read()).hexdigest()[:12]
    exe = os.path.join(cache_dir(), f"solvtool-{digest}")
    if not os.path.exists(exe):
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libsolvext", "libsolv"],
                               check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["cc", "-O2", "-Wall", "-o", exe + ".tmp", src, *flags], check=True)
        os.replace(exe + ".tmp", exe)
    return exe


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([binary(), *args], capture_output=True, text=True, check=check)


def installcheck(arch: str, repos: list[tuple[str, str | None]]) -> tuple[bool, str]:
    """repos: [(primary, filelists or None)]"""
    specs = [p if not f else f"{p},{f}" for p, f in repos]
    r = run("installcheck", arch, *specs, check=False)
    if r.returncode not in (0, 1):
        raise RuntimeError(r.stderr)
    return r.returncode == 0, r.stdout


def testtags(out: str, primary: str, filelists: str | None = None) -> None:
    run("testtags", out, primary, *([filelists] if filelists else []))
