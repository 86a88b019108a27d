package servicetags

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/netip"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzParse requires that Parse never panics and that whatever it accepts holds: no
// duplicate keys (by an encoding/json token scan), every prefix canonical and plausible (by
// the brute-force gate), consistent lookups, and a round trip through encoding/json that
// parses again to the same File.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		good,
		"\uFEFF" + strings.ReplaceAll(good, "\n", "\r\n"),
		good[:len(good)/2],
		strings.Replace(good, "13.69.0.0/17", "13.69.0.1/17", 1),
		strings.Replace(good, `"Storage.WestEurope"`, `"storage.westeurope"`, 1),
		strings.Replace(good, `"Public"`, `"Pub\u006cic"`, 1),
		strings.Replace(good, `"20.38.108.0/23"`, `"::ffff:0.0.0.0/96"`, 1),
		strings.Replace(good, `"values": [`, `"values": null, "values": [`, 1),
		strings.Replace(good, `"addressPrefixes": ["20.38.108.0/23"]`, `"addressPrefixes": []`, 1),
		`{"changeNumber": 1, "cloud": "China", "values": [{"name": "A\ud83d\ude00", "x": [1, {"y": null}], "properties": {"addressPrefixes": ["2a01:111::/32"]}}]}`,
		`{"changeNumber": 1, "cloud": "Public", "values": [{"name": "A", "properties": {"addressPrefixes": ["2603:10A0:0::/44", "2603:1000::/40", "20.0.0.0/12"]}}]}`,
		`<!DOCTYPE html><html></html>`,
		`{"changeNumber": 1e3}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			if file != nil {
				t.Fatal("Parse returned a File and an error")
			}
			return
		}
		if dup := duplicateKey(bytes.TrimPrefix(data, []byte("\uFEFF"))); dup != "" {
			t.Fatalf("accepted a document with the key %q twice in one object", dup)
		}
		checkFile(t, file)
		out, err := json.Marshal(toRaw(file))
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		if !reflect.DeepEqual(toRaw(file), toRaw(again)) {
			t.Fatalf("round trip changed the file:\n%s", out)
		}
	})
}

// checkFile checks the invariants of an accepted File.
func checkFile(t *testing.T, file *File) {
	t.Helper()
	if !slices.IsSortedFunc(file.Tags, func(a, b Tag) int { return strings.Compare(a.Name, b.Name) }) {
		t.Fatal("tags are not sorted by name")
	}
	for i := range file.Tags {
		tag := &file.Tags[i]
		if got, ok := file.LookupTag(strings.ToUpper(tag.Name)); !ok || got != tag {
			t.Fatalf("LookupTag(%q) did not find the tag itself", strings.ToUpper(tag.Name))
		}
		if len(tag.Prefixes) != len(tag.AddressPrefixes()) || (tag.AddressPrefixes() != nil && len(tag.AddressPrefixes()) == 0) {
			t.Fatalf("tag %q: %d prefixes for %d strings", tag.Name, len(tag.Prefixes), len(tag.AddressPrefixes()))
		}
		for k, s := range tag.AddressPrefixes() {
			want, err := netip.ParsePrefix(s)
			if err != nil || want != tag.Prefixes[k] || want.Masked() != want {
				t.Fatalf("tag %q: prefix %q parsed as %v; netip gives %v, %v", tag.Name, s, tag.Prefixes[k], want, err)
			}
			if bad, block := referenceGate(want); bad {
				t.Fatalf("tag %q: accepted %s, implausible by the reference (block %v)", tag.Name, want, block)
			}
		}
	}
}

// duplicateKey returns a key that some object of the JSON document data has twice, or "",
// by a scan with encoding/json's tokenizer, independent of the parser under test.
func duplicateKey(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []map[string]bool // keys seen per open object; nil for an open array
	expectKey := func() bool { return len(stack) > 0 && stack[len(stack)-1] != nil }
	for inValue := false; ; {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return ""
		}
		switch tok {
		case json.Delim('{'):
			stack, inValue = append(stack, map[string]bool{}), false
			continue
		case json.Delim('['):
			stack = append(stack, nil)
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		default:
			if key, ok := tok.(string); ok && expectKey() && !inValue {
				if stack[len(stack)-1][key] {
					return key
				}
				stack[len(stack)-1][key], inValue = true, true
				continue
			}
		}
		inValue = false
	}
}

func TestDuplicateKey(t *testing.T) {
	for doc, want := range map[string]string{
		`{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}`: "",
		`{"a": null, "a": 1}`:                                "a",
		`{"a": {"x": [1, {"y": 1}], "x": 2}}`:                "x",
		`{"a": [{"b": 1, "c": {}, "b": 2}]}`:                 "b",
		`{"a": "b", "b": "a"}`:                               "",
		`["a", "a"]`:                                         "",
	} {
		if got := duplicateKey([]byte(doc)); got != want {
			t.Errorf("duplicateKey(%s) = %q, want %q", doc, got, want)
		}
	}
}
