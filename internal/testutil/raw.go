package testutil

import (
	"encoding/json"
	"testing"
)

// RawFile is a snapshot as plain encoding/json decodes it: the independent reference tests
// compute expected values from, without the parser under test.
type RawFile struct {
	ChangeNumber int64    `json:"changeNumber"`
	Cloud        string   `json:"cloud"`
	Values       []RawTag `json:"values"`
}

// RawTag is one tag of a RawFile.
type RawTag struct {
	Name       string `json:"name"`
	Properties struct {
		Region          string   `json:"region"`
		AddressPrefixes []string `json:"addressPrefixes"`
	} `json:"properties"`
}

// Raw decodes a snapshot with encoding/json.
func Raw(tb testing.TB, name string) RawFile {
	tb.Helper()
	var f RawFile
	if err := json.Unmarshal(Snapshot(tb, name), &f); err != nil {
		tb.Fatalf("decoding %s: %v", name, err)
	}
	return f
}

// Prefixes returns the published prefixes of the named tags, in file order, and the names
// the file does not have.
func (f RawFile) Prefixes(names ...string) (prefixes []string, missing []string) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	for _, v := range f.Values {
		if want[v.Name] {
			delete(want, v.Name)
			prefixes = append(prefixes, v.Properties.AddressPrefixes...)
		}
	}
	for _, n := range names {
		if want[n] {
			missing = append(missing, n)
		}
	}
	return prefixes, missing
}
