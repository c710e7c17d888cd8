#!/usr/bin/env python3
"""Runs a command once; prints wall seconds and the peak RSS (MB) of the
process tree (getrusage of children). Exit status of the command is kept."""
import resource
import subprocess
import sys
import time

start = time.monotonic()
completed = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.monotonic() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall:.4f} {peak_kb / 1024:.1f} {completed.returncode}")
