package servicetags

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// TestParseMemory bounds the memory Parse allocates for the largest real file. A plan's
// provider process is new each time, so every page this memory covers is touched for the
// first time, a page fault each: in a plan, that cost more than the decoding itself. A copy
// of each of the 93,000 prefixes as a string beside its parsed form (8.6 MB in all) is what
// this guards against; 5.5 MB is what Parse takes now.
func TestParseMemory(t *testing.T) {
	const limit = 6 << 20
	data := testutil.Snapshot(t, testutil.PublicLatest)
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f, err := Parse(data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > limit {
		t.Errorf("Parse of the %d-byte Public file allocated %d bytes, want at most %d (%d tags)", len(data), got, limit, len(f.Tags))
	}
}
