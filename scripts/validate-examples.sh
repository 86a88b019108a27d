#!/usr/bin/env bash
# Checks every example configuration offline: `terraform fmt -check`,
# `terraform validate` and, for an example with a tests/ folder, `terraform test`
# (a plan against a snapshot with azurerm mocked, so azurerm's own validators
# check the fitted lists' values), against a locally built azureiprange provider
# and a locally built hashicorp/azurerm, both wired in through dev_overrides.
#
# No `terraform init`: with dev_overrides, validate loads overridden providers
# straight from their directories, while init would still try to reach
# registry.terraform.io and fails offline. Local child modules are installed
# with `terraform get`, which needs no network.
#
# Usage: scripts/validate-examples.sh [example-dir ...]
#   With no arguments every example directory is checked.
#
# azurerm comes from scripts/azurerm.sh (AZURERM_MODULE_VERSION, AZURERM_BIN_DIR), built once
# outside the repository; this provider is built into .tmp/validate-examples-bin.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

tmp_dir="$repo_root/.tmp"
# A private folder: never overwrite a provider the user installed in GOPATH/bin.
provider_bin_dir="$tmp_dir/validate-examples-bin"

mkdir -p "$tmp_dir"

log() { printf '==> %s\n' "$*" >&2; }

if ! command -v terraform >/dev/null 2>&1; then
  echo "error: terraform is not on PATH" >&2
  exit 1
fi

# --- 1. This provider --------------------------------------------------------
log "building terraform-provider-azureiprange into $provider_bin_dir"
if ! GOBIN="$provider_bin_dir" go install .; then
  echo "error: the provider does not build; fix the build and re-run" >&2
  exit 1
fi

# --- 2. hashicorp/azurerm ----------------------------------------------------
# Built from source through the Go module proxy once, outside the repository (scripts/azurerm.sh).
azurerm_bin_dir=$(scripts/azurerm.sh)
log "using hashicorp/azurerm from $azurerm_bin_dir"

# --- 3. Terraform CLI configuration ---------------------------------------------
cli_config="$tmp_dir/validate-examples.tfrc"
cat >"$cli_config" <<EOF
provider_installation {
  dev_overrides {
    "azureiprange/azureiprange" = "$provider_bin_dir"
    "hashicorp/azurerm"         = "$azurerm_bin_dir"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$cli_config"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
export TF_INPUT=0

# --- 4. Examples ----------------------------------------------------------------
examples=()
if (($# > 0)); then
  examples=("$@")
else
  shopt -s nullglob
  for dir in \
    examples/provider \
    examples/data-sources/*/ \
    examples/functions/*/ \
    examples/aks-authorized-ip-ranges \
    examples/fit-consumers \
    examples/quickstart; do
    dir="${dir%/}"
    [[ -d "$dir" ]] && examples+=("$dir")
  done
  shopt -u nullglob
fi

if ((${#examples[@]} == 0)); then
  echo "error: no example directories found" >&2
  exit 1
fi

# The snapshot `terraform test` plans against: the examples' lists are computed from it.
snapshot="$repo_root/testdata/servicetags/ServiceTags_Public_20251028.json.gz"

log_dir="$tmp_dir/validate-examples"
rm -rf "$log_dir"
mkdir -p "$log_dir"

results=()
failed=0
for dir in "${examples[@]}"; do
  name="${dir#examples/}"
  slug="${name//\//_}"
  log_file="$log_dir/$slug.log"
  # Keep .terraform (installed child modules) out of the example directory.
  export TF_DATA_DIR="$log_dir/$slug.terraform"

  status=PASS
  step=""
  if ! compgen -G "$dir/*.tf" >/dev/null; then
    status=FAIL
    step="no .tf files"
    echo "no .tf files in $dir" >"$log_file"
  elif ! terraform fmt -check -diff -no-color "$dir" >"$log_file" 2>&1; then
    status=FAIL
    step="fmt"
  elif ! terraform -chdir="$dir" get -no-color >>"$log_file" 2>&1; then
    status=FAIL
    step="get"
  elif ! terraform -chdir="$dir" validate -no-color >>"$log_file" 2>&1; then
    status=FAIL
    step="validate"
  elif [[ -d "$dir/tests" ]] && ! AZUREIPRANGE_SERVICE_TAGS_FILE="$snapshot" \
    terraform -chdir="$dir" test -no-color >>"$log_file" 2>&1; then
    # validate sees the lists as unknown; the test plans them for real against a snapshot,
    # with azurerm mocked (no Azure), so azurerm's validators check every entry.
    status=FAIL
    step="test"
  fi

  if [[ "$status" == FAIL ]]; then
    failed=1
    printf -- '---- %s: %s failed ----\n' "$dir" "$step" >&2
    # Drop the dev_overrides warning that every command prints.
    sed '/Warning: Provider development overrides are in effect/,/releases\./d' "$log_file" >&2
    results+=("FAIL  $dir ($step)")
  else
    results+=("PASS  $dir")
  fi
done
unset TF_DATA_DIR

echo
echo "Example validation summary (logs in ${log_dir#"$repo_root"/}):"
printf '  %s\n' "${results[@]}"

exit "$failed"
