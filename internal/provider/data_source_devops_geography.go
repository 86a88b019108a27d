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
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/devops"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
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
	fileReader
}

// devOpsGeographyModel is the data source's configuration and state.
type devOpsGeographyModel struct {
	Geography               types.String `tfsdk:"geography"`
	OrganizationRegion      types.String `tfsdk:"organization_region"`
	IncludeCapacityFallback types.Bool   `tfsdk:"include_capacity_fallback"`
	Regions                 []string     `tfsdk:"regions"`
	ServiceTags             []string     `tfsdk:"service_tags"`
	fileModel
}

func (d *devOpsGeographyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_devops_geography"
}

func (d *devOpsGeographyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The address ranges Microsoft-hosted Azure DevOps agents of an organisation may come from: every " +
			"`AzureCloud.<region>` tag of the organisation's geography (\"use the IP ranges from all of the regions that are " +
			"contained in your geography\"), plus the capacity-fallback geography. Public cloud only. Set exactly one of " +
			"`geography` or `organization_region`.\n\n" +
			"**Where the regions come from.** First from the provider's table, which places every region of the Public " +
			"file in its Azure geography (Microsoft's regions list), leaving out the regions no hosted agent runs in " +
			"(the EUAP canaries, the staging regions, `brazilne`). Microsoft opens regions between provider releases: " +
			"an `AzureCloud.<region>` tag the table does not list joins the geography when its name follows Azure's " +
			"naming for it without ambiguity (a direction and `us` for the United States, such as `northeastus5`; " +
			"`india` for India; `europe` for Europe), with a warning *Regions placed by their names* that names it; " +
			"upgrade the provider to have it listed and the warning goes away. A new region whose geography cannot be " +
			"told from its name is never guessed: the warning *New regions of unknown geography* names it, and if your " +
			"agents may run there, add its tag by hand with `azureiprange_service_tags` (`names = [\"AzureCloud.<region>\"]`) " +
			"and `concat()`. A region of the geography that the file does not carry yet, or carries empty, is a warning " +
			"too; an announced region never published (`eastus3` until late 2025) is not. On the shipped snapshots no " +
			"warning appears: every warning means something changed.",
		Attributes: fileAttributes(map[string]schema.Attribute{
			"geography": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The organisation's geography: `United States`, `Europe`, `United Kingdom`, `Asia Pacific`, " +
					"`Australia`, `Brazil`, `Canada` or `India`; case-insensitive; short forms `US`, `EU`, `UK`, `APAC` (and `AU`, " +
					"`BR`, `CA`, `IN`) accepted. After the read, the canonical name.",
			},
			"organization_region": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Instead of `geography`: the organisation's region as its settings show it (`West Europe`) " +
					"or as an ARM name (`westeurope`), including a region newer than this provider that the file carries and " +
					"whose name tells its geography. Capacity fallback then applies to this region only.",
			},
			"include_capacity_fallback": schema.BoolAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Add the geography agents fall back to under capacity pressure (Brazil South → United States, " +
					"West Europe → France). Default `true`.",
			},
			"regions":      schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "ARM names of the regions whose `AzureCloud` tag is in the list, fallback included, sorted. A region of the geography that the file does not carry yet is left out, with a warning."},
			"service_tags": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The `AzureCloud.<region>` tag names used, as the file spells them (`AzureCloud.centralfrance` for `francecentral`), sorted."},
		}, schema.StringAttribute{Computed: true, MarkdownDescription: "The file's cloud (always `Public`)."}),
	}
}

// ValidateConfig checks the geography arguments at `terraform validate`, before any download.
func (d *devOpsGeographyDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m devOpsGeographyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Geography.IsUnknown() || m.OrganizationRegion.IsUnknown() || m.blankArgument(&resp.Diagnostics) {
		return
	}
	_, err := devops.Resolve(devops.Query{Geography: m.Geography.ValueString(), OrganizationRegion: m.OrganizationRegion.ValueString()})
	addQueryError(err, &resp.Diagnostics)
}

