#!/usr/bin/env bash
# A newcomer's path, offline: `make install`, then `terraform init` and `terraform validate`
# of examples/aks-authorized-ip-ranges with no CLI configuration, and the same with OpenTofu.
# Runs in a private HOME so the user's ~/.terraform.d is never touched; azurerm 5.2 (built once
# by scripts/azurerm.sh) is placed in the same implied local mirror, as a registry would
# otherwise provide it.
#
# Environment: LOCAL_VERSION (the version make install uses), OPENTOFU (a tofu binary to use),
# OPENTOFU_VERSION (the one scripts/cli.sh builds otherwise).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=${LOCAL_VERSION:?LOCAL_VERSION is not set}
say() { echo "test-local-install: $*"; }
fail() { echo "test-local-install: FAIL: $*" >&2; exit 1; }

azurerm_dir=$(scripts/azurerm.sh)
tofu=${OPENTOFU:-}
[ -n "$tofu" ] || tofu=$(scripts/cli.sh opentofu "${OPENTOFU_VERSION:?}")
# The Go caches stay the user's, so the build needs no network; only HOME is private.
export GOPATH GOMODCACHE GOCACHE
GOPATH=$(go env GOPATH) GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home GOBIN=$home/go/bin CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
unset TF_CLI_CONFIG_FILE TF_CLI_CONFIG_FILE TF_PLUGIN_CACHE_DIR # no CLI configuration at all

say "make install (HOME=$home)"
out=$(make --no-print-directory install 2>&1) || { echo "$out" >&2; fail "make install"; }
for host in registry.terraform.io registry.opentofu.org; do
  want="$home/.terraform.d/plugins/$host/azureiprange/azureiprange/$version/$(go env GOOS)_$(go env GOARCH)"
  grep -q "installed $want/terraform-provider-azureiprange_v$version" <<<"$out" || { echo "$out" >&2; fail "make install did not print $want"; }
  # azurerm as the registry would deliver it; a hard link when the folders share a disk.
  dir="$home/.terraform.d/plugins/$host/hashicorp/azurerm/5.2.0/$(go env GOOS)_$(go env GOARCH)"
  mkdir -p "$dir"
  ln "$azurerm_dir/terraform-provider-azurerm" "$dir/terraform-provider-azurerm_v5.2.0" 2>/dev/null ||
    cp "$azurerm_dir/terraform-provider-azurerm" "$dir/terraform-provider-azurerm_v5.2.0"
done

for cli in terraform "$tofu"; do
  name=$(basename "$cli")
  work="$home/$name-aks"
  cp -r examples/aks-authorized-ip-ranges "$work"
  say "$name init && $name validate in a copy of examples/aks-authorized-ip-ranges"
  "$cli" -chdir="$work" init -no-color >"$home/$name-init.log" 2>&1 || { cat "$home/$name-init.log" >&2; fail "$name init"; }
  grep -q 'provider "registry\.[a-z]*\.[a-z]*/azureiprange/azureiprange"' "$work/.terraform.lock.hcl" &&
    grep -q "version *= \"$version\"" "$work/.terraform.lock.hcl" || { cat "$work/.terraform.lock.hcl" >&2; fail "$name locked no azureiprange $version"; }
  "$cli" -chdir="$work" validate -no-color || fail "$name validate"
done
# make demo builds into a private folder: the binary make install put in GOBIN stays as it was
# (make install stamps its version, the demo build does not, so an overwrite would show).
before=$(sha256sum "$GOBIN/terraform-provider-azureiprange")
AZUREIPRANGE_SERVICE_TAGS_FILE="$root/testdata/servicetags/ServiceTags_Public_20251028.json.gz" \
  make --no-print-directory demo >"$home/demo.log" 2>&1 || { cat "$home/demo.log" >&2; fail "make demo"; }
[ "$(sha256sum "$GOBIN/terraform-provider-azureiprange")" = "$before" ] || fail "make demo overwrote $GOBIN/terraform-provider-azureiprange"

say "ok: make install, then init and validate with Terraform and OpenTofu, offline and without CLI configuration; make demo left GOBIN alone"
