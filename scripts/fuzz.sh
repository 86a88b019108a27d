#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZTIME, default 30s each), then copies the
# inputs the fuzzer found interesting from Go's cache into the package's testdata/fuzz/<Target>
# folder: that folder is the committed corpus, replayed by every plain `go test` run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fuzztime=${FUZZTIME:-30s}
cd "$root"
status=0
for pkg in $(go list ./internal/...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -hoE '^func (Fuzz[A-Za-z0-9_]+)\(' "$dir"/*_test.go 2>/dev/null | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/' | sort -u); do
    echo "fuzz: $pkg $target for $fuzztime"
    if ! go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"; then
      echo "fuzz: $target FAILED (the failing input is in $dir/testdata/fuzz/$target)" >&2
      status=1
    fi
    found="$(go env GOCACHE)/fuzz/$pkg/$target"
    if [ -d "$found" ]; then
      mkdir -p "$dir/testdata/fuzz/$target"
      cp -n "$found"/* "$dir/testdata/fuzz/$target/" 2>/dev/null || true
      echo "fuzz: corpus of $target: $(ls "$dir/testdata/fuzz/$target" | wc -l) inputs"
    fi
  done
done
exit $status
