package servicetags

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// parseSnapshot parses one of the real snapshots or fails the test.
func parseSnapshot(tb testing.TB, name string) *File {
	tb.Helper()
	f, err := Parse(testutil.Snapshot(tb, name))
	if err != nil {
		tb.Fatalf("Parse(%s): %v", name, err)
	}
	return f
}

func TestParseSnapshots(t *testing.T) {
	type knownTag struct {
		name, region, firstPrefix string
	}
	tests := []struct {
		file               string
		cloud              string
		change             int64
		tags, prefixes, v6 int
		services, regions  int
		known              []knownTag
	}{
		{testutil.PublicLatest, CloudPublic, 375, 3039, 93362, 24429, 95, 71, []knownTag{
			{"AzureCloud.westeurope", "westeurope", ""},
			{"Storage.FranceCentral", "centralfrance", ""},
			{"AzureCloud.centralfrance", "centralfrance", ""},
			{"AzureFrontDoor.Backend", "", ""},
			{"ActionGroup", "", "4.145.74.52/30"},
		}},
		{testutil.PublicPrevious, CloudPublic, 373, 3039, 93311, 24417, 95, 71, nil},
		{testutil.Public2024, CloudPublic, 301, 2601, 75220, 18960, 95, 61, []knownTag{
			{"AzureCloud.westeurope", "westeurope", ""},
		}},
		{testutil.Government, CloudAzureGovernment, 402, 299, 6591, 1732, 83, 5, []knownTag{
			{"AzureCloud.usgovvirginia", "usgovvirginia", ""},
		}},
		{testutil.China, CloudChina, 405, 327, 4390, 1276, 80, 6, []knownTag{
			{"AzureCloud.chinanorth3", "chinanorth3", ""},
		}},
		{testutil.Germany, CloudAzureGermany, 193, 79, 372, 10, 32, 2, []knownTag{
			{"AzureCloud.germanycentral", "germanycentral", ""},
			{"ApiManagement", "", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := parseSnapshot(t, tt.file)
			if f.Cloud != tt.cloud || f.ChangeNumber != tt.change {
				t.Errorf("cloud, change = %q, %d; want %q, %d", f.Cloud, f.ChangeNumber, tt.cloud, tt.change)
			}
			if len(f.Tags) != tt.tags {
				t.Errorf("%d tags, want %d", len(f.Tags), tt.tags)
			}
			prefixes, v6 := 0, 0
			for _, tag := range f.Tags {
				if len(tag.texts) > 0 { // what README and decode.go say of real files: a copy of the text is the exception
					t.Errorf("tag %q publishes %d prefixes in other than canonical text", tag.Name, len(tag.texts))
				}
				prefixes += len(tag.Prefixes)
				for _, p := range tag.Prefixes {
					if p.Addr().Is6() {
						v6++
					}
				}
			}
			if prefixes != tt.prefixes || v6 != tt.v6 {
				t.Errorf("%d prefixes (%d IPv6), want %d (%d IPv6)", prefixes, v6, tt.prefixes, tt.v6)
			}
			if len(f.services) != tt.services {
				t.Errorf("%d services, want %d", len(f.services), tt.services)
			}
			if n := len(f.regions); n != tt.regions {
				t.Errorf("%d regions, want %d", n, tt.regions)
			}
			if !slices.IsSortedFunc(f.Tags, func(a, b Tag) int { return cmpString(a.Name, b.Name) }) {
				t.Error("tags are not sorted by name")
			}
			for _, k := range tt.known {
				tag, ok := f.LookupTag(k.name)
				if !ok {
					t.Errorf("no tag %q", k.name)
					continue
				}
				if tag.Name != k.name || tag.ID != k.name || tag.Region != k.region {
					t.Errorf("tag %q: name %q id %q region %q; want region %q", k.name, tag.Name, tag.ID, tag.Region, k.region)
				}
				if len(tag.Prefixes) == 0 {
					t.Errorf("tag %q has no prefixes", k.name)
				}
				if k.firstPrefix != "" && tag.AddressPrefixes()[0] != k.firstPrefix {
					t.Errorf("tag %q first prefix %q, want %q", k.name, tag.AddressPrefixes()[0], k.firstPrefix)
				}
			}
		})
	}
}

func TestParsePublicDetails(t *testing.T) {
	f := parseSnapshot(t, testutil.PublicLatest)
	tag, ok := f.LookupTag("azurecloud.WESTEUROPE")
	if !ok || tag.Name != "AzureCloud.westeurope" {
		t.Fatalf("case-insensitive lookup gave %v, %v", tag, ok)
	}
	if tag.Platform != "Azure" || tag.RegionID == 0 || tag.ChangeNumber == 0 || len(tag.NetworkFeatures) == 0 {
		t.Errorf("AzureCloud.westeurope properties look empty: %+v", tag)
	}
	want4, want6 := netip.MustParsePrefix("13.69.0.0/17"), netip.MustParsePrefix("2603:1020:206::/47")
	if !slices.Contains(tag.Prefixes, want4) || !slices.Contains(tag.Prefixes, want6) {
		t.Errorf("AzureCloud.westeurope lacks %s or %s", want4, want6)
	}
	if _, ok := f.LookupTag("AzureCloud.westeuropa"); ok {
		t.Error("lookup of a misspelt name succeeded")
	}
	if got := f.services; !slices.Contains(got, "AzureDevOps") || !slices.Contains(got, "AzureFrontDoor") || slices.Contains(got, "AzureFrontDoor.Backend") {
		t.Errorf("services misses AzureDevOps/AzureFrontDoor or splits wrongly")
	}
}
