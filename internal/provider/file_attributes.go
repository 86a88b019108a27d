package provider

import (
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// fileModel is what every data source that reads the service tags file returns: where the
// file came from and the lossless union of the prefixes it selected. Data source models embed
// it, so adding an attribute here adds it to all of them.
type fileModel struct {
	Cloud           types.String `tfsdk:"cloud"`
	ChangeNumber    types.Int64  `tfsdk:"change_number"`
	Source          types.String `tfsdk:"source"`
	AddressPrefixes []string     `tfsdk:"address_prefixes"`
	IPv4CIDRs       []string     `tfsdk:"ipv4_cidrs"`
	IPv6CIDRs       []string     `tfsdk:"ipv6_cidrs"`
}

// fileAttributes returns the schema of fileModel's attributes, added to the data source's own.
// cloud is the data source's `cloud` attribute: an argument for some, computed for others.
func fileAttributes(own map[string]schema.Attribute, cloud schema.StringAttribute) map[string]schema.Attribute {
	list := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	attrs := map[string]schema.Attribute{
		"cloud":         cloud,
		"change_number": schema.Int64Attribute{Computed: true, MarkdownDescription: "The file's `changeNumber`; it grows with every weekly release."},
		"source": schema.StringAttribute{Computed: true, MarkdownDescription: "Where the file came from: the URL that " +
			"answered (the dated file, such as `…/ServiceTags_Public_20251028.json`, unless Microsoft's stable " +
			"`ServiceTags_Public_Latest.json` answered directly; credentials in a URL are never shown) or the local path. " +
			"`change_number` identifies the week."},
		"address_prefixes": list("Union of the selected prefixes, IPv4 and IPv6, in minimal exact form (duplicates, nested " +
			"and adjacent prefixes merged without adding or losing an address), sorted numerically, IPv4 first."),
		"ipv4_cidrs": list("The IPv4 part of `address_prefixes`: what AKS `authorized_ip_ranges` accepts (after `compact` " +
			"to 200). It is empty when the selected tags publish only IPv6 prefixes (24 tags of the Public file do), and an " +
			"empty allow-list removes the restriction: pass it through `compact` or `azureiprange_compact`, which refuse an " +
			"empty list, or guard it with a `precondition`."),
		"ipv6_cidrs": list("The IPv6 part of `address_prefixes`."),
	}
	for name, a := range own {
		attrs[name] = a
	}
	return attrs
}

// newFileModel fills fileModel from a loaded file and the prefixes of the selected tags.
func newFileModel(loaded *download.Loaded, tags []*servicetags.Tag) fileModel {
	var in []netip.Prefix
	for _, t := range tags {
		in = append(in, t.Prefixes...)
	}
	m := fileModel{
		Cloud:        types.StringValue(loaded.File.Cloud),
		ChangeNumber: types.Int64Value(loaded.File.ChangeNumber),
		Source:       types.StringValue(loaded.Source),
		IPv4CIDRs:    []string{},
		IPv6CIDRs:    []string{},
	}
	merged := cidrset.Merge(in)
	m.AddressPrefixes = cidrset.Strings(merged)
	for i, p := range merged {
		if p.Addr().Is4() {
			m.IPv4CIDRs = append(m.IPv4CIDRs, m.AddressPrefixes[i])
		} else {
			m.IPv6CIDRs = append(m.IPv6CIDRs, m.AddressPrefixes[i])
		}
	}
	return m
}
