#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the headline.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
set -x
build/release/cli/locidep plan --profile fluent --distro opensuse
