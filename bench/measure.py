#!/usr/bin/env python3
"""Runs a command once; prints wall seconds, the peak RSS (MB), the exit status and CPU seconds of the
process tree (getrusage of children). Exit status of the command is kept."""
import resource
import subprocess
import sys
import time

start = time.monotonic()
completed = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(f"{wall:.4f} {usage.ru_maxrss / 1024:.1f} {completed.returncode} {cpu:.4f}")