func (d *devOpsGeographyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m devOpsGeographyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !d.configured(&resp.Diagnostics) || m.blankArgument(&resp.Diagnostics) {
		return
	}
	fallback := m.IncludeCapacityFallback.IsNull() || m.IncludeCapacityFallback.ValueBool()
	query := devops.Query{
		Geography:               m.Geography.ValueString(),
		OrganizationRegion:      m.OrganizationRegion.ValueString(),
		IncludeCapacityFallback: fallback,
	}
	// Resolved once before the download, so a typo fails even offline, and again with the
	// file's regions, which may hold regions newer than this provider's table.
	if _, err := devops.Resolve(query); addQueryError(err, &resp.Diagnostics) {
		return
	}

	// fetch, not load: a pinned file of another cloud gets the message below, which says why.
	loaded, diags := d.source.fetch(ctx, servicetags.CloudPublic)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if loaded.File.Cloud != servicetags.CloudPublic {
		resp.Diagnostics.AddError("Azure DevOps geographies need the Public cloud",
			fmt.Sprintf("Microsoft-hosted Azure DevOps agents run in the Public cloud, but the provider is pinned to %s, which holds the %q cloud. "+
				"Use a separate provider configuration (alias) pinned to a Public file, or none.", loaded.Source, loaded.File.Cloud))
		return
	}

	query.FileRegions = fileRegions(loaded.File)
	plan, err := devops.Resolve(query)
	if addQueryError(err, &resp.Diagnostics) {
		return
	}
	warnNewRegions(plan, loaded, &resp.Diagnostics)

	var tags []*servicetags.Tag
	missing := map[string][]string{} // by where the region came from: "" for the geography itself
	var origins []string
	for _, region := range plan.Regions {
		tag, ok := azureCloudTag(loaded.File, region.Name)
		switch {
		case ok && len(tag.Prefixes) > 0: // an empty tag is treated as a missing one, with a warning
			tags = append(tags, tag)
			m.Regions = append(m.Regions, region.Name)
			m.ServiceTags = append(m.ServiceTags, tag.Name)
		case region.Announced:
			tflog.Debug(ctx, "announced region has no service tag yet", map[string]any{"region": region.Name, "source": loaded.Source})
		default:
			origin := ""
			if region.Fallback != "" {
				origin = fmt.Sprintf("The %s fallback of %s", region.Fallback, region.FallbackOf)
			}
			if _, seen := missing[origin]; !seen {
				origins = append(origins, origin)
			}
			missing[origin] = append(missing[origin], region.Name)
		}
	}
	for _, origin := range origins {
		what := origin
		if what == "" {
			what = "The " + plan.Geography + " geography"
		}
		resp.Diagnostics.AddWarning("Regions without a service tag",
			fmt.Sprintf("%s includes %s, but %s (change number %d) has no AzureCloud tag with prefixes for %s. "+
				"Microsoft publishes a region's tag once it carries traffic; the list covers the regions that have one.",
				what, strings.Join(missing[origin], ", "), loaded.Source, loaded.File.ChangeNumber, pluralIt(len(missing[origin]))))
	}
	m.fileModel = newFileModel(loaded, tags)
	if len(m.AddressPrefixes) == 0 {
		resp.Diagnostics.AddError("No address ranges for this geography",
			fmt.Sprintf("None of the regions of %s (%s) has an AzureCloud tag with prefixes in %s. Refusing to return an empty allow-list.",
				plan.Geography, strings.Join(plan.RegionNames(), ", "), loaded.Source))
		return
	}
	m.Geography = types.StringValue(plan.Geography)
	m.IncludeCapacityFallback = types.BoolValue(fallback)
	slices.Sort(m.ServiceTags)
	resp.Diagnostics.Append(setState(ctx, &resp.State, &m)...)
}

