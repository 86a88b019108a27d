#!/usr/bin/env bash
# Prints the folder holding a terraform-provider-azurerm binary built from source at the
# version the examples are checked against (azurerm 5.2.0), building it the first time.
#
# The binary lives outside the repository, so a clean checkout reuses it:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/azureiprange-dev/azurerm-<module version>/
# It comes from the Go module proxy (about ten minutes and ~330 MB the first time; later
# calls are instant and offline). A lock serialises concurrent builds.
#
# Environment:
#   AZURERM_MODULE_VERSION  Go module version to build (default: the pseudo-version of the
#                           commit tagged v5.2.0: the repository has no /v5 module path, so
#                           the proxy only knows pseudo-versions)
#   AZURERM_BIN_DIR         use or build the binary in this folder instead
set -euo pipefail

version="${AZURERM_MODULE_VERSION:-v1.44.1-0.20260824201233-fae580791926}"
dir="${AZURERM_BIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/azureiprange-dev/azurerm-$version}"
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9

if [[ ! -x "$dir/terraform-provider-azurerm" || "$(cat "$dir/.version" 2>/dev/null || true)" != "$version" ]]; then
  echo "azurerm.sh: building hashicorp/azurerm $version into $dir (about 10 minutes the first time)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # Outside any module, so the repository's go.mod plays no part.
  (cd "$work" && GOBIN="$dir" go install "github.com/hashicorp/terraform-provider-azurerm@$version")
  printf '%s\n' "$version" >"$dir/.version"
fi
echo "$dir"
