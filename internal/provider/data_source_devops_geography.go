package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/devops"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

var (
	_ datasource.DataSourceWithConfigure      = (*devOpsGeographyDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*devOpsGeographyDataSource)(nil)
)

// NewDevOpsGeographyDataSource returns the azureiprange_devops_geography data source.
func NewDevOpsGeographyDataSource() datasource.DataSource {
	return &devOpsGeographyDataSource{}
}

type devOpsGeographyDataSource struct {
	source *serviceTagsSource
}

type devOpsGeographyModel struct {
	Geography               types.String `tfsdk:"geography"`
	OrganizationRegion      types.String `tfsdk:"organization_region"`
	IncludeCapacityFallback types.Bool   `tfsdk:"include_capacity_fallback"`
	// Computed attributes: null in the configuration, written as wire values by Read.
	Regions         types.List   `tfsdk:"regions"`
	ServiceTags     types.List   `tfsdk:"service_tags"`
	Cloud           types.String `tfsdk:"cloud"`
	ChangeNumber    types.Int64  `tfsdk:"change_number"`
	Source          types.String `tfsdk:"source"`
	AddressPrefixes types.List   `tfsdk:"address_prefixes"`
	IPv4CIDRs       types.List   `tfsdk:"ipv4_cidrs"`
	IPv6CIDRs       types.List   `tfsdk:"ipv6_cidrs"`
}

func (d *devOpsGeographyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_devops_geography"
}

func (d *devOpsGeographyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The address ranges Microsoft-hosted Azure DevOps agents of an organisation may come from: every " +
			"`AzureCloud.<region>` tag of the organisation's geography (\"use the IP ranges from all of the regions that are " +
			"contained in your geography\"), plus the capacity-fallback geography. Public cloud only. Set exactly one of " +
			"`geography` or `organization_region`.",
		Attributes: map[string]schema.Attribute{
			"geography": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The organisation's geography: `United States`, `Europe`, `United Kingdom`, `Asia Pacific`, " +
					"`Australia`, `Brazil`, `Canada` or `India`; case-insensitive; short forms `US`, `EU`, `UK`, `APAC` (and `AU`, " +
					"`BR`, `CA`, `IN`) accepted. After the read, the canonical name.",
			},
			"organization_region": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Instead of `geography`: the organisation's region as its settings show it (`West Europe`) " +
					"or as an ARM name (`westeurope`). Capacity fallback then applies to this region only.",
			},
			"include_capacity_fallback": schema.BoolAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Add the geography agents fall back to under capacity pressure (Brazil South → United States, " +
					"West Europe → France). Default `true`.",
			},
			"regions":       schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "ARM names of the regions whose `AzureCloud` tag is in the list, fallback included, sorted. A region of the geography that the file does not carry yet is left out, with a warning."},
			"service_tags":  schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The `AzureCloud.<region>` tag names used, as the file spells them (`AzureCloud.centralfrance` for `francecentral`), sorted."},
			"cloud":         schema.StringAttribute{Computed: true, MarkdownDescription: "The file's cloud (always `Public`)."},
			"change_number": schema.Int64Attribute{Computed: true, MarkdownDescription: "The file's `changeNumber`."},
			"source": schema.StringAttribute{Computed: true, MarkdownDescription: "Where the file came from: the URL that answered (the dated file, such as `…/ServiceTags_Public_20251028.json`, " +
				"unless Microsoft's stable `ServiceTags_Public_Latest.json` answered directly) or the local path. `change_number` identifies the week."},
			"address_prefixes": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Union of the tags' prefixes, IPv4 and IPv6, in minimal exact form, sorted numerically, IPv4 first.",
			},
			"ipv4_cidrs": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The IPv4 part of `address_prefixes`: what AKS `authorized_ip_ranges` accepts (after `compact` to 200)."},
			"ipv6_cidrs": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The IPv6 part of `address_prefixes`."},
		},
	}
}

