#!/bin/sh
# Whole-process `locidep resolve` (dnf policy: the install set of a request on
# CentOS Stream 9 data) against `dnf --assumeno install` and
# `zypper --dry-run install` on the same repositories, the same request and
# the same (empty) root, in one run.
#
#   bench/run_rpm_bench.sh LOCIDEP_BINARY SHARED_DIR [RUNS]
#
# Repositories: the real BaseOS of Feb 2022 (SHARED_DIR/corpus/rpm/
# cs9-baseos-2022: 1125 packages, primary + filelists) and the bundled
# AppStream sample (profiles/data/repos/centos-stream-9/appstream, built on
# those BaseOS versions, with modules.yaml). The request: a storage/network
# word list plus LOCI's bootstrap packages (10 words), the same argv words for
# all three tools. locidep runs cold (empty --cache-dir: parse rpm-md and
# modules.yaml, write the .solv cache) and warm (from the cache); dnf cold
# (empty cachedir) and warm (its own .solv metadata cache kept between runs);
# zypper re-reads a -p plus-repository every time, which is how it is used.
# The three install sets must have the same size (checked; the script fails
# otherwise). The commands run interleaved, round by round (measure.sh).
# Writes bench/results/rpm-<date>.txt and prints it.
set -eu
locidep=$1
shared=$2
runs=${3:-9}
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/locidep-rpm-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

for tool in dnf zypper python3; do
  command -v "$tool" >/dev/null || { echo "run_rpm_bench: $tool is not installed" >&2; exit 2; }
done
baseos_src="$shared/corpus/rpm/cs9-baseos-2022"
[ -f "$baseos_src/repodata/repomd.xml" ] || { echo "run_rpm_bench: $baseos_src is absent" >&2; exit 2; }
# The tools may write beside the metadata: give them (and us) a writable copy.
cp -r "$baseos_src" "$work/baseos"
cp -r "$source_dir/profiles/data/repos/centos-stream-9/appstream" "$work/appstream"
chmod -R u+w "$work/baseos" "$work/appstream"

packages="device-mapper-multipath git-core iproute iscsi-initiator-utils lvm2 openssh-clients patch python3 sg3_utils sudo"
resolve="$locidep resolve --distro centos-stream-9 --repo $work/baseos --repo $work/appstream --format json \
 --cache-dir $work/cache"
# shellcheck disable=SC2086
count=$($resolve $packages | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["install"]))')

. "$here/measure.sh"

mkdir -p "$work/dnf-root" "$work/zypper-root"
dnf_cmd="dnf --installroot=$work/dnf-root --releasever=9 --setopt=reposdir=/dev/null \
 --setopt=cachedir=$work/dnf-cache --setopt=module_platform_id=platform:el9 --setopt=install_weak_deps=False \
 --nogpgcheck --noplugins --repofrompath=baseos,file://$work/baseos --repofrompath=appstream,file://$work/appstream \
 --repo=baseos --repo=appstream --assumeno install"
zypper_cmd="zypper --non-interactive --no-gpg-checks --root $work/zypper-root -p dir://$work/baseos \
 -p dir://$work/appstream -x install --dry-run --no-recommends"

# Each answer once, to check that they install the same number of packages.
# shellcheck disable=SC2086
dnf_count=$($dnf_cmd $packages 2>/dev/null | awk '/^Install /{print $2}')
# shellcheck disable=SC2086
zypper_count=$($zypper_cmd $packages 2>/dev/null | grep -c '<solvable type="package"' || true)

if [ "$dnf_count" != "$count" ] || [ "$zypper_count" != "$count" ]; then
  echo "run_rpm_bench: the install sets differ in size: locidep $count, dnf $dnf_count, zypper $zypper_count" >&2
  exit 1
fi

# Round by round (measure.sh says why): each round runs every command once.
# The assignments before each call are spelt out every time: POSIX leaves it
# open whether they outlive a function call.
i=0
while [ "$i" -lt "$runs" ]; do
  # shellcheck disable=SC2086
  before_each='rm -rf "$work/cache"' expect_rc=0 measure_once locidep-cold $resolve $packages
  # shellcheck disable=SC2086
  before_each='' expect_rc=0 measure_once locidep-warm $resolve $packages
  # dnf --assumeno answers, then says "Operation aborted." and exits 1.
  # shellcheck disable=SC2086
  before_each='rm -rf "$work/dnf-cache"' expect_rc=1 measure_once dnf-cold $dnf_cmd $packages
  # shellcheck disable=SC2086
  before_each='' expect_rc=1 measure_once dnf $dnf_cmd $packages
  # shellcheck disable=SC2086
  before_each='' expect_rc=0 measure_once zypper $zypper_cmd $packages
  i=$((i + 1))
done
cold=$(summary locidep-cold)
warm=$(summary locidep-warm)
dnf_cold=$(summary dnf-cold)
dnf=$(summary dnf)
zypper=$(summary zypper)

mkdir -p "$here/results"
out="$here/results/rpm-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "# locidep resolve (dnf policy) vs dnf --assumeno install and zypper --dry-run install; $runs rounds"
  echo "# (each round runs every command once), median wall and CPU time, max peak RSS"
  echo "# repositories: real CS9 BaseOS 2022 + bundled AppStream sample; empty root"
  echo "# request: $packages"
  echo "# install set: locidep $count, dnf $dnf_count, zypper $zypper_count packages; $(nproc) cores"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "what wall_s cpu_s peak_rss_mb"
  echo "$cold"; echo "$warm"; echo "$dnf_cold"; echo "$dnf"; echo "$zypper"
  for other in "$dnf_cold" "$dnf" "$zypper"; do
    name=$(echo "$other" | awk '{print $1}'); a=$(echo "$other" | awk '{print $2}'); ac=$(echo "$other" | awk '{print $3}')
    echo "$cold" | awk -v n="$name" -v a="$a" -v c="$ac" '{printf "# cold: %.1fx faster than %s (wall), %.1fx (CPU)\n", a / $2, n, c / $3}'
    echo "$warm" | awk -v n="$name" -v a="$a" -v c="$ac" '{printf "# warm: %.1fx faster than %s (wall), %.1fx (CPU)\n", a / $2, n, c / $3}'
  done
} | tee "$out"
