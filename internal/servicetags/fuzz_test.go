package servicetags

import (
	"encoding/json"
	"net/netip"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse requires that Parse never panics, that every accepted File is internally
// consistent, and that it survives a round trip through encoding/json unchanged.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("\uFEFF" + strings.ReplaceAll(good, "\n", "\r\n")))
	f.Add([]byte(good[:len(good)/2]))
	f.Add([]byte(strings.Replace(good, "13.69.0.0/17", "13.69.0.1/17", 1)))
	f.Add([]byte(strings.Replace(good, `"Storage.WestEurope"`, `"storage.westeurope"`, 1)))
	f.Add([]byte(strings.Replace(good, `"Public"`, `"Pub\u006cic"`, 1)))
	f.Add([]byte(`{"changeNumber": 1, "cloud": "China", "values": [{"name": "A\ud83d\ude00", "x": [1, {"y": null}], "properties": {"addressPrefixes": ["::/0"]}}]}`))
	f.Add([]byte(`<!DOCTYPE html><html></html>`))
	f.Add([]byte(`{"changeNumber": 1e3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			if file != nil {
				t.Fatal("Parse returned a File and an error")
			}
			return
		}
		for _, tag := range file.Tags {
			if len(tag.Prefixes) != len(tag.AddressPrefixes) {
				t.Fatalf("tag %q: %d prefixes for %d strings", tag.Name, len(tag.Prefixes), len(tag.AddressPrefixes))
			}
			for i, s := range tag.AddressPrefixes {
				want, err := netip.ParsePrefix(s)
				if err != nil || want != tag.Prefixes[i] || want.Masked() != want {
					t.Fatalf("tag %q: prefix %q parsed as %v; netip gives %v, %v", tag.Name, s, tag.Prefixes[i], want, err)
				}
			}
			if got, ok := file.LookupTag(tag.Name); !ok || got.Name != tag.Name {
				t.Fatalf("LookupTag(%q) failed", tag.Name)
			}
		}
		out, err := json.Marshal(toWire(file))
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		if !reflect.DeepEqual(toWire(file), toWire(again)) {
			t.Fatalf("round trip changed the file:\n%s", out)
		}
	})
}