// fileRegions lists the ARM names of the regions whose AzureCloud tag the file carries.
func fileRegions(f *servicetags.File) []string {
	var out []string
	for i := range f.Tags {
		if t := &f.Tags[i]; t.Region != "" && strings.HasPrefix(t.Name, "AzureCloud.") {
			if arm, ok := f.RegionARM(t.Region); ok {
				out = append(out, arm)
			}
		}
	}
	return out
}

// warnNewRegions names the file's regions this provider version does not list: those its
// naming rules placed in the plan, and those of no tellable geography. Either means Microsoft
// opened a region after this release; the warning goes away with an upgrade that lists it.
func warnNewRegions(plan devops.Plan, loaded *download.Loaded, diags *diag.Diagnostics) {
	var placed []string
	for _, r := range plan.Regions {
		if !r.ByName {
			continue
		}
		geography := plan.Geography
		if r.Fallback != "" {
			geography = fmt.Sprintf("%s, the capacity fallback of %s", r.Fallback, r.FallbackOf)
		}
		placed = append(placed, fmt.Sprintf("%s (%s)", r.Name, geography))
	}
	if len(placed) > 0 {
		diags.AddWarning("Regions placed by their names",
			fmt.Sprintf("%s (change number %d) carries %s, which this provider version does not list yet. Their names follow "+
				"Azure's naming for the geography given in brackets, so their AzureCloud prefixes are in the list. Upgrade the "+
				"provider to a version that lists them, and this warning goes away.",
				loaded.Source, loaded.File.ChangeNumber, strings.Join(placed, ", ")))
	}
	if len(plan.Unplaced) > 0 {
		var names []string
		for _, r := range plan.Unplaced {
			fileRegion, _ := loaded.File.ResolveRegion(r)
			names = append(names, fmt.Sprintf("%q", "AzureCloud."+fileRegion))
		}
		diags.AddWarning("New regions of unknown geography",
			fmt.Sprintf("%s (change number %d) carries %s, regions this provider version does not list and whose geography "+
				"cannot be told from their names, so they are not in the list. If your organisation's hosted agents may run "+
				"there, add them by hand: a data \"azureiprange_service_tags\" with names = [%s], its ipv4_cidrs joined with "+
				"concat(). A provider version that lists them places them for good.",
				loaded.Source, loaded.File.ChangeNumber, strings.Join(names, ", "), strings.Join(names, ", ")))
	}
}

// blankArgument reports a geography or organization_region given as an empty string.
func (m devOpsGeographyModel) blankArgument(diags *diag.Diagnostics) bool {
	for _, a := range []struct {
		name  string
		value types.String
	}{{"geography", m.Geography}, {"organization_region", m.OrganizationRegion}} {
		if !a.value.IsNull() && !a.value.IsUnknown() && strings.TrimSpace(a.value.ValueString()) == "" {
			return addQueryError(devops.EmptyError(a.name), diags)
		}
	}
	return false
}

// azureCloudTag finds AzureCloud.<region> through the file's own region spelling.
func azureCloudTag(f *servicetags.File, armRegion string) (*servicetags.Tag, bool) {
	fileRegion, ok := f.ResolveRegion(armRegion)
	if !ok {
		return nil, false
	}
	return f.LookupTag("AzureCloud." + fileRegion)
}

// addQueryError reports a geography query error on the argument it is about.
func addQueryError(err error, diags *diag.Diagnostics) bool {
	if err == nil {
		return false
	}
	var qe *devops.QueryError
	if !errors.As(err, &qe) {
		diags.AddError("Invalid Azure DevOps organisation", err.Error())
		return true
	}
	summary := map[string]string{"geography": "Invalid Azure DevOps geography", "organization_region": "Invalid organization_region"}[qe.Argument]
	diags.AddAttributeError(path.Root(qe.Argument), summary, qe.Message)
	return true
}

func pluralIt(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
