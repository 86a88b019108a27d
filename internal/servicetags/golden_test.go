package servicetags

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// goldenDump renders every observable result of a parsed File canonically: header, every
// tag with every field, services, region names and their mapping, case-insensitive lookups,
// and a fixed family of selections including unknown values with their suggestions.
func goldenDump(f *File) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "changeNumber %d\ncloud %q\n", f.ChangeNumber, f.Cloud)
	for i := range f.Tags {
		t := &f.Tags[i]
		fmt.Fprintf(&b, "tag %q id=%q region=%q regionId=%d platform=%q systemService=%q change=%d features=%#v prefixes=%#v parsed=%v\n",
			t.Name, t.ID, t.Region, t.RegionID, t.Platform, t.SystemService, t.ChangeNumber, t.NetworkFeatures, t.AddressPrefixes(), t.Prefixes)
	}
	services := f.services
	regions := f.regionNames()
	fmt.Fprintf(&b, "services %q\nregions %q\n", services, regions)
	inputs := append([]string(nil), regions...)
	for i := range f.Tags {
		if r := f.Tags[i].Region; r != "" {
			inputs = append(inputs, r, strings.ToUpper(r), r+"x")
		}
	}
	inputs = append(inputs, "", "nowhere", "west europe", "France Central")
	for _, in := range inputs {
		fr, ok := f.ResolveRegion(in)
		fmt.Fprintf(&b, "region %q arm=%q resolve=%q,%v\n", in, armRegion(f, in), fr, ok)
	}
	for i := range f.Tags {
		t, ok := f.LookupTag(strings.ToUpper(f.Tags[i].Name))
		name := ""
		if ok {
			name = t.Name
		}
		fmt.Fprintf(&b, "lookup %q -> %q %v\n", strings.ToUpper(f.Tags[i].Name), name, ok)
	}
	var sels []Selector
	for _, s := range services {
		sels = append(sels, Selector{Services: []string{s}}, Selector{Services: []string{strings.ToLower(s[:len(s)-1])}})
	}
	for _, r := range regions {
		sels = append(sels, Selector{Regions: []string{r}}, Selector{Regions: []string{r + "x"}},
			Selector{Services: []string{"AzureCloud", "Storage"}, Regions: []string{strings.ToUpper(r)}})
	}
	for i := 0; i < len(f.Tags); i += 31 {
		n := f.Tags[i].Name
		sels = append(sels, Selector{Names: []string{n, strings.ToLower(n)}}, Selector{Names: []string{n[:len(n)-1]}})
	}
	sels = append(sels,
		Selector{},
		Selector{Names: []string{"AzureCloud.westeuropa"}},
		Selector{Names: []string{"AzureCloud.northeurope", "AzureCloud.westeurope"}, Regions: []string{"westeurope"}},
		Selector{Services: []string{"Storag"}},
		Selector{Services: []string{"Storage.WestEurope"}},
		Selector{Regions: []string{"westeuropa"}},
		Selector{Regions: []string{"France Central"}},
		Selector{Names: []string{"Nope.Nope"}, Regions: []string{"nowhere"}},
		Selector{Names: []string{""}}, Selector{Services: []string{""}}, Selector{Regions: []string{""}},
		Selector{Services: []string{"AzureFrontDoor"}, Regions: []string{"westeurope"}},
	)
	for _, s := range sels {
		got, err := f.Select(s)
		fmt.Fprintf(&b, "select %s -> ", s.Describe())
		if err != nil {
			fmt.Fprintf(&b, "error %q\n", err.Error())
			continue
		}
		fmt.Fprintf(&b, "%d %q\n", len(got), tagNamesOf(got))
	}
	return b.Bytes()
}

// TestGoldenDump pins every observable result of each real snapshot by the SHA-256 of its
// canonical dump, so any change of parsing, region mapping, selection or suggestions is
// caught. Set SERVICETAGS_GOLDEN_DIR to write the dumps for a diff.
func TestGoldenDump(t *testing.T) {
	want := map[string]string{ // recorded from the hand-written parser this package replaced
		testutil.Germany:        "c4d165ec5cc8b37c3b8e92ad4124677eeca1b52121d9b19e52d6f70818851852",
		testutil.Government:     "71aca28881cd2c43bea2212b1910f75dde6f3ebce7bc3da6781e255aff07c6e0",
		testutil.China:          "f13a4ceed61a6fbe832cddc516b0b2921d6c311afe1ab0de4aa1c3016ad41bd3",
		testutil.Public2024:     "9ab38a51dc4e7b32987aea1fb584e3f6578952f7ee44e8d6fc4f2a2451b34355",
		testutil.PublicPrevious: "354460c7e0d53240eaf55247ecb6378cfb00e39c37f713db67e9c11b0945799a",
		testutil.PublicLatest:   "28773d2a3a96243ed983f8f50a073359762c62f66f5794e414ef876431f77e46",
	}
	if n := len(testutil.SnapshotNames(t)); n != len(want) {
		t.Fatalf("%d snapshots, %d pinned dumps: pin the new snapshot's dump", n, len(want))
	}
	dir := os.Getenv("SERVICETAGS_GOLDEN_DIR")
	for _, name := range testutil.SnapshotNames(t) {
		dump := goldenDump(parseSnapshot(t, name))
		sum := sha256.Sum256(dump)
		got := hex.EncodeToString(sum[:])
		if dir != "" {
			if err := os.WriteFile(filepath.Join(dir, name+".dump"), dump, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if got != want[name] {
			t.Errorf("%s: dump SHA-256 %s, want %s (a result changed; diff the dumps written with SERVICETAGS_GOLDEN_DIR)", name, got, want[name])
		}
	}
}
