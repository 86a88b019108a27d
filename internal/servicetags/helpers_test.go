package servicetags

import (
	"fmt"
	"strings"
	"testing"
)

func cmpString(a, b string) int { return strings.Compare(a, b) }

// fileJSON renders a minimal service tags document with the given tag objects.
func fileJSON(cloud string, change int, tags ...string) string {
	return fmt.Sprintf(`{"changeNumber": %d, "cloud": %q, "values": [%s]}`, change, cloud, strings.Join(tags, ","))
}

// tagJSON renders one tag object.
func tagJSON(name, region string, prefixes ...string) string {
	quoted := make([]string, len(prefixes))
	for i, p := range prefixes {
		quoted[i] = fmt.Sprintf("%q", p)
	}
	return fmt.Sprintf(`{"name": %q, "id": %q, "properties": {"changeNumber": 1, "region": %q, "regionId": 0,
		"platform": "Azure", "systemService": "", "addressPrefixes": [%s], "networkFeatures": null}}`,
		name, name, region, strings.Join(quoted, ", "))
}

// mustParse parses a crafted document or fails the test.
func mustParse(tb testing.TB, doc string) *File {
	tb.Helper()
	f, err := Parse([]byte(doc))
	if err != nil {
		tb.Fatalf("Parse: %v\n%s", err, doc)
	}
	return f
}

// armRegion returns the ARM name derived for one of the file's region strings (compared
// case-insensitively), e.g. "francecentral" for "centralfrance"; "" if there is no such region.
func armRegion(f *File, fileRegion string) string {
	if r, ok := f.regions[foldKey(fileRegion)]; ok {
		return r.arm
	}
	return ""
}