func (d *devOpsGeographyDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.source = sourceFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks the geography arguments at `terraform validate`, before any download.
func (d *devOpsGeographyDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m devOpsGeographyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Geography.IsUnknown() || m.OrganizationRegion.IsUnknown() {
		return
	}
	if _, err := devops.Resolve(devops.Query{Geography: m.Geography.ValueString(), OrganizationRegion: m.OrganizationRegion.ValueString()}); err != nil {
		resp.Diagnostics.AddAttributeError(queryErrorPath(m), "Invalid Azure DevOps geography", err.Error())
	}
}

func (d *devOpsGeographyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m devOpsGeographyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireConfigured(d.source, &resp.Diagnostics) {
		return
	}
	fallback := m.IncludeCapacityFallback.IsNull() || m.IncludeCapacityFallback.ValueBool()
	plan, err := devops.Resolve(devops.Query{
		Geography:               m.Geography.ValueString(),
		OrganizationRegion:      m.OrganizationRegion.ValueString(),
		IncludeCapacityFallback: fallback,
	})
	if err != nil {
		resp.Diagnostics.AddAttributeError(queryErrorPath(m), "Invalid Azure DevOps geography", err.Error())
		return
	}

	// Not "explicit": a pinned file of another cloud gets the message below, which says why.
	loaded, diags := d.source.load(ctx, servicetags.CloudPublic, false)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if loaded.file.Cloud != servicetags.CloudPublic {
		resp.Diagnostics.AddError("Azure DevOps geographies need the Public cloud",
			fmt.Sprintf("Microsoft-hosted Azure DevOps agents run in the Public cloud, but the provider is pinned to %s, which holds the %q cloud. "+
				"Use a separate provider configuration (alias) pinned to a Public file, or none.", loaded.source, loaded.file.Cloud))
		return
	}

	var tags []*servicetags.Tag
	var included, tagNames, missing []string
	for _, region := range plan.Regions {
		tag, ok := azureCloudTag(loaded.file, region)
		if !ok {
			missing = append(missing, region)
			continue
		}
		tags = append(tags, tag)
		included = append(included, region)
		tagNames = append(tagNames, tag.Name)
	}
	if len(missing) > 0 {
		resp.Diagnostics.AddWarning("Regions without a service tag",
			fmt.Sprintf("The %s geography includes %s, but %s (change number %d) has no AzureCloud tag for %s. "+
				"Microsoft publishes a region's tag once it carries traffic; the list covers the regions that have one.",
				plan.Geography, strings.Join(missing, ", "), loaded.source, loaded.file.ChangeNumber, pluralIt(len(missing))))
	}
	union := unionOf(tags)
	if len(union.all) == 0 {
		resp.Diagnostics.AddError("No address ranges for this geography",
			fmt.Sprintf("None of the regions of %s (%s) has an AzureCloud tag with prefixes in %s. Refusing to return an empty allow-list.",
				plan.Geography, strings.Join(plan.Regions, ", "), loaded.source))
		return
	}

	state, diags := stateWith(ctx, req.Config, map[string]tftypes.Value{
		"geography":                 tftypes.NewValue(tftypes.String, plan.Geography),
		"include_capacity_fallback": tftypes.NewValue(tftypes.Bool, fallback),
		"regions":                   stringListValue(included),
		"service_tags":              stringListValue(sortedCopy(tagNames)),
		"cloud":                     tftypes.NewValue(tftypes.String, loaded.file.Cloud),
		"change_number":             tftypes.NewValue(tftypes.Number, loaded.file.ChangeNumber),
		"source":                    tftypes.NewValue(tftypes.String, loaded.source),
		"address_prefixes":          stringListValue(union.all),
		"ipv4_cidrs":                stringListValue(union.ipv4),
		"ipv6_cidrs":                stringListValue(union.ipv6),
	})
	resp.Diagnostics.Append(diags...)
	resp.State.Raw = state
}

// azureCloudTag finds AzureCloud.<region> through the file's own region spelling.
func azureCloudTag(f *servicetags.File, armRegion string) (*servicetags.Tag, bool) {
	fileRegion, ok := f.ResolveRegion(armRegion)
	if !ok {
		return nil, false
	}
	return f.LookupTag("AzureCloud." + fileRegion)
}

// queryErrorPath points a resolution error at the argument the user set.
func queryErrorPath(m devOpsGeographyModel) path.Path {
	if m.Geography.ValueString() == "" && m.OrganizationRegion.ValueString() != "" {
		return path.Root("organization_region")
	}
	return path.Root("geography")
}

func pluralIt(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	slices.Sort(out)
	return out
}
