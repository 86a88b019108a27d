#!/usr/bin/env bash
# Installs the provider the way users will: through the provider registry protocol, from a
# signed release built by .goreleaser.yml, with `terraform init` and `tofu init`.
#
#  1. makes a throwaway GPG key in a temporary GNUPGHOME;
#  2. builds a snapshot release with GoReleaser and the repository's .goreleaser.yml (every
#     release platform; GoReleaser's own signing step signs SHA256SUMS with that key);
#  3. serves it with tools/testregistry on loopback HTTPS, behind a throwaway CA that the CLIs
#     trust through SSL_CERT_FILE; a CLI configuration `host` block points registry.terraform.io
#     (registry.opentofu.org for tofu) at it instead of service discovery;
#  4. runs `init` on a copy of examples/quickstart and checks that the provider was installed,
#     its signature verified, and .terraform.lock.hcl records the zh: hash of every zip served;
#  5. stops the registry and runs `plan` offline against a snapshot in testdata/.
#
# Environment: OPENTOFU (a tofu binary; default: OpenTofu $OPENTOFU_VERSION built by
# scripts/cli.sh), GORELEASER_VERSION, TEST_INSTALL_VERSION (the version to release as).
set -euo pipefail
shopt -s inherit_errexit
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.tmp/test-install"
version=${TEST_INSTALL_VERSION:-0.0.1}
snapshot="$root/testdata/servicetags/ServiceTags_Public_20251028.json.gz"

die() { echo "test-install: error: $*" >&2; exit 1; }
step() { echo "test-install: [$((SECONDS - started))s] $*"; }
for tool in terraform gpg gpgconf sha256sum; do
  command -v "$tool" >/dev/null || die "'$tool' is not on PATH"
done
started=$SECONDS
terraform=$(command -v terraform)
tofu=${OPENTOFU:-}
[ -n "$tofu" ] || tofu=$("$root/scripts/cli.sh" opentofu "${OPENTOFU_VERSION:-1.10.10}")
goreleaser=$("$root/scripts/cli.sh" goreleaser "${GORELEASER_VERSION:-2.15.1}")

rm -rf "$work" && mkdir -p "$work"
# The user's settings must not pick another copy of the provider or another registry.
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_CLI_ARGS TF_CLI_ARGS_init TF_CLI_ARGS_plan
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
# A short path: gpg-agent puts its socket there.
GNUPGHOME=$(mktemp -d /tmp/test-install-gpg.XXXXXX)
export GNUPGHOME
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  gpgconf --kill gpg-agent 2>/dev/null || true
  rm -rf "$GNUPGHOME"
}
trap cleanup EXIT

step "making a throwaway signing key"
gpg --batch --quiet --passphrase '' --quick-gen-key "azureiprange test-install <test-install@example.invalid>" rsa3072 sign 1d
keyid=$(gpg --quiet --with-colons --list-keys | awk -F: '$1 == "pub" {print $5; exit}')
fingerprint=$(gpg --quiet --with-colons --list-keys | awk -F: '$1 == "fpr" {print $10; exit}')
gpg --armor --export "$fingerprint" > "$work/public-key.asc"

# The repository's configuration, plus where to put the release and a plain version number:
# a snapshot's default version is a pre-release, which `init` never selects without an exact
# version constraint, and the example has none.
cat "$root/.goreleaser.yml" - > "$work/goreleaser.yml" <<YAML

dist: $work/dist
snapshot:
  version_template: "$version"
YAML
step "building a snapshot release of every platform with GoReleaser (log: ${work#"$root"/}/goreleaser.log)"
if ! (cd "$root" && GPG_FINGERPRINT="$fingerprint" "$goreleaser" release --snapshot --clean \
  --config "$work/goreleaser.yml") > "$work/goreleaser.log" 2>&1; then
  tail -n 30 "$work/goreleaser.log" >&2
  die "GoReleaser failed (full log: $work/goreleaser.log)"
