package download

import (
	"fmt"
	"strings"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// cloudInfo describes where one Azure cloud's file lives on the Download Center.
type cloudInfo struct {
	name   string // servicetags' canonical name, also the one in ServiceTags_<name>_<date>.json
	id     int    // Download Center id
	prefix string // stable path under the download base, with trailing slash
	latest bool   // whether ServiceTags_<name>_Latest.json exists (Public only)
}

// clouds lists the clouds that publish a file, in the order errors name them.
var clouds = []cloudInfo{
	{name: servicetags.CloudPublic, id: 56519, prefix: "download/7/1/D/71D86715-5596-4529-9B13-DA13A5DE5B63/", latest: true},
	{name: servicetags.CloudAzureGovernment, id: 57063, prefix: "download/6/4/D/64DB03BF-895B-4173-A8B1-BA4AD5D4DF22/"},
	{name: servicetags.CloudChina, id: 57062, prefix: "download/9/D/0/9D03B7E2-4B80-4BF3-9B91-DA8C7D3EE9F9/"},
}

// lookupCloud finds a cloud by its canonical name; the provider canonicalises what users write.
func lookupCloud(name string) (cloudInfo, error) {
	names := make([]string, len(clouds))
	for i, c := range clouds {
		if c.name == name {
			return c, nil
		}
		names[i] = fmt.Sprintf("%q", c.name)
	}
	return cloudInfo{}, fmt.Errorf("unknown cloud %q: expected one of %s", name, strings.Join(names, ", "))
}
