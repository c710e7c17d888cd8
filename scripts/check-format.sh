#!/usr/bin/env bash
# Fails when a C++ file of the project differs from what clang-format makes
# of it with the checked-in .clang-format (fix: clang-format -i FILE…).
# Debian 12's clang-format (14) is the reference: another version may lay out
# a few constructs differently.
set -euo pipefail
cd "$(dirname "$0")/.."
formatter=${CLANG_FORMAT:-clang-format}
if ! command -v "$formatter" >/dev/null 2>&1; then
  echo "check-format: $formatter not found (scripts/install-deps.sh installs it)" >&2
  exit 3
fi
mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp' '*.h' '*.cc')
if ((${#files[@]} == 0)); then
  echo "check-format: no C++ files found (not a git checkout?)" >&2
  exit 3
fi
if "$formatter" --dry-run -Werror "${files[@]}"; then
  echo "check-format: ${#files[@]} files formatted as .clang-format says ($("$formatter" --version))"
else
  echo "check-format: the files above differ from .clang-format; run: $formatter -i FILE…" >&2
  exit 1
fi
