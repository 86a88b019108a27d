#!/usr/bin/env bash
# Builds and installs the provider, then runs `terraform plan` on examples/quickstart through a
# dev_overrides CLI configuration (no `terraform init`, no registry). Works offline when
# AZUREIPRANGE_SERVICE_TAGS_FILE points at a service tags snapshot.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp="$root/.tmp/demo"
mkdir -p "$tmp"

command -v terraform >/dev/null || { echo "demo: error: the Terraform CLI ('terraform') is not on PATH" >&2; exit 1; }

gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
echo "demo: building and installing the provider into $gobin"
(cd "$root" && go install .)

cat > "$tmp/dev.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "azureiprange/azureiprange" = "$gobin"
  }
  direct {}
}
CFG

# A gzip snapshot (as kept in testdata/) is decompressed first: the provider reads plain JSON.
if [[ "${AZUREIPRANGE_SERVICE_TAGS_FILE:-}" == *.gz ]]; then
  gunzip -c "$AZUREIPRANGE_SERVICE_TAGS_FILE" > "$tmp/$(basename "${AZUREIPRANGE_SERVICE_TAGS_FILE%.gz}")"
  export AZUREIPRANGE_SERVICE_TAGS_FILE="$tmp/$(basename "${AZUREIPRANGE_SERVICE_TAGS_FILE%.gz}")"
fi
if [ -n "${AZUREIPRANGE_SERVICE_TAGS_FILE:-}" ]; then
  echo "demo: offline, reading $AZUREIPRANGE_SERVICE_TAGS_FILE"
else
  echo "demo: discovering and downloading Microsoft's latest service tags file (set AZUREIPRANGE_SERVICE_TAGS_FILE to run offline)"
fi

export TF_CLI_CONFIG_FILE="$tmp/dev.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
cd "$root/examples/quickstart"
terraform plan -input=false -lock=false -state="$tmp/terraform.tfstate"
