package servicetags

import (
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// BenchmarkParsePublic measures Parse, validation, the plausibility gate and the indexes
// included, on the largest real file.
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
