#!/bin/sh
# Hostile input (docs/security.md, "Bounds"): time and peak memory of
# locidep on the inputs tests/cli/hostile_input_test.cpp refuses or bounds,
# built here in a scratch folder:
#   - gzip bomb of zeros (64 MiB of NUL bytes): refused at its first byte;
#   - gzip bomb of repeated stanzas (520 gzip members of 1 MiB of stanzas
#     each): refused at the 512 MiB cap;
#   - a bindep file with a 1 MiB line of profiles (`list`);
#   - a primary.xml with 10,000 entries of one package (`resolve`, dnf);
#   - a 10,000-line bindep file of misspelt names (`lint --distro all`).
#
#   bench/run_bounds_bench.sh LOCIDEP_BINARY [RUNS]
#
# Writes bench/results/bounds-<date>.txt and prints it. Timings are never
# asserted in tests.
set -eu
locidep=$1
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/locidep-bounds-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$here/measure.sh"

python3 - "$work" <<'PY'
import gzip, hashlib, os, sys
work = sys.argv[1]
with open(f"{work}/zeros.gz", "wb") as f:
    f.write(gzip.compress(b"\0" * (64 << 20), 9))
one = b"Package: bomb\nVersion: 1.0\nArchitecture: amd64\n\n"
member = gzip.compress(one * ((1 << 20) // len(one)), 9)
with open(f"{work}/stanzas.gz", "wb") as f:
    for _ in range(520):
        f.write(member)
line, i = "foo [", 0
while len(line) < (1 << 20):
    line += f"p{i} "
    i += 1
open(f"{work}/megabyte-line.txt", "w").write(line + "platform:dpkg]\n")
open(f"{work}/lint-10000.txt", "w").write(
    "".join(f"misspelt-package-name-{i}\n" for i in range(10000)))
os.makedirs(f"{work}/dup/repodata")
entry = ('<package type="rpm"><name>hello</name><arch>x86_64</arch><version epoch="0" '
         'ver="1.0" rel="1.el9"/><checksum type="sha256" pkgid="YES">' + "a" * 64 +
         '</checksum><summary>hello</summary><location href="Packages/hello.rpm"/><format>'
         '<rpm:provides><rpm:entry name="hello" flags="EQ" epoch="0" ver="1.0" rel="1.el9"/>'
         '</rpm:provides></format></package>\n')
primary = ('<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/'
           'metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="10000">\n'
           + entry * 10000 + "</metadata>\n").encode()
open(f"{work}/dup/repodata/primary.xml", "wb").write(primary)
open(f"{work}/dup/repodata/repomd.xml", "w").write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<repomd xmlns="http://linux.duke.edu/metadata/repo">'
    f'\n<data type="primary"><checksum type="sha256">{hashlib.sha256(primary).hexdigest()}'
    '</checksum><location href="repodata/primary.xml"/></data>\n</repomd>\n')
PY

before_each="rm -rf '$work/cache'"
result_file="$here/results/bounds-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "# $(date -u '+%Y-%m-%d %H:%M') UTC, load $(cut -d' ' -f1 /proc/loadavg), $runs runs"
  echo "# label median_wall_s median_cpu_s max_rss_mb"
  expect_rc=2 measure gzip-zeros-bomb "$locidep" resolve --distro debian-bookworm \
    --repo "$work/zeros.gz" --cache-dir "$work/cache" bash
  expect_rc=2 measure gzip-stanza-bomb "$locidep" resolve --distro debian-bookworm \
    --repo "$work/stanzas.gz" --cache-dir "$work/cache" bash
  expect_rc=0 measure megabyte-line "$locidep" list -f "$work/megabyte-line.txt" \
    --distro debian-bookworm p7
  expect_rc=0 measure rpm-10000-duplicates "$locidep" resolve --distro centos-stream-9 \
    --repo "$work/dup" --cache-dir "$work/cache" hello
  expect_rc=1 measure lint-10000-lines "$locidep" lint "$work/lint-10000.txt" --distro all
} > "$result_file"
cat "$result_file"
