package servicetags

import (
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
	prefixes := func(list string) string {
		return fileJSON("Public", 1, `{"name": "A", "properties": {"addressPrefixes": `+list+`}}`)
	}
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
		{"bom only", "\uFEFF", []string{"empty"}},
		{"array", `[{"changeNumber": 1}]`, []string{"not a JSON object"}},
		{"string", `"Public"`, []string{"not a JSON object"}},

		{"negative change number", fileJSON("Public", -3, tagJSON("A", "", "20.0.0.0/24")), []string{`negative "changeNumber" (-3)`}},

		// Truncated or malformed JSON.
		{"truncated real file", germany[:20000],
			[]string{"truncated", "byte offset 20000 (line 843, column 7)", `in /values/35/properties (service tag "AzureBackup.GermanyCentral")`}},
		{"truncated after values", `{"changeNumber": 1, "cloud": "Public", "values": [`, []string{"truncated", "byte offset 50", "in /values"}},
		{"truncated inside a string", `{"cloud": "Pub`, []string{"truncated", "byte offset 14", "in /cloud"}},
		{"truncated inside a number", `{"changeNumber": 12`, []string{"truncated"}},
		{"truncated inside an escape", `{"cloud": "Pub\u00`, []string{"truncated"}},
		{"truncated literal", `{"x": nu`, []string{"truncated"}},
		{"truncated inside a prefix list", `{"values": [{"name": "A", "properties": {"addressPrefixes": ["4.0.0.0/12", "20.`,
			[]string{"truncated", `in /values/0/properties/addressPrefixes/1 (service tag "A")`}},
		{"trailing comma", `{"changeNumber": 1,}`, []string{"malformed JSON", "byte offset 18 (line 1, column 19)", "invalid character ','"}},
		{"missing comma", `{"changeNumber": 1 "cloud": "Public"}`, []string{"byte offset 19", `invalid character '"' after object value (expecting ',' or '}')`}},
		{"missing colon", `{"changeNumber" 1}`, []string{"byte offset 16", "in /changeNumber", "after object name (expecting ':')"}},
		{"single quotes", `{'cloud': 'Public'}`, []string{"byte offset 1", `invalid character '\''`}},
		{"garbage after object", good + "\n}", []string{"line 5, column 1", "after top-level value"}},
		{"two objects", good + good, []string{"after top-level value"}},
		{"bad escape", `{"cloud": "Pu\blic\x"}`, []string{"in /cloud", "invalid escape sequence `\\x`"}},
		{"bad unicode escape", `{"cloud": "\u12G4"}`, []string{"invalid escape sequence `\\u12G4`"}},
		{"raw newline in string", "{\"cloud\": \"Pub\nlic\"}", []string{`invalid character '\n' in string`, "line 1, column 15"}},
		{"invalid UTF-8", "{\"values\": [{\"name\": \"Bad\xffUTF8\"}]}", []string{"malformed JSON", "in /values/0/name", "invalid UTF-8"}},
		{"lone surrogate", `{"values": [{"name": "Lone\ud800x"}]}`, []string{"malformed JSON", "in /values/0/name", "invalid surrogate pair"}},
		{"leading zero", `{"changeNumber": 01}`, []string{"invalid character '1' after object value"}},
		{"bare fraction dot", `{"changeNumber": 1.}`, []string{"invalid character '}' in number"}},
		{"bad literal", `{"x": tru}`, []string{"invalid character '}' in literal true"}},
		{"lone minus", `{"x": -}`, []string{"invalid character '}' in number"}},
		{"deep nesting", `{"x": ` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`, []string{"exceeded max depth", "/0/0/0..."}},
		{"error position on a later line", "{\n  \"changeNumber\": 1,\n  \"cloud\": \"Public\",\n  \"values\": [}\n", []string{"line 4, column 14", "in /values/0"}},
		{"error position after a bom", "\uFEFF{\"changeNumber\": 1,}", []string{"byte offset 18 (line 1, column 19)"}},

		// Duplicate keys, whatever the first value was.
		{"duplicate key", `{"cloud": "Public", "cloud": "China"}`, []string{"duplicate key", "byte offset 20", "in /cloud"}},
		{"duplicate values, null first", `{"changeNumber": 1, "cloud": "Public", "values": null, "values": [` + tagJSON("A", "", "4.0.0.0/12") + `]}`,
			[]string{"duplicate key", "in /values;"}},
		{"duplicate property", prefixes(`[], "addressPrefixes": []`), []string{`duplicate key`, `in /values/0/properties/addressPrefixes (service tag "A")`}},
		{"duplicate prefixes, null first", prefixes(`null, "addressPrefixes": ["4.0.0.0/12"]`), []string{`duplicate key`, "in /values/0/properties/addressPrefixes"}},
		{"duplicate name, null first", fileJSON("Public", 1, `{"name": null, "name": "A", "properties": {"addressPrefixes": []}}`), []string{"duplicate key", "in /values/0/name"}},
		{"duplicate unknown key", `{"x": {"a": 1, "a": 2}}`, []string{"duplicate key", "in /x/a"}},

		// Missing or wrong top-level fields.
		{"no changeNumber", `{"cloud": "Public", "values": []}`, []string{`no "changeNumber"`}},
		{"null changeNumber", `{"changeNumber": null, "cloud": "Public", "values": []}`, []string{`no "changeNumber"`}},
		{"no cloud", `{"changeNumber": 1, "values": []}`, []string{`no "cloud"`}},
		{"no values", `{"changeNumber": 1, "cloud": "Public"}`, []string{`no "values"`}},
		{"null values", `{"changeNumber": 1, "cloud": "Public", "values": null}`, []string{`no "values"`}},
		{"empty values", `{"changeNumber": 1, "cloud": "Public", "values": []}`, []string{"has no service tags", `"values" is empty`, "cloud Public, change 1"}},
		{"unknown cloud", fileJSON("AzureUSGov", 1, tagJSON("A", "", "4.0.0.0/12")),
			[]string{`unknown cloud "AzureUSGov"`, `known clouds: "Public", "AzureGovernment", "China", "AzureGermany"`}},
		{"cloud in wrong case", fileJSON("public", 1, tagJSON("A", "", "4.0.0.0/12")), []string{`unknown cloud "public"`}},
		{"changeNumber as string", `{"changeNumber": "375"}`, []string{"expected an integer, found a string at byte offset 17", "in /changeNumber"}},
		{"changeNumber fraction", `{"changeNumber": 1.5}`, []string{"expected an integer, found 1.5", "in /changeNumber"}},
		{"changeNumber exponent", `{"changeNumber": 1e3}`, []string{"expected an integer, found 1e3"}},
		{"changeNumber overflow", `{"changeNumber": 9223372036854775808}`, []string{"integer 9223372036854775808 is out of range", "in /changeNumber"}},
		{"changeNumber long overflow", `{"changeNumber": 99999999999999999999999}`, []string{"is out of range", "in /changeNumber"}},
		{"cloud as number", `{"cloud": 5}`, []string{"expected a string, found a number", "in /cloud"}},
		{"values as object", `{"values": {}}`, []string{"expected an array of service tag objects, found an object", "in /values"}},

		// Tag problems.
		{"tag not an object", `{"values": ["AzureCloud"]}`, []string{"expected an object, found a string", "in /values/0"}},
		{"name not a string", `{"values": [{"name": 5}]}`, []string{"expected a string, found a number", "in /values/0/name"}},
		{"properties not an object", `{"values": [{"name": "A", "properties": []}]}`, []string{"expected an object, found an array", `in /values/0/properties (service tag "A")`}},
		{"tag without name", fileJSON("Public", 1, tagJSON("A", "", "4.0.0.0/12"), `{"id": "B", "properties": {"addressPrefixes": []}}`),
			[]string{`the service tag at /values/1, byte offset 243 (line 2, column 106), has no name`}},
		{"tag with empty name", fileJSON("Public", 1, tagJSON("", "", "4.0.0.0/12")), []string{"/values/0", "has no name"}},
		{"tag with null name", fileJSON("Public", 1, `{"name": null, "properties": {"addressPrefixes": []}}`), []string{"/values/0", "has no name"}},
		{"tag without name: position", "{\"changeNumber\": 1, \"cloud\": \"Public\", \"values\": [\n  {\"properties\": {\"addressPrefixes\": []}}]}",
			[]string{"/values/0, byte offset 53 (line 2, column 3), has no name"}},
		{"tag without properties", fileJSON("Public", 1, `{"name": "A"}`), []string{`service tag "A" (/values/0) has no "properties"`}},
		{"tag with null properties", fileJSON("Public", 1, `{"name": "A", "properties": null}`), []string{`service tag "A" (/values/0) has no "properties"`}},
		{"tag without prefixes", fileJSON("Public", 1, `{"name": "A", "properties": {"region": ""}}`), []string{`service tag "A" (/values/0) has no "properties.addressPrefixes"`}},
		{"tag with null prefixes", prefixes("null"), []string{`service tag "A" (/values/0) has no "properties.addressPrefixes"`}},
		{"prefixes not an array", prefixes(`"4.0.0.0/12"`), []string{"expected an array of strings, found a string", "in /values/0/properties/addressPrefixes"}},
		{"prefix not a string", prefixes(`["4.0.0.0/12", 5]`),
			[]string{"expected a string, found a number at byte offset 113", `in /values/0/properties/addressPrefixes/1 (service tag "A")`}},
		{"prefix null", prefixes(`[null]`), []string{"expected a string, found null", "in /values/0/properties/addressPrefixes/0"}},
		{"network features not strings", fileJSON("Public", 1, `{"name": "A", "properties": {"addressPrefixes": [], "networkFeatures": [{}]}}`),
			[]string{"expected a string, found an object", "in /values/0/properties/networkFeatures/0"}},
		{"regionId as string", fileJSON("Public", 1, `{"name": "A", "properties": {"regionId": "18", "addressPrefixes": []}}`),
			[]string{"expected an integer, found a string", "in /values/0/properties/regionId"}},
		{"regionId out of range", fileJSON("Public", 1, `{"name": "A", "properties": {"regionId": 4294967296, "addressPrefixes": []}}`),
			[]string{"integer 4294967296 is out of range", `in /values/0/properties/regionId (service tag "A")`}},
		{"duplicate names", fileJSON("Public", 1, tagJSON("A.b", "", "4.0.0.0/12"), tagJSON("A.b", "", "20.1.0.0/16")),
			[]string{`two service tags named "A.b" (/values/0 and /values/1)`}},
		{"names differing in case", fileJSON("Public", 1, tagJSON("Storage.WestEurope", "", "4.0.0.0/12"), tagJSON("X", "", "20.2.0.0/16"), tagJSON("Storage.westeurope", "", "20.1.0.0/16")),
			[]string{`"Storage.WestEurope" and "Storage.westeurope" whose names differ only in case (/values/0 and /values/2)`}},
		{"bad prefix", fileJSON("Public", 1, tagJSON("Storage.WestEurope", "westeurope", "20.0.0.0/24", "20.0.0.300/24")),
			[]string{`service tag "Storage.WestEurope": address prefix "20.0.0.300/24" is not a valid CIDR prefix`, "IPv4 field has value >255"}},
		{"address without length", fileJSON("Public", 1, tagJSON("A", "", "20.0.0.1")), []string{`service tag "A": address prefix "20.0.0.1" is not a valid CIDR prefix: no '/'`}},
		{"prefix with a zone", fileJSON("Public", 1, tagJSON("A", "", "fe80::%eth0/64")), []string{`service tag "A": address prefix "fe80::%eth0/64" is not a valid CIDR prefix`}},
		{"prefix with spaces", fileJSON("Public", 1, tagJSON("A", "", " 4.0.0.0/12")), []string{`address prefix " 4.0.0.0/12" is not a valid CIDR prefix`}},
		{"host bits", fileJSON("Public", 1, tagJSON("A", "", "20.0.0.1/24")), []string{`service tag "A": address prefix "20.0.0.1/24" has host bits set (the network is 20.0.0.0/24)`}},
		{"ipv6 host bits", fileJSON("Public", 1, tagJSON("A", "", "2603:1020::1/47")), []string{`"2603:1020::1/47" has host bits set (the network is 2603:1020::/47)`}},
		{"implausible prefix", fileJSON("Public", 1, tagJSON("AzureCloud.westeurope", "westeurope", "13.69.0.0/17", "10.1.0.0/16")),
			[]string{`service tags file is not plausible: service tag "AzureCloud.westeurope" lists "10.1.0.0/16": 10.1.0.0/16 lies in 10.0.0.0/8, private-use address space (RFC 1918)`}},
		// A forged file adding non-Microsoft /10s: the former /8 bound let them through.
		{"forged wide prefix", fileJSON("Public", 1, tagJSON("AzureCloud", "", "13.69.0.0/17", "64.0.0.0/10")),
			[]string{`service tag "AzureCloud" lists "64.0.0.0/10": 64.0.0.0/10 is shorter than /12 (the widest prefix of its family in Microsoft's files is /14)`}},
		{"forged wide IPv6 prefix", fileJSON("Public", 1, tagJSON("AzureCloud.westeurope", "westeurope", "2a00::/24")),
			[]string{`service tag "AzureCloud.westeurope" lists "2a00::/24": 2a00::/24 is shorter than /32`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.doc))
			if err == nil {
				t.Fatalf("Parse succeeded with %d tags; want error containing %q", len(f.Tags), tt.want)
			}
			if f != nil {
				t.Error("Parse returned a File with its error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\n lacks %q", err, w)
				}
			}
		})
	}
}
