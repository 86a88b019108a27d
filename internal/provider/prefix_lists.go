package provider

import (
	"net/netip"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// prefixLists is the lossless union of some tags' prefixes, in the three shapes the data
// sources expose: both families (IPv4 first), IPv4 only, IPv6 only.
type prefixLists struct {
	all, ipv4, ipv6 []string
}

// unionOf merges the prefixes of tags into their minimal exact form.
func unionOf(tags []*servicetags.Tag) prefixLists {
	var in []netip.Prefix
	for _, t := range tags {
		in = append(in, t.Prefixes...)
	}
	merged := cidrset.Merge(in)
	out := prefixLists{all: make([]string, 0, len(merged)), ipv4: []string{}, ipv6: []string{}}
	for _, p := range merged {
		s := p.String()
		out.all = append(out.all, s)
		if p.Addr().Is4() {
			out.ipv4 = append(out.ipv4, s)
		} else {
			out.ipv6 = append(out.ipv6, s)
		}
	}
	return out
}
