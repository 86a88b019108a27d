#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZTIME, default 30s each). Nothing is copied into
# the repository: the inputs the fuzzer finds interesting stay in Go's cache
# ($(go env GOCACHE)/fuzz), and only an input that once failed, or guards a fix, belongs in the
# committed corpus, by hand, under a name that says what it guards
# (<package>/testdata/fuzz/<Target>/<what-it-guards>). When a target fails, Go writes the failing
# input into that folder under a hash name; this script prints its path.
# Usage: scripts/fuzz.sh [package pattern, default ./internal/...]
set -euo pipefail
export LC_ALL=C # ls and comm must agree on the order
root=$(cd "$(dirname "$0")/.." && pwd)
fuzztime=${FUZZTIME:-30s}
cd "$root"
status=0
for pkg in $(go list "${1:-./internal/...}"); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -hoE '^func (Fuzz[A-Za-z0-9_]+)\(' "$dir"/*_test.go 2>/dev/null | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/' | sort -u); do
    corpus="$dir/testdata/fuzz/$target"
    before=$(ls "$corpus" 2>/dev/null || true)
    echo "fuzz: $pkg $target for $fuzztime"
    if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"; then
      continue
    fi
    status=1
    new=$(comm -13 <(echo "$before") <(ls "$corpus" 2>/dev/null || true))
    if [ -z "$new" ]; then
      echo "fuzz: $target FAILED without writing a new input (see the output above)" >&2
      continue
    fi
    for name in $new; do
      echo "fuzz: $target FAILED on ${corpus#"$root"/}/$name" >&2
      echo "fuzz:   reproduce: go test $pkg -run '^$target/$name\$'" >&2
      echo "fuzz:   after the fix, rename it to what it guards (e.g. ${corpus#"$root"/}/<what-it-guards>) and commit it" >&2
    done
  done
done
exit $status
