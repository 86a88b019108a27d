package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

var (
	_ datasource.DataSourceWithConfigure      = (*serviceTagsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*serviceTagsDataSource)(nil)
)

// NewServiceTagsDataSource returns the azureiprange_service_tags data source.
func NewServiceTagsDataSource() datasource.DataSource {
	return &serviceTagsDataSource{}
}

type serviceTagsDataSource struct {
	fileReader
}

// serviceTagsModel is the data source's configuration and state.
type serviceTagsModel struct {
	Names      types.List `tfsdk:"names"`
	Services   types.List `tfsdk:"services"`
	Regions    types.List `tfsdk:"regions"`
	AllowEmpty types.Bool `tfsdk:"allow_empty"`
	Tags       []tagModel `tfsdk:"tags"`
	fileModel
}

// tagModel is one element of the tags attribute: a tag as published.
type tagModel struct {
	Name            string   `tfsdk:"name"`
	Region          string   `tfsdk:"region"`
	SystemService   string   `tfsdk:"system_service"`
	ChangeNumber    int64    `tfsdk:"change_number"`
	NetworkFeatures []string `tfsdk:"network_features"`
	AddressPrefixes []string `tfsdk:"address_prefixes"`
}

func (d *serviceTagsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_tags"
}

func (d *serviceTagsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	selector := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Selects service tags from Microsoft's *Azure IP Ranges and Service Tags* file and returns their " +
			"address prefixes, merged losslessly. Selectors combine with AND across kinds and OR within a kind; " +
			"at least one of `names`, `services`, `regions` is required. A name or region that is not in the file is an error " +
			"(a typo never shrinks an allow-list silently).",
		Attributes: fileAttributes(map[string]schema.Attribute{
			"names": selector("Exact tag names, case-insensitive, such as `AzureCloud.westeurope`, `AzureDevOps` or `Storage.WestEurope`."),
			"services": selector("Services: the part of a tag name before the first dot, such as `AzureCloud`, `Storage` or " +
				"`AzureFrontDoor`; case-insensitive. A tag without a dot (`AzureDevOps`) is its own service."),
			"regions": selector("Regions as ARM names (`francecentral`) or as the file spells them (`centralfrance`); " +
				"case-insensitive. Only regional tags match."),
			"allow_empty": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "When `false` (default), a selection that matches no tag or no prefix fails the read with an " +
					"error naming the selector, and so does a tag named in `names` that the file carries without a prefix (among " +
					"other names it would shrink the list without a word). When `true`, it returns empty lists instead.",
			},
			"tags": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The selected tags as published, sorted by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":             schema.StringAttribute{Computed: true, MarkdownDescription: "Tag name, such as `AzureCloud.westeurope`."},
					"region":           schema.StringAttribute{Computed: true, MarkdownDescription: "Region as the file spells it; empty for non-regional tags."},
					"system_service":   schema.StringAttribute{Computed: true, MarkdownDescription: "The file's `systemService`; may be empty."},
					"change_number":    schema.Int64Attribute{Computed: true, MarkdownDescription: "The tag's own `changeNumber`."},
					"network_features": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Where the tag may be used, such as `NSG`, `API`, `UDR`, `FW`."},
					"address_prefixes": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The tag's prefixes as published, both families."},
				}},
			},
		}, schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Cloud whose file to read: `Public`, `AzureGovernment` or `China` (case-insensitive; azurerm's " +
				"`public`, `usgovernment`, `china` too). Defaults to the provider's `cloud`. After the read, the cloud written in the file.",
		}),
	}
}

// ValidateConfig catches selector mistakes at `terraform validate`, before any download.
func (d *serviceTagsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m serviceTagsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.Names.IsUnknown() || m.Services.IsUnknown() || m.Regions.IsUnknown() {
		return
	}
	if len(m.Names.Elements()) == 0 && len(m.Services.Elements()) == 0 && len(m.Regions.Elements()) == 0 {
		resp.Diagnostics.AddError("No selector",
			"Set at least one of names, services or regions (non-empty); an unrestricted selection would return every prefix Azure publishes.")
	}
	for _, attr := range []struct {
		name string
		list types.List
	}{{"names", m.Names}, {"services", m.Services}, {"regions", m.Regions}} {
		for i, e := range attr.list.Elements() {
			s, ok := e.(types.String)
			if ok && (s.IsNull() || (!s.IsUnknown() && strings.TrimSpace(s.ValueString()) == "")) {
				resp.Diagnostics.AddAttributeError(path.Root(attr.name).AtListIndex(i), "Empty selector value",
					fmt.Sprintf("%s[%d] is null or empty; remove it or give a value.", attr.name, i))
			}
		}
	}
	if !m.Cloud.IsNull() && !m.Cloud.IsUnknown() {
		if _, err := servicetags.LookupCloud(m.Cloud.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("cloud"), "Invalid cloud", err.Error())
		}
	}
}

