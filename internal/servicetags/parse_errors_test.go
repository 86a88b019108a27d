package servicetags

import (
	"errors"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// good is a small valid document the error cases are derived from.
var good = fileJSON("Public", 375,
	tagJSON("AzureCloud.westeurope", "westeurope", "13.69.0.0/17", "2603:1020:206::/47"),
	tagJSON("Storage.WestEurope", "westeurope", "20.38.108.0/23"),
	tagJSON("AzureFrontDoor.Backend", "", "147.243.0.0/16"),
)

func TestParseErrors(t *testing.T) {
	germany := string(testutil.Snapshot(t, testutil.Germany))
	tests := []struct {
		name string
		doc  string
		want []string // every fragment must appear in the error
	}{
		// Not JSON at all.
		{"html page", "<!DOCTYPE html>\n<html lang=\"en-us\"><head><title>Download Azure IP Ranges and Service Tags</title>",
			[]string{"not JSON", "HTML page", `"<!DOCTYPE html>\n<html lang=\"en-us\"><head"...`}},
		{"html after bom and blank lines", "\uFEFF\r\n  <html><body>Access denied</body></html>", []string{"not JSON", "HTML page", `"<html><body>`}},
		{"plain text", "Access Denied", []string{`not JSON (starts with "Access Denied")`}},
		{"gzip", "\x1f\x8b\x08\x00\x00\x00", []string{"gzip-compressed"}},
		{"empty", "", []string{"empty"}},
		{"blank", " \r\n\t ", []string{"empty"}},
		{"array", `[{"changeNumber": 1}]`, []string{"not a JSON object"}},

		// Truncated or malformed JSON.
		{"truncated real file", germany[:20000], []string{"truncated", "byte offset 20000"}},
		{"truncated after values", `{"changeNumber": 1, "cloud": "Public", "values": [`, []string{"truncated", "byte offset 50"}},
		{"truncated inside a string", `{"cloud": "Pub`, []string{"truncated", "byte offset 14"}},
		{"truncated inside a number", `{"changeNumber": 12`, []string{"truncated"}},
		{"truncated inside an escape", `{"cloud": "Pub\u00`, []string{"truncated"}},
		{"truncated literal", `{"x": nu`, []string{"truncated"}},
		{"trailing comma", `{"changeNumber": 1,}`, []string{"malformed JSON", "byte offset 19", "invalid character '}' looking for beginning of object key string"}},
		{"missing comma", `{"changeNumber": 1 "cloud": "Public"}`, []string{"byte offset 19", `invalid character '"' after object key:value pair`}},
		{"missing colon", `{"changeNumber" 1}`, []string{"byte offset 16", "after object key"}},
		{"single quotes", `{'cloud': 'Public'}`, []string{"byte offset 1", `invalid character '\''`}},
		{"garbage after object", good + "\n}", []string{"after the top-level object"}},
		{"two objects", good + good, []string{"after the top-level object"}},
		{"bad escape", `{"cloud": "Pu\blic\x"}`, []string{`invalid escape sequence '\x'`}},
		{"bad unicode escape", `{"cloud": "\u12G4"}`, []string{`invalid character 'G' in \u escape`}},
		{"raw newline in string", "{\"cloud\": \"Pub\nlic\"}", []string{"control character 0x0a inside a string", "line 1, column 15"}},
		{"leading zero", `{"changeNumber": 01}`, []string{"invalid character '1' after object key:value pair"}},
		{"bare fraction dot", `{"changeNumber": 1.}`, []string{"invalid character '}' in numeric literal"}},
		{"bad literal", `{"x": tru}`, []string{"invalid character '}' in literal true"}},
		{"lone minus", `{"x": -}`, []string{"invalid character '}' in numeric literal"}},
		{"deep nesting", `{"x": ` + strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1) + `}`, []string{"exceeded max nesting depth"}},
		{"error position on a later line", "{\n  \"changeNumber\": 1,\n  \"cloud\": \"Public\",\n  \"values\": [}\n", []string{"line 4, column 14"}},

		// Missing or wrong top-level fields.
		{"no changeNumber", `{"cloud": "Public", "values": []}`, []string{`no "changeNumber"`}},
		{"null changeNumber", `{"changeNumber": null, "cloud": "Public", "values": []}`, []string{`no "changeNumber"`}},
		{"no cloud", `{"changeNumber": 1, "values": []}`, []string{`no "cloud"`}},
		{"no values", `{"changeNumber": 1, "cloud": "Public"}`, []string{`no "values"`}},
		{"null values", `{"changeNumber": 1, "cloud": "Public", "values": null}`, []string{`no "values"`}},
		{"empty values", `{"changeNumber": 1, "cloud": "Public", "values": []}`, []string{"has no service tags", `"values" is empty`, "cloud Public, change 1"}},
		{"unknown cloud", fileJSON("AzureUSGov", 1, tagJSON("A", "", "10.0.0.0/8")),
			[]string{`unknown cloud "AzureUSGov"`, `known clouds: "Public", "AzureGovernment", "China", "AzureGermany"`}},
		{"cloud in wrong case", fileJSON("public", 1, tagJSON("A", "", "10.0.0.0/8")), []string{`unknown cloud "public"`}},
		{"changeNumber as string", `{"changeNumber": "375"}`, []string{`"changeNumber" must be an integer, found a string`, "byte offset 17"}},
		{"changeNumber fraction", `{"changeNumber": 1.5}`, []string{`"changeNumber" must be an integer, found 1.5`}},
		{"changeNumber exponent", `{"changeNumber": 1e3}`, []string{`"changeNumber" must be an integer, found 1e3`}},
		{"changeNumber overflow", `{"changeNumber": 9223372036854775808}`, []string{`"changeNumber": integer is out of range`}},
		{"changeNumber long overflow", `{"changeNumber": 99999999999999999999999}`, []string{`"changeNumber": integer is out of range`}},
		{"cloud as number", `{"cloud": 5}`, []string{`"cloud" must be a string, found a number`}},
		{"values as object", `{"values": {}}`, []string{`"values" must be an array of service tag objects, found an object`}},
		{"duplicate key", `{"cloud": "Public", "cloud": "China"}`, []string{`duplicate key "cloud"`}},

		// Tag problems.
		{"tag not an object", `{"values": ["AzureCloud"]}`, []string{"values[0] must be an object, found a string"}},
		{"tag without name", fileJSON("Public", 1, tagJSON("A", "", "10.0.0.0/8"), `{"id": "B", "properties": {"addressPrefixes": []}}`),
			[]string{"values[1]", "has no name"}},
		{"tag with empty name", fileJSON("Public", 1, tagJSON("", "", "10.0.0.0/8")), []string{"values[0]", "has no name"}},
		{"tag without name: position", "{\"changeNumber\": 1, \"cloud\": \"Public\", \"values\": [\n  {\"properties\": {\"addressPrefixes\": []}}]}",
			[]string{"values[0] at byte offset 53 (line 2, column 3) has no name"}},
		{"tag without properties", fileJSON("Public", 1, `{"name": "A"}`), []string{`service tag "A" (values[0]) has no "properties"`}},
		{"tag with null properties", fileJSON("Public", 1, `{"name": "A", "properties": null}`), []string{`service tag "A" (values[0]) has no "properties"`}},
		{"tag without prefixes", fileJSON("Public", 1, `{"name": "A", "properties": {"region": ""}}`), []string{`service tag "A" (values[0]) has no "properties.addressPrefixes"`}},
		{"tag with null prefixes", fileJSON("Public", 1, `{"name": "A", "properties": {"addressPrefixes": null}}`), []string{`has no "properties.addressPrefixes"`}},
		{"prefix not a string", fileJSON("Public", 1, `{"name": "A", "properties": {"addressPrefixes": ["10.0.0.0/8", 5]}}`),
			[]string{"values[0].properties.addressPrefixes[1] must be a string, found a number"}},
		{"duplicate property", fileJSON("Public", 1, `{"name": "A", "properties": {"addressPrefixes": [], "addressPrefixes": []}}`),
			[]string{`duplicate key values[0].properties.addressPrefixes`}},
		{"regionId out of range", fileJSON("Public", 1, `{"name": "A", "properties": {"regionId": 4294967296, "addressPrefixes": []}}`),
			[]string{"values[0].properties.regionId 4294967296 is out of range"}},
		{"duplicate names", fileJSON("Public", 1, tagJSON("A.b", "", "10.0.0.0/8"), tagJSON("A.b", "", "10.1.0.0/16")), []string{`two service tags named "A.b"`}},
		{"names differing in case", fileJSON("Public", 1, tagJSON("Storage.WestEurope", "", "10.0.0.0/8"), tagJSON("Storage.westeurope", "", "10.1.0.0/16")),
			[]string{`"Storage.WestEurope" and "Storage.westeurope" whose names differ only in case`}},
		{"bad prefix", fileJSON("Public", 1, tagJSON("Storage.WestEurope", "westeurope", "10.0.0.0/24", "10.0.0.300/24")),
			[]string{`service tag "Storage.WestEurope": address prefix "10.0.0.300/24" is not a valid CIDR prefix`, "IPv4 field has value >255"}},
		{"address without length", fileJSON("Public", 1, tagJSON("A", "", "10.0.0.1")), []string{`service tag "A": address prefix "10.0.0.1" is not a valid CIDR prefix: no '/'`}},
		{"host bits", fileJSON("Public", 1, tagJSON("A", "", "10.0.0.1/24")), []string{`service tag "A": address prefix "10.0.0.1/24" has host bits set (the network is 10.0.0.0/24)`}},
		{"ipv6 host bits", fileJSON("Public", 1, tagJSON("A", "", "2603:1020::1/47")), []string{`"2603:1020::1/47" has host bits set`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.doc))
			if err == nil {
				t.Fatalf("Parse succeeded with %d tags; want error containing %q", len(f.Tags), tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\n lacks %q", err, w)
				}
			}
		})
	}
}

func TestParseSyntaxErrorType(t *testing.T) {
	_, err := Parse([]byte("{\n  \"cloud\": \"Public\",\n  \"values\": [\n"))
	var se *SyntaxError
	if !errors.As(err, &se) || !se.Truncated || se.Offset != 37 || se.Line != 4 || se.Column != 1 {
		t.Fatalf("error = %#v", err)
	}
}
