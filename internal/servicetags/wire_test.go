package servicetags

import (
	"bytes"
	"encoding/json"
	"testing"
)

// wireFile mirrors the published schema for encoding/json: the independent reference
// decoding in cross-checks, and the encoder for round trips.
type wireFile struct {
	ChangeNumber int64     `json:"changeNumber"`
	Cloud        string    `json:"cloud"`
	Values       []wireTag `json:"values"`
}

type wireTag struct {
	Name       string    `json:"name"`
	ID         string    `json:"id"`
	Properties wireProps `json:"properties"`
}

type wireProps struct {
	ChangeNumber    int64    `json:"changeNumber"`
	Region          string   `json:"region"`
	RegionID        int      `json:"regionId"`
	Platform        string   `json:"platform"`
	SystemService   string   `json:"systemService"`
	AddressPrefixes []string `json:"addressPrefixes"`
	NetworkFeatures []string `json:"networkFeatures"`
}

// toWire converts a parsed File back to the published schema.
func toWire(f *File) wireFile {
	w := wireFile{ChangeNumber: f.ChangeNumber, Cloud: f.Cloud, Values: make([]wireTag, len(f.Tags))}
	for i, t := range f.Tags {
		prefixes := t.AddressPrefixes
		if prefixes == nil {
			prefixes = []string{} // "addressPrefixes": null would be rejected
		}
		w.Values[i] = wireTag{Name: t.Name, ID: t.ID, Properties: wireProps{
			ChangeNumber: t.ChangeNumber, Region: t.Region, RegionID: t.RegionID,
			Platform: t.Platform, SystemService: t.SystemService,
			AddressPrefixes: prefixes, NetworkFeatures: t.NetworkFeatures,
		}}
	}
	return w
}

// decodeReference decodes data with plain encoding/json.
func decodeReference(tb testing.TB, data []byte) wireFile {
	tb.Helper()
	var w wireFile
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\uFEFF")), &w); err != nil {
		tb.Fatalf("encoding/json: %v", err)
	}
	return w
}
