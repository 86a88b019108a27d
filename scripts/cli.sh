#!/usr/bin/env bash
# Prints the absolute path of a command-line tool built from source at an exact version,
# building it the first time. Usage: scripts/cli.sh <terraform|opentofu|goreleaser> <version>
#
# Binaries live outside the repository, keyed by name and version:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/azureiprange-dev/cli/<name>-<version>/<binary>
# The source comes from the Go module proxy (the only registry this project may reach), so the
# first build of each takes 5-15 minutes on 2 cores and needs the proxy; later calls are instant
# and offline. A lock serialises concurrent builds and the binary appears by atomic rename, so
# a second run waits for the first instead of using a half-written file.
#
# The source is copied out of the read-only module cache and built as the main module, not
# with `go install module@version`: that command refuses modules whose go.mod has replace
# directives, as OpenTofu's and newer Terraform's do.
set -euo pipefail

die() { echo "cli.sh: error: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: scripts/cli.sh <terraform|opentofu|goreleaser> <version>, e.g. scripts/cli.sh opentofu 1.10.10"
name=$1 version=${2#v}

case "$name" in
terraform) module=github.com/hashicorp/terraform tag=v$version pkg=. bin=terraform
  ldflags="-X github.com/hashicorp/terraform/version.dev=no" banner="Terraform v$version" ;;
opentofu) module=github.com/opentofu/opentofu tag=v$version pkg=./cmd/tofu bin=tofu
  ldflags="-X github.com/opentofu/opentofu/version.dev=no" banner="OpenTofu v$version" ;;
goreleaser) module=github.com/goreleaser/goreleaser/v2 tag=v$version pkg=. bin=goreleaser
  ldflags="-X main.version=$version" banner="" ;;
*) die "unknown tool '$name': expected terraform, opentofu or goreleaser" ;;
esac
command -v go >/dev/null || die "the Go toolchain ('go') is not on PATH"

dir="${XDG_CACHE_HOME:-$HOME/.cache}/azureiprange-dev/cli/$name-$version"
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9

if [ ! -x "$dir/$bin" ]; then
  echo "cli.sh: building $name $version from source into $dir (5-15 minutes the first time)" >&2
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  # Outside any module, so the repository's go.mod plays no part.
  (cd "$work" && go mod download "$module@$tag") ||
    die "cannot fetch $module@$tag through the Go module proxy: check the version and GOPROXY"
  cp -r "$(go env GOMODCACHE)/$module@$tag" "$work/src"
  chmod -R u+w "$work/src"
  (cd "$work/src" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$dir/.$bin.tmp" "$pkg") ||
    die "building $name $version failed (see the output above)"
  if [ -n "$banner" ]; then
    got=$(CHECKPOINT_DISABLE=1 "$dir/.$bin.tmp" version 2>/dev/null | head -n 1)
    [ "$got" = "$banner" ] || die "the freshly built $name reports '$got', expected '$banner'"
  fi
  mv -f "$dir/.$bin.tmp" "$dir/$bin"
fi
echo "$dir/$bin"
