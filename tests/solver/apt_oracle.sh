#!/bin/sh
# Asks the real apt-get the same question locidep answers, on the frozen
# snapshot, exactly as ../shared/snapshots/debian-bookworm/README.md says:
# a private file: repository, private apt directories, one `apt-get update`.
#
#   apt_oracle.sh setup SNAPSHOT_DIR WORK_DIR
#       builds WORK_DIR/repo (dists/<suite>/main/binary-amd64/Packages +
#       Release per suite) and WORK_DIR/apt (sources, lists, cache), then runs
#       apt-get update. Idempotent: does nothing when WORK_DIR/ready exists.
#   apt_oracle.sh setup-files WORK_DIR SUITE=INDEX_FILE...
#       the same over any Packages indexes (plain, .gz, .xz), one suite each.
#   apt_oracle.sh apt-get WORK_DIR STATUS EXTENDED_STATES ARGS...
#       runs `apt-get -s ARGS...` against that state (LC_ALL=C).
# Exit 77 when a tool is missing (the message says which).
set -eu

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "missing tool: $1 (package $2)" >&2; exit 77; }
}

apt_options() {
  work=$1
  echo "-o Dir::Etc::SourceList=$work/apt/sources.list"
  echo "-o Dir::Etc::SourceParts=$work/apt/sources.list.d"
  echo "-o Dir::Etc::Preferences=$work/apt/preferences"
  echo "-o Dir::Etc::PreferencesParts=$work/apt/preferences.d"
  echo "-o Dir::State::Lists=$work/apt/lists"
  echo "-o Dir::Cache=$work/apt/cache"
  echo "-o APT::Architectures::=amd64"
  echo "-o APT::Architecture=amd64"
  echo "-o APT::AutoRemove::SuggestsImportant=false"
  echo "-o Debug::NoLocking=1"
}

# make_repository WORK SUITE FILE: one suite of the private repository from one
# Packages index in any compression apt-get's own test can read (plain, .gz, .xz).
make_repository() {
  work=$1; suite=$2; src=$3
  dir="$work/repo/dists/$suite/main/binary-amd64"
  mkdir -p "$dir"
  case "$src" in
    *.xz) xz -dc "$src" > "$dir/Packages" ;;
    *.gz) gzip -dc "$src" > "$dir/Packages" ;;
    *) cat "$src" > "$dir/Packages" ;;
  esac
  apt-ftparchive -o APT::FTPArchive::Release::Suite="$suite" \
    -o APT::FTPArchive::Release::Codename="$suite" \
    -o APT::FTPArchive::Release::Architectures=amd64 \
    -o APT::FTPArchive::Release::Components=main \
    release "$work/repo/dists/$suite" > "$work/repo/dists/$suite/Release.tmp"
  mv "$work/repo/dists/$suite/Release.tmp" "$work/repo/dists/$suite/Release"
  echo "deb [trusted=yes] file:$work/repo $suite main" >> "$work/apt/sources.list"
}

# setup_repository WORK SUITE=FILE...: the private apt state over those indexes.
setup_repository() {
  work=$1; shift
  need apt-get apt
  need apt-ftparchive apt-utils
  need xz xz-utils
  mkdir -p "$work/apt/sources.list.d" "$work/apt/preferences.d" "$work/apt/lists/partial" \
           "$work/apt/cache/archives/partial"
  : > "$work/apt/preferences"
  : > "$work/apt/sources.list"
  for pair in "$@"; do
    suite=${pair%%=*}; src=${pair#*=}
    [ -f "$src" ] || { echo "missing index file: $src" >&2; exit 77; }
    make_repository "$work" "$suite" "$src"
  done
  : > "$work/empty-status"
  # shellcheck disable=SC2046
  LC_ALL=C apt-get $(apt_options "$work") -o Dir::State::status="$work/empty-status" \
    -o Acquire::Languages=none -o Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false \
    -qq update >"$work/update.log" 2>&1 || { cat "$work/update.log" >&2; exit 1; }
  touch "$work/ready"
}

cmd=$1; shift
case "$cmd" in
setup)
  snapshot=$1; work=$2
  [ -f "$work/ready" ] && exit 0
  mkdir -p "$work"
  # Several test processes may ask at once: one builds, the others wait.
  if [ -z "${LOCIDEP_ORACLE_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
    LOCIDEP_ORACLE_LOCKED=1 exec flock "$work/.lock" "$0" setup "$snapshot" "$work"
  fi
  [ -f "$work/ready" ] && exit 0
  pairs=""
  for suite in bookworm bookworm-updates bookworm-security; do
    pairs="$pairs $suite=$snapshot/${suite}_main_binary-amd64_Packages.xz"
  done
  # shellcheck disable=SC2086
  setup_repository "$work" $pairs
  ;;
setup-files)
  work=$1; shift
  [ -f "$work/ready" ] && exit 0
  mkdir -p "$work"
  if [ -z "${LOCIDEP_ORACLE_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
    LOCIDEP_ORACLE_LOCKED=1 exec flock "$work/.lock" "$0" setup-files "$work" "$@"
  fi
  [ -f "$work/ready" ] && exit 0
  setup_repository "$work" "$@"
  ;;
apt-get)
  work=$1; status=$2; ext=$3; shift 3
  need apt-get apt
  # shellcheck disable=SC2046
  LC_ALL=C exec apt-get $(apt_options "$work") -o Dir::State::status="$status" \
    -o Dir::State::extended_states="$ext" -s "$@"
  ;;
*)
  echo "usage: $0 setup SNAPSHOT WORK | setup-files WORK SUITE=FILE... | apt-get WORK STATUS EXT ARGS..." >&2; exit 2 ;;
esac
