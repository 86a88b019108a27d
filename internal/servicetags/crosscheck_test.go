package servicetags

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// TestParseAgreesWithEncodingJSON decodes every real snapshot both ways and requires
// identical content.
func TestParseAgreesWithEncodingJSON(t *testing.T) {
	names := testutil.SnapshotNames(t)
	if len(names) != 6 {
		t.Fatalf("found %d snapshots, want 6: %q", len(names), names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			assertSameAsRaw(t, parseSnapshot(t, name), testutil.Raw(t, name))
		})
	}
}

// assertSameAsRaw compares a parsed File with an encoding/json decoding, field by field,
// and checks each netip.Prefix against netip.ParsePrefix of its published string.
func assertSameAsRaw(t *testing.T, f *File, want testutil.RawFile) {
	t.Helper()
	if f.ChangeNumber != want.ChangeNumber || f.Cloud != want.Cloud {
		t.Fatalf("header = %d %q, want %d %q", f.ChangeNumber, f.Cloud, want.ChangeNumber, want.Cloud)
	}
	values := slices.Clone(want.Values)
	slices.SortFunc(values, func(a, b testutil.RawTag) int { return strings.Compare(a.Name, b.Name) })
	if len(f.Tags) != len(values) {
		t.Fatalf("%d tags, want %d", len(f.Tags), len(values))
	}
	for i, w := range values {
		g := f.Tags[i]
		p := w.Properties
		if g.Name != w.Name || g.ID != w.ID || g.Region != p.Region || g.RegionID != p.RegionID ||
			g.Platform != p.Platform || g.SystemService != p.SystemService || g.ChangeNumber != p.ChangeNumber {
			t.Fatalf("tag %d differs:\n got %+v\nwant %+v", i, g, w)
		}
		if !slices.Equal(g.NetworkFeatures, p.NetworkFeatures) {
			t.Fatalf("tag %q features %q, want %q", g.Name, g.NetworkFeatures, p.NetworkFeatures)
		}
		if !slices.Equal(g.AddressPrefixes(), p.AddressPrefixes) || len(g.Prefixes) != len(p.AddressPrefixes) {
			t.Fatalf("tag %q prefixes differ", g.Name)
		}
		for k, s := range p.AddressPrefixes {
			if wp := netip.MustParsePrefix(s); g.Prefixes[k] != wp {
				t.Fatalf("tag %q prefix %d = %v, want %v", g.Name, k, g.Prefixes[k], wp)
			}
		}
	}
}

// toRaw converts a parsed File back to the published schema, for round trips.
func toRaw(f *File) testutil.RawFile {
	w := testutil.RawFile{ChangeNumber: f.ChangeNumber, Cloud: f.Cloud, Values: make([]testutil.RawTag, len(f.Tags))}
	for i, t := range f.Tags {
		prefixes := t.AddressPrefixes()
		if prefixes == nil {
			prefixes = []string{} // "addressPrefixes": null would be rejected
		}
		w.Values[i] = testutil.RawTag{Name: t.Name, ID: t.ID, Properties: testutil.RawProperties{
			ChangeNumber: t.ChangeNumber, Region: t.Region, RegionID: t.RegionID,
			Platform: t.Platform, SystemService: t.SystemService,
			AddressPrefixes: prefixes, NetworkFeatures: t.NetworkFeatures,
		}}
	}
	return w
}
