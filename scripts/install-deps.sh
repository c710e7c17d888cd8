#!/usr/bin/env bash
# Installs what locidep needs on Debian 12 and is not installed yet.
#   scripts/install-deps.sh           build dependencies
#   scripts/install-deps.sh --oracles also the real package managers the
#                                     differential tests compare against
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  tao-pegtl-dev libsolv-dev libsolvext-dev librpm-dev libapt-pkg-dev liblz4-dev
  libyaml-cpp-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
if [[ "${1:-}" == "--oracles" ]]; then
  # apt-utils: apt-ftparchive (a file: repository for apt-get); rpm, dnf,
  # zypper, createrepo-c: the rpm-side oracles; libsolv-tools: testsolv.
  packages+=(apt-utils rpm dnf zypper createrepo-c libsolv-tools xz-utils shellcheck)
  # The style checks of the test command (scripts/check-format.sh, check-tidy.sh).
  packages+=(clang-format clang-tidy)
  # The fuzz targets (scripts/fuzz.sh): clang and its libFuzzer runtime.
  packages+=(clang libclang-rt-14-dev)
  # The Dockerfile linter runs on Node.js; this machine kind ships one, a
  # plain Debian gets Debian's.
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f '${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "installing: ${missing[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: need root to install ${missing[*]}" >&2
    exit 3
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" == "--oracles" && ! -x tests/lint/node_modules/.bin/dockerlinter ]]; then
  # dockerlinter's shellcheck dependency would download a binary; Debian's
  # shellcheck on PATH is used instead, hence --ignore-scripts.
  (cd tests/lint && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
