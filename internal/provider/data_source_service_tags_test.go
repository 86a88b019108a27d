package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

func pinnedProvider(path string) string {
	return fmt.Sprintf("provider \"azureiprange\" {\n  service_tags_file = %s\n}\n", hclString(path))
}

// Every snapshot: two AzureCloud region tags give exactly the union computed independently.
func TestServiceTagsUnionMatchesIndependentUnion(t *testing.T) {
	t.Parallel()
	for _, snapshot := range testutil.SnapshotNames(t) {
		t.Run(snapshot, func(t *testing.T) {
			t.Parallel()
			raw := testutil.Raw(t, snapshot)
			names := []string{"AzureCloud.westeurope", "AzureCloud.northeurope"}
			if raw.Cloud != "Public" {
				names = names[:0]
				for _, v := range raw.Values {
					if strings.HasPrefix(v.Name, "AzureCloud.") && v.Properties.Region != "" && len(names) < 2 {
						names = append(names, v.Name)
					}
				}
			}
			v4, v6 := expectedUnion(t, raw, names...)
			if len(v4) == 0 {
				t.Fatalf("test data: %v has no IPv4 prefixes", names)
			}
			path := testutil.SnapshotFile(t, snapshot)
			ds := "data.azureiprange_service_tags.test"
			// A file of another cloud than Public serves only when its cloud is named.
			expectState(t, pinnedProvider(path)+fmt.Sprintf(`
data "azureiprange_service_tags" "test" {
  cloud = %q
  names = [%q, %q]
}`, raw.Cloud, strings.ToUpper(names[0]), names[1]),
				expectAttr(ds, "ipv4_cidrs", exactStrings(v4)),
				expectAttr(ds, "ipv6_cidrs", exactStrings(v6)),
				expectAttr(ds, "address_prefixes", exactStrings(v4, v6)),
				expectAttr(ds, "cloud", knownvalue.StringExact(raw.Cloud)),
				expectAttr(ds, "change_number", knownvalue.Int64Exact(raw.ChangeNumber)),
				expectAttr(ds, "source", knownvalue.StringExact(path)),
				expectAttr(ds, "tags", knownvalue.ListSizeExact(2)),
			)
		})
	}
}

func TestServiceTagsSelectors(t *testing.T) {
	t.Parallel()
	path := testutil.SnapshotFile(t, testutil.PublicLatest)
	raw := testutil.Raw(t, testutil.PublicLatest)
	storageFR4, storageFR6 := expectedUnion(t, raw, "Storage.FranceCentral")
	devops4, devops6 := expectedUnion(t, raw, "AzureDevOps")
	frontDoor4, frontDoor6 := expectedUnion(t, raw, "AzureFrontDoor.Backend")
	expectState(t, pinnedProvider(path)+`
# ARM region name and the file's own spelling select the same tags.
data "azureiprange_service_tags" "arm" {
  services = ["storage"]
  regions  = ["francecentral"]
}
data "azureiprange_service_tags" "file_spelling" {
  services = ["Storage"]
  regions  = ["CentralFrance"]
}
# A tag without a dot is its own service.
data "azureiprange_service_tags" "devops" {
  services = ["AzureDevOps"]
}
# OR within a kind, AND across kinds: two services in one region.
data "azureiprange_service_tags" "two_services" {
  services = ["Storage", "Sql"]
  regions  = ["francecentral"]
}
# A dotted, non-regional tag is selected by name.
data "azureiprange_service_tags" "front_door" {
  names = ["AzureFrontDoor.Backend"]
}`,
		expectAttr("data.azureiprange_service_tags.arm", "tags", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"name":   knownvalue.StringExact("Storage.FranceCentral"),
				"region": knownvalue.StringExact("centralfrance"),
			}),
		})),
		expectAttr("data.azureiprange_service_tags.arm", "address_prefixes", exactStrings(storageFR4, storageFR6)),
		expectAttr("data.azureiprange_service_tags.file_spelling", "address_prefixes", exactStrings(storageFR4, storageFR6)),
		expectAttr("data.azureiprange_service_tags.devops", "ipv4_cidrs", exactStrings(devops4)),
		expectAttr("data.azureiprange_service_tags.devops", "ipv6_cidrs", exactStrings(devops6)),
		expectAttr("data.azureiprange_service_tags.two_services", "tags", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Sql.FranceCentral")}),
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Storage.FranceCentral")}),
		})),
		expectAttr("data.azureiprange_service_tags.front_door", "address_prefixes", exactStrings(frontDoor4, frontDoor6)),
		// Exactly the one tag named, and it has no region.
		expectAttr("data.azureiprange_service_tags.front_door", "tags", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"name":   knownvalue.StringExact("AzureFrontDoor.Backend"),
				"region": knownvalue.StringExact(""),
			}),
		})),
	)
}

