#!/usr/bin/env bash
# Builds the provider into a private folder (never over one you installed in GOPATH/bin), then
# runs `terraform plan` on a copy of examples/quickstart
# through a dev_overrides CLI configuration (no `terraform init`, no registry). Works offline
# when AZUREIPRANGE_SERVICE_TAGS_FILE points at a service tags snapshot. Long lists in the plan
# are cut to their first few elements and a count.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp="$root/.tmp/demo"
rm -rf "$tmp" && mkdir -p "$tmp/quickstart"

command -v terraform >/dev/null || { echo "demo: error: the Terraform CLI ('terraform') is not on PATH" >&2; exit 1; }

gobin="$tmp/bin"
echo "demo: building the provider into $gobin"
(cd "$root" && GOBIN="$gobin" go install .)

cat > "$tmp/dev.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "azureiprange/azureiprange" = "$gobin"
  }
  direct {}
}
CFG

file=${AZUREIPRANGE_SERVICE_TAGS_FILE:-}
if [ -n "$file" ]; then
  [ -f "$file" ] || { echo "demo: error: AZUREIPRANGE_SERVICE_TAGS_FILE=$file: no such file" >&2; exit 1; }
  file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file") # the plan runs in another folder
  export AZUREIPRANGE_SERVICE_TAGS_FILE=$file
  echo "demo: offline, reading $file"
else
  echo "demo: discovering and downloading Microsoft's latest service tags file (set AZUREIPRANGE_SERVICE_TAGS_FILE to run offline)"
fi

# A copy, so no state or lock file lands in examples/.
cp "$root"/examples/quickstart/*.tf "$tmp/quickstart/"
export TF_CLI_CONFIG_FILE="$tmp/dev.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
if ! terraform -chdir="$tmp/quickstart" plan -input=false -lock=false -compact-warnings -no-color > "$tmp/plan.log" 2>&1; then
  cat "$tmp/plan.log" >&2
  if [ -z "${AZUREIPRANGE_SERVICE_TAGS_FILE:-}" ]; then
    echo "demo: the plan failed. Without network access, point AZUREIPRANGE_SERVICE_TAGS_FILE at a snapshot;" >&2
    echo "demo: the repository ships real ones in testdata/servicetags/, for example:" >&2
    echo "demo:   AZUREIPRANGE_SERVICE_TAGS_FILE=testdata/servicetags/ServiceTags_Public_20251028.json.gz make demo" >&2
  fi
  exit 1
fi
# Prints the plan with every list longer than 6 elements cut to its first 3 and a count.
awk '
  function flush(   i) {
    if (n <= 6) { for (i = 1; i <= n; i++) print held[i] }
    else { for (i = 1; i <= 3; i++) print held[i]; printf "%s  ... %d more\n", indent, n - 3 }
    n = 0
  }
  inlist && $0 ~ "^" indent "\\]" { flush(); inlist = 0; print; next }
  inlist { held[++n] = $0; next }
  / = \[$/ { inlist = 1; n = 0; match($0, /^ *([-+~] )?/); indent = sprintf("%" RLENGTH "s", ""); print; next }
  { print }
  END { if (inlist) flush() }
' "$tmp/plan.log"
