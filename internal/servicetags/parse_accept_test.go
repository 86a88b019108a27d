package servicetags

import (
	"slices"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// TestParseAccepts covers valid inputs off the beaten path; each is also decoded with
// encoding/json and must agree.
func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		wantNames []string
	}{
		{"bom and crlf", "\uFEFF" + strings.ReplaceAll(good, "\n", "\r\n"), []string{"AzureCloud.westeurope", "AzureFrontDoor.Backend", "Storage.WestEurope"}},
		{"tabs and no whitespace", strings.NewReplacer("\n", "", "\t", "", " ", "").Replace(good), []string{"AzureCloud.westeurope", "AzureFrontDoor.Backend", "Storage.WestEurope"}},
		{"unknown fields everywhere", `{"schema": {"v": [1, -2.5e+3, true, false, null, "x\"y", {}, []]}, "changeNumber": 7, "cloud": "China",
			"values": [{"name": "A", "extra": [[{"deep": null}]], "properties": {"addressPrefixes": ["4.0.0.0/12"], "newField": 1E-2}}], "trailer": {}}`,
			[]string{"A"}},
		{"escaped strings", `{"changeNumber": 1, "cloud": "Pub\u006cic", "values": [
			{"n\u0061me": "Azure\u0043loud.west\/europe\t\"q\"", "properties": {"addressPrefixes": ["20.0.0.0\/12"]}},
			{"name": "Smile\ud83d\ude00", "properties": {"addressPrefixes": []}},
			{"name": "Caf\u00e9 Ümlaut", "properties": {"addressPrefixes": []}}]}`,
			[]string{"AzureCloud.west/europe\t\"q\"", "Café Ümlaut", "Smile😀"}},
		{"IPv6 prefixes in other than canonical text, kept as published", `{"changeNumber": 1, "cloud": "Public", "values": [
			{"name": "A", "properties": {"addressPrefixes": ["2603:1000:0::/40", "2603:10A0::/44", "2603:1040::/44", "\u0032603:1050::/44", "20.0.0.0/12"]}}]}`,
			[]string{"A"}},
		{"tag without prefixes or region", fileJSON("AzureGermany", 0, tagJSON("Empty", "")), []string{"Empty"}},
		{"negative and zero numbers", `{"changeNumber": -0, "cloud": "AzureGovernment", "values": [{"name": "A", "properties": {"changeNumber": -9223372036854775808, "regionId": -1, "addressPrefixes": []}}]}`,
			[]string{"A"}},
		{"null optional fields", `{"changeNumber": 1, "cloud": "Public", "values": [{"name": "A", "id": null, "properties": {"changeNumber": null,
			"region": null, "regionId": null, "platform": null, "systemService": null, "networkFeatures": null, "addressPrefixes": ["4.0.0.0/12"]}}]}`,
			[]string{"A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, tt.doc)
			got := make([]string, len(f.Tags))
			for i := range f.Tags {
				got[i] = f.Tags[i].Name
			}
			if !slices.Equal(got, tt.wantNames) {
				t.Errorf("names %q, want %q", got, tt.wantNames)
			}
			assertSameAsRaw(t, f, testutil.RawOf(t, []byte(tt.doc)))
		})
	}
}

// TestParseKeysAreCaseSensitive: a key that differs from a known one only in case is an
// unknown key, ignored whatever its type (encoding/json would match it, so there is no
// reference decoding here).
func TestParseKeysAreCaseSensitive(t *testing.T) {
	f := mustParse(t, `{"changeNumber": 7, "Cloud": 5, "cloud": "China", "Values": {},
		"values": [{"Name": ["x"], "name": "A", "properties": {"AddressPrefixes": null, "addressPrefixes": ["4.0.0.0/12"]}}]}`)
	if f.Cloud != CloudChina || len(f.Tags) != 1 || f.Tags[0].Name != "A" || f.Tags[0].AddressPrefixes()[0] != "4.0.0.0/12" {
		t.Fatalf("parsed %+v", f)
	}
}

// TestEmptyAddressPrefixesAreValid: files of 2019–2020 have 122 tags with an empty
// "addressPrefixes" list; such a tag parses, has no prefixes, and selects as usual.
func TestEmptyAddressPrefixesAreValid(t *testing.T) {
	f := mustParse(t, fileJSON("Public", 1, tagJSON("Empty.WestEurope", "westeurope"), tagJSON("Full.WestEurope", "westeurope", "4.0.0.0/12")))
	tag, ok := f.LookupTag("empty.westeurope")
	if !ok || tag.AddressPrefixes() != nil || tag.Prefixes != nil {
		t.Fatalf("LookupTag = %+v, %v; want a tag with nil prefixes", tag, ok)
	}
	got, err := f.Select(Selector{Services: []string{"Empty"}, Regions: []string{"westeurope"}})
	if err != nil || len(got) != 1 || got[0].Name != "Empty.WestEurope" {
		t.Fatalf("Select = %v, %v", tagNamesOf(got), err)
	}
}

// TestParsedSlicesAreIsolated checks that appending to one tag's slices cannot clobber
// another tag.
func TestParsedSlicesAreIsolated(t *testing.T) {
	f := mustParse(t, good)
	a, _ := f.LookupTag("AzureCloud.westeurope")
	b, _ := f.LookupTag("Storage.WestEurope")
	before := slices.Clone(b.AddressPrefixes())
	_ = append(a.Prefixes, a.Prefixes[0])
	if !slices.Equal(b.AddressPrefixes(), before) || b.Prefixes[0].String() != before[0] {
		t.Fatal("appending to one tag's slices changed another tag")
	}
}