// The provider-level cloud selects which file is discovered, and the env var works too.
func TestServiceTagsDownloadsOnceAndCaches(t *testing.T) {
	t.Parallel()
	srv := newSnapshotServer(t)
	srv.serve(publicLatestPath, testutil.Snapshot(t, testutil.PublicLatest))
	cacheDir := t.TempDir()
	raw := testutil.Raw(t, testutil.PublicLatest)
	v4, v6 := expectedUnion(t, raw, "AzureCloud.westeurope")
	config := fmt.Sprintf(`
provider "azureiprange" {
  cache_dir = %s
}
data "azureiprange_service_tags" "a" {
  names = ["AzureCloud.westeurope"]
}
data "azureiprange_service_tags" "b" {
  services = ["AzureCloud"]
  regions  = ["westeurope"]
}`, hclString(cacheDir))
	expectStateWith(t, factoriesWith(srv.transport()), config,
		expectAttr("data.azureiprange_service_tags.a", "source", knownvalue.StringExact(srv.URL+publicLatestPath)),
		expectAttr("data.azureiprange_service_tags.a", "ipv4_cidrs", exactStrings(v4)),
		expectAttr("data.azureiprange_service_tags.b", "address_prefixes", exactStrings(v4, v6)),
	)
	// Two data sources, several Terraform commands (each a new provider process): one download,
	// the rest served by the disk cache within its TTL.
	if got := srv.Count(publicLatestPath); got != 1 {
		t.Fatalf("the file was requested %d times, want exactly 1", got)
	}
	entries, err := os.ReadDir(cacheDir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("cache dir %s is empty (err %v)", cacheDir, err)
	}
}

func TestServiceTagsAllowEmpty(t *testing.T) {
	t.Parallel()
	path := testutil.SnapshotFile(t, testutil.PublicLatest)
	ds := "data.azureiprange_service_tags.none"
	expectState(t, pinnedProvider(path)+`
data "azureiprange_service_tags" "none" {
  names       = ["AzureCloud.westeurope"]
  regions     = ["francecentral"]
  allow_empty = true
}`,
		expectAttr(ds, "tags", knownvalue.ListExact([]knownvalue.Check{})),
		expectAttr(ds, "address_prefixes", exactStrings()),
		expectAttr(ds, "ipv4_cidrs", exactStrings()),
		expectAttr(ds, "ipv6_cidrs", exactStrings()),
	)
}

