#!/usr/bin/env bash
# Places a built provider where Terraform and OpenTofu find it without any CLI configuration:
# their implied local mirror folder, $HOME/.terraform.d/plugins, under each registry's host
# name (registry.terraform.io for Terraform, registry.opentofu.org for OpenTofu), so that
# `terraform init` and `tofu init` install it beside providers from the registry.
#
# Usage: scripts/install-local.sh <provider binary> <version>
# The version must satisfy the configurations' constraints (the examples ask for ~> 0.1);
# Terraform takes a provider found in a local mirror from there only.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/install-local.sh <provider binary> <version>" >&2; exit 2; }
binary=$1 version=$2
platform="$(go env GOOS)_$(go env GOARCH)"
for host in registry.terraform.io registry.opentofu.org; do
  dir="$HOME/.terraform.d/plugins/$host/azureiprange/azureiprange/$version/$platform"
  mkdir -p "$dir"
  # Atomically, so a terraform init running meanwhile never sees half a binary.
  cp "$binary" "$dir/.terraform-provider-azureiprange_v$version.tmp"
  mv -f "$dir/.terraform-provider-azureiprange_v$version.tmp" "$dir/terraform-provider-azureiprange_v$version"
  echo "installed $dir/terraform-provider-azureiprange_v$version"
done
