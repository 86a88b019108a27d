#!/usr/bin/env bash
# Times `terraform plan` side by side, in one run, on the same snapshot:
#   (a) this provider pinned to the file, selecting the Europe AzureCloud tags;
#   (b) plain HCL: jsondecode(file(...)) and `for` expressions doing the same selection;
#   (c) this provider with ten data sources instead of one (one download, one parse).
# Reports the median wall time of several runs and the peak memory (max RSS of terraform and
# its provider plugin), then the ratios a/b (target <= 0.25) and c/a (target <= 1.2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_PLAN_RUNS:-5}
snapshot=${BENCH_PLAN_SNAPSHOT:-$root/testdata/servicetags/ServiceTags_Public_20251028.json.gz}
work="$root/.tmp/bench-plan"
rm -rf "$work" && mkdir -p "$work"/{provider-one,provider-ten,hcl}

command -v terraform >/dev/null || { echo "bench-plan: error: terraform is not on PATH" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-plan: error: /usr/bin/time (GNU time) is needed for peak memory; apt-get install time" >&2; exit 1; }

file="$work/$(basename "${snapshot%.gz}")"
if [[ "$snapshot" == *.gz ]]; then gunzip -c "$snapshot" > "$file"; else cp "$snapshot" "$file"; fi

gobin="$work/bin"
(cd "$root" && GOBIN="$gobin" go install .)
cat > "$work/dev.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "azureiprange/azureiprange" = "$gobin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/dev.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

header='terraform {
  required_providers {
    azureiprange = { source = "azureiprange/azureiprange" }
  }
}'
names='["AzureCloud.westeurope", "AzureCloud.northeurope"]'

{
  echo "$header"
  echo "provider \"azureiprange\" { service_tags_file = \"$file\" }"
  echo "data \"azureiprange_service_tags\" \"eu\" { names = $names }"
  echo 'output "ipv4" { value = length(data.azureiprange_service_tags.eu.ipv4_cidrs) }'
} > "$work/provider-one/main.tf"

{
  echo "$header"
  echo "provider \"azureiprange\" { service_tags_file = \"$file\" }"
  for i in $(seq 1 10); do
    echo "data \"azureiprange_service_tags\" \"eu$i\" { names = $names }"
  done
  echo 'output "ipv4" { value = [for i in range(1, 11) : length(data.azureiprange_service_tags.eu1.ipv4_cidrs)] }'
} > "$work/provider-ten/main.tf"

cat > "$work/hcl/main.tf" <<HCL
locals {
  file     = jsondecode(file("$file"))
  selected = [for v in local.file.values : v.properties.addressPrefixes if contains($names, v.name)]
  ipv4     = distinct([for p in flatten(local.selected) : p if !strcontains(p, ":")])
}
output "ipv4" { value = length(local.ipv4) }
HCL

# measure DIR: prints "<median seconds> <max peak MiB>"
measure() {
  local dir=$1 times=() peak=0
  (cd "$dir" && terraform plan -input=false -lock=false -refresh=false >/dev/null) # warm-up
  for _ in $(seq 1 "$runs"); do
    local start end kb
    start=$(date +%s%N)
    kb=$( { cd "$dir" && /usr/bin/time -f '%M' terraform plan -input=false -lock=false -refresh=false >/dev/null; } 2>&1 | tail -n 1)
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $((peak / 1024))"
}

read -r a_ms a_mb < <(measure "$work/provider-one")
read -r b_ms b_mb < <(measure "$work/hcl")
read -r c_ms c_mb < <(measure "$work/provider-ten")

printf '\nterraform plan, median of %d runs, on %s (%s cores)\n' "$runs" "$(basename "$file")" "$(nproc)"
printf '%-46s %8s %10s\n' "configuration" "time" "peak RSS"
printf '%-46s %6d ms %7d MiB\n' "(a) azureiprange, 1 data source" "$a_ms" "$a_mb"
printf '%-46s %6d ms %7d MiB\n' "(b) plain HCL jsondecode(file()) + for" "$b_ms" "$b_mb"
printf '%-46s %6d ms %7d MiB\n' "(c) azureiprange, 10 data sources" "$c_ms" "$c_mb"
ratio_ab=$(awk -v a="$a_ms" -v b="$b_ms" 'BEGIN {printf "%.2f", a / b}')
ratio_ca=$(awk -v a="$a_ms" -v c="$c_ms" 'BEGIN {printf "%.2f", c / a}')
printf 'ratio a/b = %s (target <= 0.25)\nratio c/a = %s (target <= 1.20)\n' "$ratio_ab" "$ratio_ca"
awk -v r="$ratio_ab" -v s="$ratio_ca" 'BEGIN {exit !(r <= 0.25 && s <= 1.20)}' || { echo "bench-plan: a target was missed" >&2; exit 1; }
