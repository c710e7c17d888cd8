#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang + ASan + UBSan) in build/fuzz and
# runs each for SECONDS (default 15) from seeds made of fixtures/ and
# ../shared/corpus. A crash, a sanitizer report, an input slower than 10 s or
# a memory use over 2 GiB fails the run and leaves the input in
# build/fuzz/artifacts/. Longer runs: docs/fuzzing.md.
#   scripts/fuzz.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(bindep_parser apt_stanzas rpm_primary modules_yaml)
shared=${LOCIDEP_SHARED_DIR:-$PWD/../shared}
build=build/fuzz

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DLOCIDEP_FUZZ=ON -DLOCIDEP_WERROR=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/%/_fuzz}"

# Seeds: small real inputs of each kind (libFuzzer grows inputs from them).
seeds=$build/seeds
rm -rf "$seeds"
python3 - "$seeds" "$shared" <<'PY'
import glob, lzma, gzip, os, re, sys
seeds, shared = sys.argv[1], sys.argv[2]
def put(target, name, data):
    os.makedirs(f"{seeds}/{target}", exist_ok=True)
    with open(f"{seeds}/{target}/{name}", "wb") as out:
        out.write(data)
for path in sorted(glob.glob("fixtures/parser/*/*.txt") + glob.glob(f"{shared}/corpus/bindep/*bindep*")):
    put("bindep_parser", os.path.basename(path), open(path, "rb").read())
for path in sorted(glob.glob("fixtures/apt/mini/*")):
    if not path.endswith(".md"):
        put("apt_stanzas", os.path.basename(path), open(path, "rb").read())
stanzas = lzma.open("profiles/data/repos/debian-bookworm/Packages.xz").read().split(b"\n\n")
for i in range(0, 60, 3):
    put("apt_stanzas", f"bookworm-{i}", b"\n\n".join(stanzas[i:i + 3]) + b"\n")
primary = gzip.open(glob.glob(f"{shared}/corpus/rpm/cs9-baseos-2022/repodata/*-primary.xml.gz")[0]).read()
head, _, rest = primary.partition(b"<package ")
packages = rest.split(b"<package ")[:15]
for i in range(0, 15, 3):
    body = b"".join(b"<package " + p for p in packages[i:i + 3])
    body = body.split(b"</metadata>")[0]
    put("rpm_primary", f"cs9-baseos-{i}.xml", head + body + b"</metadata>\n")
for path in sorted(glob.glob("profiles/data/repos/*/*/repodata/*modules.yaml.xz")
                   + glob.glob(f"{shared}/corpus/rpm/*/repodata/*modules.yaml.xz")):
    documents = lzma.open(path).read().split(b"\n---")
    for i, document in enumerate(documents[:12]):
        put("modules_yaml", f"{os.path.basename(path)[:12]}-{i}.yaml", b"---" + document + b"\n...\n")
PY

status=0
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  artifacts=$build/artifacts/$target/
  mkdir -p "$corpus" "$artifacts"
  echo "== fuzz: $target for ${seconds}s ($(ls "$seeds/$target" | wc -l) seeds)"
  if ! "$build/fuzz/${target}_fuzz" "$corpus" "$seeds/$target" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$artifacts" >"$build/$target.log" 2>&1; then
    echo "fuzz: $target found a problem; input in $artifacts, log $build/$target.log" >&2
    tail -40 "$build/$target.log" >&2
    status=1
  else
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$build/$target.log" | tr '\n' ' '
    echo
  fi
done
exit $status
