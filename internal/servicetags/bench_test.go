package servicetags

import (
	"encoding/json"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// BenchmarkParsePublic measures Parse, indexes and prefix parsing included, on the
// largest real file.
func BenchmarkParsePublic(b *testing.B) {
	data := testutil.Snapshot(b, testutil.PublicLatest)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodingJSONPublic is the baseline Parse is measured against: encoding/json
// into structs, without prefix parsing or indexes.
func BenchmarkEncodingJSONPublic(b *testing.B) {
	data := testutil.Snapshot(b, testutil.PublicLatest)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var w wireFile
		if err := json.Unmarshal(data, &w); err != nil {
			b.Fatal(err)
		}
	}
}
