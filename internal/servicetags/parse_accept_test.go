package servicetags

import (
	"slices"
	"strings"
	"testing"
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
			"values": [{"name": "A", "extra": [[{"deep": null}]], "properties": {"addressPrefixes": ["10.0.0.0/8"], "newField": 1E-2}}], "trailer": {}}`,
			[]string{"A"}},
		{"escaped strings", `{"changeNumber": 1, "cloud": "Pub\u006cic", "values": [
			{"n\u0061me": "Azure\u0043loud.west\/europe\t\"q\"", "properties": {"addressPrefixes": ["10.0.0.0\/8"]}},
			{"name": "Smile\ud83d\ude00", "properties": {"addressPrefixes": []}},
			{"name": "Lone\ud800x", "properties": {"addressPrefixes": []}},
			{"name": "Bad` + "\xff" + `UTF8", "properties": {"addressPrefixes": []}},
			{"name": "Caf\u00e9 Ümlaut", "properties": {"addressPrefixes": []}}]}`,
			[]string{"AzureCloud.west/europe\t\"q\"", "Bad\uFFFDUTF8", "Café Ümlaut", "Lone\uFFFDx", "Smile😀"}},
		{"tag without prefixes or region", fileJSON("AzureGermany", 0, tagJSON("Empty", "")), []string{"Empty"}},
		{"negative and zero numbers", `{"changeNumber": -0, "cloud": "AzureGovernment", "values": [{"name": "A", "properties": {"changeNumber": -9223372036854775808, "regionId": -1, "addressPrefixes": []}}]}`,
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
			want := decodeReference(t, []byte(tt.doc))
			slices.SortFunc(want.Values, func(a, b wireTag) int { return strings.Compare(a.Name, b.Name) })
			assertSameAsWire(t, f, want)
		})
	}
}

// TestParsedSlicesAreIsolated checks that appending to one tag's slices cannot clobber
// the next tag, since all tags share backing arrays.
func TestParsedSlicesAreIsolated(t *testing.T) {
	f := mustParse(t, good)
	a, _ := f.LookupTag("AzureCloud.westeurope")
	b, _ := f.LookupTag("Storage.WestEurope")
	before := slices.Clone(b.AddressPrefixes)
	_ = append(a.AddressPrefixes, "1.1.1.1/32")
	_ = append(a.Prefixes, a.Prefixes[0])
	if !slices.Equal(b.AddressPrefixes, before) || b.Prefixes[0].String() != before[0] {
		t.Fatal("appending to one tag's slices changed another tag")
	}
}