func (d *serviceTagsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m serviceTagsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !d.configured(&resp.Diagnostics) {
		return
	}
	cloud, explicit, diags := d.source.requestedCloud(m.Cloud)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	sel := servicetags.Selector{
		Names:    listStrings(ctx, m.Names, &resp.Diagnostics),
		Services: listStrings(ctx, m.Services, &resp.Diagnostics),
		Regions:  listStrings(ctx, m.Regions, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	loaded, diags := d.source.load(ctx, cloud, explicit)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	tags, err := loaded.File.Select(sel)
	if err != nil {
		addSelectionError(err, loaded, &resp.Diagnostics)
		return
	}
	if !m.AllowEmpty.ValueBool() && addEmptyNamedTag(loaded, sel, tags, &resp.Diagnostics) {
		return
	}
	m.fileModel = newFileModel(loaded, tags)
	if len(m.AddressPrefixes) == 0 && !m.AllowEmpty.ValueBool() {
		resp.Diagnostics.AddError("Selection is empty", emptySelectionDetail(loaded, sel, tags))
		return
	}
	m.Tags = make([]tagModel, len(tags))
	for i, t := range tags {
		m.Tags[i] = tagModel{
			Name: t.Name, Region: t.Region, SystemService: t.SystemService, ChangeNumber: t.ChangeNumber,
			NetworkFeatures: t.NetworkFeatures, AddressPrefixes: t.AddressPrefixes(),
		}
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, &m)...)
}

// addEmptyNamedTag reports a tag named in names that the file carries without a prefix: among
// other names it would shrink the list without a word, as a missing tag would not.
func addEmptyNamedTag(loaded *download.Loaded, sel servicetags.Selector, selected []*servicetags.Tag, diags *diag.Diagnostics) bool {
	for i, name := range sel.Names {
		tag, ok := loaded.File.LookupTag(name)
		if !ok || len(tag.Prefixes) > 0 || !slices.Contains(selected, tag) {
			continue
		}
		diags.AddAttributeError(path.Root("names").AtListIndex(i), "Named service tag is empty",
			fmt.Sprintf("%s (change number %d) carries the service tag %q with no address prefix, so it would add nothing "+
				"to the list while the configuration names it for its ranges. Microsoft publishes a tag empty while it "+
				"carries no traffic yet, or in a damaged file. Remove it from names, or set allow_empty = true to accept it.",
				loaded.Source, loaded.File.ChangeNumber, tag.Name))
		return true
	}
	return false
}

// addSelectionError turns a selection failure into a diagnostic on the offending argument.
func addSelectionError(err error, loaded *download.Loaded, diags *diag.Diagnostics) {
	var unknown *servicetags.UnknownError
	if errors.As(err, &unknown) {
		diags.AddAttributeError(path.Root(unknown.Argument), "Unknown "+strings.TrimSuffix(unknown.Argument, "s"),
			fmt.Sprintf("%s\n\nFile: %s. A value that is not in the file is an error even when other values match, so a typo never shrinks an allow-list.", unknown.Error(), loaded.Source))
		return
	}
	diags.AddError("Invalid selection", err.Error())
}

// emptySelectionDetail explains why nothing matched, and what each selector kind matches alone.
func emptySelectionDetail(loaded *download.Loaded, sel servicetags.Selector, tags []*servicetags.Tag) string {
	var b strings.Builder
	if len(tags) == 0 {
		fmt.Fprintf(&b, "No service tag matches %s in %s (cloud %s, change number %d).",
			sel.Describe(), loaded.Source, loaded.File.Cloud, loaded.File.ChangeNumber)
	} else {
		fmt.Fprintf(&b, "The %d tag(s) matching %s carry no address prefix in %s.", len(tags), sel.Describe(), loaded.Source)
	}
	for _, alone := range []servicetags.Selector{{Names: sel.Names}, {Services: sel.Services}, {Regions: sel.Regions}} {
		if len(alone.Names)+len(alone.Services)+len(alone.Regions) == 0 {
			continue
		}
		matched, err := loaded.File.Select(alone)
		if err != nil || len(matched) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s alone matches %d tag(s), e.g. %s.", alone.Describe(), len(matched), sampleNames(matched, 5))
	}
	b.WriteString("\nSelectors combine with AND across names/services/regions. Set allow_empty = true if an empty list is really what you want " +
		"(never feed an empty list to an allow-list: for AKS it means open to the internet).")
	return b.String()
}

func sampleNames(tags []*servicetags.Tag, n int) string {
	var names []string
	for i, t := range tags {
		if i == n {
			names = append(names, "…")
			break
		}
		names = append(names, fmt.Sprintf("%q", t.Name))
	}
	return strings.Join(names, ", ")
}
