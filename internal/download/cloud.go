package download

import (
	"fmt"
	"strings"
)

// cloudInfo describes where one Azure cloud's file lives on the Download Center.
type cloudInfo struct {
	Name   string // as in the file name: ServiceTags_<Name>_<date>.json
	ID     int    // Download Center id
	Prefix string // stable path under the download base, with trailing slash
	Latest bool   // whether ServiceTags_<Name>_Latest.json exists (Public only)
}

var clouds = []cloudInfo{
	{Name: "Public", ID: 56519, Prefix: "download/7/1/D/71D86715-5596-4529-9B13-DA13A5DE5B63/", Latest: true},
	{Name: "AzureGovernment", ID: 57063, Prefix: "download/6/4/D/64DB03BF-895B-4173-A8B1-BA4AD5D4DF22/"},
	{Name: "China", ID: 57062, Prefix: "download/9/D/0/9D03B7E2-4B80-4BF3-9B91-DA8C7D3EE9F9/"},
}

// lookupCloud finds a cloud by name, ignoring case, so "public" still means Public.
func lookupCloud(name string) (cloudInfo, error) {
	for _, c := range clouds {
		if strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return c, nil
		}
	}
	names := make([]string, len(clouds))
	for i, c := range clouds {
		names[i] = fmt.Sprintf("%q", c.Name)
	}
	return cloudInfo{}, fmt.Errorf("unknown cloud %q: expected one of %s", name, strings.Join(names, ", "))
}