// writeFile puts crafted content in a temporary file and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Every bad input fails the plan with a message that names it; nothing reaches the state.
func TestServiceTagsErrors(t *testing.T) {
	t.Parallel()
	public := testutil.SnapshotFile(t, testutil.PublicLatest)
	china := testutil.SnapshotFile(t, testutil.China)
	full := string(testutil.Snapshot(t, testutil.PublicLatest))
	html := writeFile(t, "page.json", "<!DOCTYPE html>\n<html><head><title>Download Center</title></head><body>moved</body></html>")
	truncated := writeFile(t, "truncated.json", full[:len(full)/2])
	badPrefix := writeFile(t, "bad.json", `{"changeNumber": 1, "cloud": "Public", "values": [
  {"name": "AzureCloud.westeurope", "id": "AzureCloud.westeurope", "properties": {"changeNumber": 1, "region": "westeurope", "regionId": 18, "platform": "Azure", "systemService": "", "addressPrefixes": ["10.0.0.300/24"], "networkFeatures": []}}]}`)
	noValues := writeFile(t, "novalues.json", `{"changeNumber": 1, "cloud": "Public"}`)
	wrongCloud := writeFile(t, "mars.json", `{"changeNumber": 1, "cloud": "Mars", "values": []}`)

	oneTag := `
data "azureiprange_service_tags" "test" {
  names = ["AzureCloud.westeurope"]
}`
	expectConfigErrors(t, []configError{
		{"unknown name suggests the closest", pinnedProvider(public) + `
data "azureiprange_service_tags" "test" {
  names = ["AzureCloud.westeurope", "AzureCloud.westeuropa"]
}`, `(?s)AzureCloud\.westeuropa.*AzureCloud\.westeurope`},
		{"unknown region", pinnedProvider(public) + `
data "azureiprange_service_tags" "test" {
  services = ["AzureCloud"]
  regions  = ["westeurop"]
}`, `(?s)westeurop.*westeurope`},
		{"unknown service", pinnedProvider(public) + `
data "azureiprange_service_tags" "test" {
  services = ["Storag"]
}`, `(?s)Storag.*Storage`},
		{"empty selection", pinnedProvider(public) + `
data "azureiprange_service_tags" "test" {
  names   = ["AzureCloud.westeurope"]
  regions = ["francecentral"]
}`, `(?s)No service tag matches.*AzureCloud\.westeurope.*francecentral.*allow_empty`},
		{"no selector", pinnedProvider(public) + `
data "azureiprange_service_tags" "test" {
  names = []
}`, `(?s)at least one of names, services or regions`},
		{"empty selector value", pinnedProvider(public) + `
data "azureiprange_service_tags" "test" {
  names = ["AzureCloud.westeurope", ""]
}`, `names\[1\] is null or empty`},
		{"pinned file of another cloud", pinnedProvider(china) + `
data "azureiprange_service_tags" "test" {
  cloud = "Public"
  names = ["AzureCloud.westeurope"]
}`, `(?s)holds the "China" cloud.*"Public" was asked for`},
		{"provider cloud differs from the pinned file", fmt.Sprintf(`
provider "azureiprange" {
  cloud             = "usgovernment"
  service_tags_file = %s
}`, hclString(china)) + oneTag, `(?s)holds the "China" cloud.*"AzureGovernment" was asked for`},
		{"invalid data source cloud", pinnedProvider(public) + `
data "azureiprange_service_tags" "test" {
  cloud = "Moon"
  names = ["AzureCloud.westeurope"]
}`, `Invalid cloud.*"Moon" is not a cloud with a service tags file`},
		{"invalid provider cloud", `
provider "azureiprange" {
  cloud = "Moon"
}` + oneTag, `Invalid cloud.*"Moon" is not a cloud with a service tags file`},
		{"invalid cache_ttl", `
provider "azureiprange" {
  cache_ttl = "six hours"
}` + oneTag, `cache_ttl "six hours" is not a duration`},
		{"zero request_timeout", `
provider "azureiprange" {
  request_timeout = "0s"
}` + oneTag, `request_timeout "0s" must be greater than zero`},
		{"file and url both pinned", fmt.Sprintf(`
provider "azureiprange" {
  service_tags_file = %s
  service_tags_url  = "https://example.invalid/ServiceTags_Public_20251028.json"
}`, hclString(public)) + oneTag, `(?s)service_tags_file.*service_tags_url.*both set`},
		{"missing file", pinnedProvider(filepath.Join(t.TempDir(), "nope.json")) + oneTag, `nope\.json`},
		{"an HTML page instead of JSON", pinnedProvider(html) + oneTag, `(?i)html`},
		{"truncated JSON", pinnedProvider(truncated) + oneTag, `(?i)truncated|unexpected end`},
		{"a prefix that does not parse", pinnedProvider(badPrefix) + oneTag, `(?s)AzureCloud\.westeurope.*10\.0\.0\.300/24`},
		{"no values", pinnedProvider(noValues) + oneTag, `values`},
		{"unknown cloud in the file", pinnedProvider(wrongCloud) + oneTag, `Mars`},
		{"plain http to a remote host", `
provider "azureiprange" {
  service_tags_url = "http://example.com/ServiceTags_Public_20251028.json"
}` + oneTag, `(?s)http://example\.com.*https`},
	})
}

// An IPv6-only selection returns its prefixes but warns that ipv4_cidrs is empty.
// A selection of IPv6-only tags returns an empty ipv4_cidrs without a warning: a warning on
// every plan of a configuration that only reads ipv6_cidrs would mean nothing. compact and
// azureiprange_compact refuse the empty list where it would open an allow-list.
func TestServiceTagsIPv6OnlySelection(t *testing.T) {
	t.Parallel()
	p := New("test")().(*AzureIPRangeProvider)
	diags, state := readDataSource(t.Context(), t, p, map[string]string{"service_tags_file": testutil.SnapshotFile(t, testutil.PublicLatest)},
		"azureiprange_service_tags", map[string]tftypes.Value{"names": stringList("AzureSignalR.FranceSouth")})
	if len(diags) != 0 {
		t.Fatalf("want no diagnostics, got %s", describe(diags))
	}
	if n := listLength(t, state, "ipv4_cidrs"); n != 0 {
		t.Fatalf("ipv4_cidrs has %d elements, want 0", n)
	}
	if n := listLength(t, state, "ipv6_cidrs"); n < 1 {
		t.Fatalf("ipv6_cidrs has %d elements, want the tag's prefixes", n)
	}
}
