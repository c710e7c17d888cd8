#!/usr/bin/env python3
"""Runs a command once; prints wall seconds, the peak RSS (MB), the exit status and CPU seconds of the
command (user+sys).

CPU time comes from wait4() on the spawned pid (the child and what it waited for), not from
getrusage(RUSAGE_CHILDREN), which would also count whatever this Python process ran before (on this
machine its start-up runs a child of its own: ~0.06 s CPU). Peak RSS: a process's peak starts at its
parent's when it forks, so a command spawned from Python (~14 MB) never reports less; the command is
started through GNU time (a small C process) and its %M is the command's own peak. Without GNU time
the Python-inherited floor applies (then the RSS column is an upper bound). Exit status is the
command's."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

command = sys.argv[1:]
gnu_time = shutil.which("time", path="/usr/bin")
report = None
if gnu_time:
    report = tempfile.NamedTemporaryFile(prefix="measure-", suffix=".txt", delete=False)
    report.close()
    command = [gnu_time, "-f", "%M", "-o", report.name, *command]
start = time.monotonic()
process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
wall = time.monotonic() - start
returncode = os.waitstatus_to_exitcode(status)
cpu = usage.ru_utime + usage.ru_stime
peak_kb = usage.ru_maxrss
if report:
    with open(report.name) as lines:
        for line in lines:  # GNU time writes "Command exited with non-zero status N" first
            if line.strip().isdigit():
                peak_kb = int(line)
    os.unlink(report.name)
print(f"{wall:.4f} {peak_kb / 1024:.1f} {returncode} {cpu:.4f}")
