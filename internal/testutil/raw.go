package testutil

import (
	"bytes"
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
	Name       string        `json:"name"`
	ID         string        `json:"id"`
	Properties RawProperties `json:"properties"`
}

// RawProperties are a RawTag's properties, every published field.
type RawProperties struct {
	ChangeNumber    int64    `json:"changeNumber"`
	Region          string   `json:"region"`
	RegionID        int      `json:"regionId"`
	Platform        string   `json:"platform"`
	SystemService   string   `json:"systemService"`
	AddressPrefixes []string `json:"addressPrefixes"`
	NetworkFeatures []string `json:"networkFeatures"`
}

// Raw decodes a snapshot with encoding/json.
func Raw(tb testing.TB, name string) RawFile {
	tb.Helper()
	return RawOf(tb, Snapshot(tb, name))
}

// RawOf decodes any service tags document with encoding/json, after a leading UTF-8 byte
// order mark (which encoding/json does not accept).
func RawOf(tb testing.TB, data []byte) RawFile {
	tb.Helper()
	var f RawFile
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\uFEFF")), &f); err != nil {
		tb.Fatalf("encoding/json: %v", err)
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
	for i := range f.Values {
		if v := &f.Values[i]; want[v.Name] {
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