fi
zips=("$work/dist/terraform-provider-azureiprange_${version}_"*.zip)
[ -f "${zips[0]}" ] || die "GoReleaser made no zips in $work/dist"
sums="$work/dist/terraform-provider-azureiprange_${version}_SHA256SUMS"
gpg --quiet --verify "$sums.sig" "$sums" 2> "$work/gpg-verify.log" ||
  { cat "$work/gpg-verify.log" >&2; die "$(basename "$sums.sig") does not verify: was $(basename "$sums") rewritten after signing?"; }
step "built ${#zips[@]} signed packages"

go build -o "$work/testregistry" "$root/tools/testregistry"
"$work/testregistry" -dist "$work/dist" -manifest "$root/terraform-registry-manifest.json" \
  -public-key "$work/public-key.asc" -key-id "$keyid" -state-dir "$work" 2> "$work/registry.log" &
server=$!
for _ in $(seq 100); do
  [ -f "$work/url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/registry.log" >&2; die "the test registry did not start"; }
  sleep 0.1
done
[ -f "$work/url" ] || die "the test registry did not start within 10 s (log: $work/registry.log)"
url=$(cat "$work/url")
export SSL_CERT_FILE="$work/ca.pem"
step "registry protocol served at $url/v1/providers/"

# cli_config NAME HOST: a CLI configuration sending HOST's provider requests to the test registry.
# The explicit provider_installation block turns off the implied local mirror directories.
cli_config() {
  cat > "$work/$1.tfrc" <<CFG
host "$2" {
  services = {
    "providers.v1" = "$url/v1/providers/"
  }
}
provider_installation {
  direct {}
}
CFG
}

# install NAME CLI HOST: `init` on a fresh copy of examples/quickstart, then the checks.
install() {
  local name=$1 cli=$2 host=$3 dir="$work/$1"
  mkdir -p "$dir" && cp "$root"/examples/quickstart/*.tf "$dir/"
  cli_config "$name" "$host"
  if ! TF_CLI_CONFIG_FILE="$work/$name.tfrc" "$cli" -chdir="$dir" init -input=false -no-color > "$dir/init.log" 2>&1; then
    cat "$dir/init.log" >&2
    die "$name init failed"
  fi
  local installed
  installed=$(grep -E "Installed azureiprange/azureiprange v$version \((self-)?signed, key ID $keyid\)" "$dir/init.log") ||
    { cat "$dir/init.log" >&2; die "$name init did not report installing v$version signed by key $keyid"; }
  local lock="$dir/.terraform.lock.hcl"
  grep -q "^provider \"$host/azureiprange/azureiprange\" {" "$lock" || die "$lock has no entry for $host/azureiprange/azureiprange"
  grep -qE "^  version += \"$version\"" "$lock" || die "$lock does not record version $version"
  local zip sum
  for zip in "${zips[@]}"; do
    sum=$(sha256sum "$zip" | cut -d ' ' -f 1)
    grep -q "\"zh:$sum\"" "$lock" || die "$lock lacks zh:$sum, the sha256 of the served $(basename "$zip")"
  done
  step "$name: ${installed# }; lock file records zh: hashes of all ${#zips[@]} zips"
}

install terraform "$terraform" registry.terraform.io
install tofu "$tofu" registry.opentofu.org

kill "$server"
wait "$server" 2>/dev/null || true
server=
step "registry stopped; planning offline"

tags=$snapshot # gzip, read by the provider as it is
for name in terraform tofu; do
  cli=$terraform
  [ "$name" = tofu ] && cli=$tofu
  if ! AZUREIPRANGE_SERVICE_TAGS_FILE="$tags" TF_CLI_CONFIG_FILE="$work/$name.tfrc" \
    "$cli" -chdir="$work/$name" plan -input=false -no-color -lock=false > "$work/$name/plan.log" 2>&1; then
    cat "$work/$name/plan.log" >&2
    die "$name plan with the installed provider failed"
  fi
  grep -q "europe_ipv4_prefix_count *= *[1-9]" "$work/$name/plan.log" ||
    { cat "$work/$name/plan.log" >&2; die "$name plan does not show the outputs"; }
  step "$name plan: $(grep -E 'europe_ipv4_prefix_count' "$work/$name/plan.log" | tr -s ' ' | sed 's/^ *//')"
done
step "passed"
