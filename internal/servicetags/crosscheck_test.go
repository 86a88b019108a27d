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
			data := testutil.Snapshot(t, name)
			f := parseSnapshot(t, name)
			want := decodeReference(t, data)
			slices.SortFunc(want.Values, func(a, b wireTag) int { return strings.Compare(a.Name, b.Name) })
			assertSameAsWire(t, f, want)
		})
	}
}

// assertSameAsWire compares a parsed File with an encoding/json decoding, field by field,
// and checks each netip.Prefix against netip.ParsePrefix of its published string.
func assertSameAsWire(t *testing.T, f *File, want wireFile) {
	t.Helper()
	if f.ChangeNumber != want.ChangeNumber || f.Cloud != want.Cloud {
		t.Fatalf("header = %d %q, want %d %q", f.ChangeNumber, f.Cloud, want.ChangeNumber, want.Cloud)
	}
	if len(f.Tags) != len(want.Values) {
		t.Fatalf("%d tags, want %d", len(f.Tags), len(want.Values))
	}
	for i, w := range want.Values {
		g := f.Tags[i]
		p := w.Properties
		if g.Name != w.Name || g.ID != w.ID || g.Region != p.Region || g.RegionID != p.RegionID ||
			g.Platform != p.Platform || g.SystemService != p.SystemService || g.ChangeNumber != p.ChangeNumber {
			t.Fatalf("tag %d differs:\n got %+v\nwant %+v", i, g, w)
		}
		if !slices.Equal(g.NetworkFeatures, p.NetworkFeatures) {
			t.Fatalf("tag %q features %q, want %q", g.Name, g.NetworkFeatures, p.NetworkFeatures)
		}
		if !slices.Equal(g.AddressPrefixes, p.AddressPrefixes) || len(g.Prefixes) != len(p.AddressPrefixes) {
			t.Fatalf("tag %q prefixes differ", g.Name)
		}
		for k, s := range p.AddressPrefixes {
			if wp := netip.MustParsePrefix(s); g.Prefixes[k] != wp {
				t.Fatalf("tag %q prefix %d = %v, want %v", g.Name, k, g.Prefixes[k], wp)
			}
		}
	}
}
