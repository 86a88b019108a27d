package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
)

var _ datasource.DataSourceWithValidateConfig = (*compactDataSource)(nil)

// NewCompactDataSource returns the azureiprange_compact data source: the compact function for
// Terraform versions without provider functions (1.0–1.7).
func NewCompactDataSource() datasource.DataSource {
	return &compactDataSource{}
}

type compactDataSource struct{}

// compactModel is the data source's configuration and state.
type compactModel struct {
	CIDRs   types.List   `tfsdk:"cidrs"`
	Limit   types.Number `tfsdk:"limit"`
	Trusted types.List   `tfsdk:"trusted"`
	Result  []string     `tfsdk:"result"`
	compactCounts
}

func (d *compactDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_compact"
}

func (d *compactDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		argCIDRs: schema.ListAttribute{Required: true, ElementType: types.StringType,
			MarkdownDescription: "IPv4 **or** IPv6 prefixes in CIDR notation (`10.0.0.0/8`), or bare addresses " +
				"(`1.2.3.4` means `1.2.3.4/32`), all of one family; not empty."},
		argLimit: schema.NumberAttribute{Required: true,
			MarkdownDescription: "Maximum number of prefixes in `result`; a whole number of at least 1 (200 for AKS authorized IP ranges)."},
		argTrusted: schema.ListAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Address space whose admission costs less, typically the whole cloud " +
				"(`data.azureiprange_service_tags.<x>.address_prefixes` with `names = [\"AzureCloud\"]`). Either family; only the input's family counts."},
		"result": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The compacted list, exactly what the `compact` function returns for the same arguments."},
	}
	for _, c := range compactCountDocs {
		if c.number {
			attrs[c.name] = schema.NumberAttribute{Computed: true, MarkdownDescription: c.description}
		} else {
			attrs[c.name] = schema.Int64Attribute{Computed: true, MarkdownDescription: c.description}
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Compacts a CIDR list to at most `limit` prefixes, like the `compact` and `compact_report` " +
			"functions, for Terraform versions without provider functions (before 1.8; a `provider::` call is a parse " +
			"error there) and for configurations that prefer data sources. It reads no file and needs no network.\n\n" +
			compactCriteriaDocs + "\n\nThe arguments, the measured effect of `trusted` and the errors (an empty `cidrs`, " +
			"a result covering every address, mixed families) are those of the " +
			"[`compact` function](../functions/compact.md); an argument that is known at `terraform validate` is checked there. " +
			"Terraform carries no sensitivity through a data source: a sensitive `cidrs` gives a `result` that is not marked. " +
			"Use the `compact` function, whose result keeps the mark, or wrap the attribute in `sensitive()`.",
		Attributes: attrs,
	}
}

// ValidateConfig checks known arguments at `terraform validate` (limit, every element), with
// the same errors as Read; what needs the compaction (an empty list, mixed families, a result
// covering everything) is reported by Read, which compacts once.
func (d *compactDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m compactModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !fullyKnown(m.CIDRs) || m.Limit.IsUnknown() || !fullyKnown(m.Trusted) {
		return
	}
	if cidrs, limit, trusted, ok := m.arguments(ctx, &resp.Diagnostics); ok {
		_, aerr := parseCompactArgs(cidrs, limit, trusted)
		addArgumentError(aerr, &resp.Diagnostics)
	}
}

func (d *compactDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m compactModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cidrs, limit, trusted, ok := m.arguments(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	rep, aerr := compactRun(ctx, cidrs, limit, trusted)
	if addArgumentError(aerr, &resp.Diagnostics) {
		return
	}
	m.Result = cidrset.Strings(rep.Prefixes)
	m.compactCounts = newCompactCounts(rep)
	resp.Diagnostics.Append(setState(ctx, &resp.State, &m)...)
}

// arguments reads the arguments as compactRun takes them.
func (m compactModel) arguments(ctx context.Context, diags *diag.Diagnostics) (cidrs []*string, limit *big.Float, trusted []*string, ok bool) {
	diags.Append(m.CIDRs.ElementsAs(ctx, &cidrs, false)...)
	if !m.Trusted.IsNull() {
		diags.Append(m.Trusted.ElementsAs(ctx, &trusted, false)...)
	}
	if !m.Limit.IsNull() {
		limit = m.Limit.ValueBigFloat()
	}
	return cidrs, limit, trusted, !diags.HasError()
}

// addArgumentError reports a bad argument on its attribute.
func addArgumentError(aerr *compactArgumentError, diags *diag.Diagnostics) bool {
	if aerr == nil {
		return false
	}
	diags.AddAttributeError(path.Root(aerr.argument), "Invalid "+aerr.argument, aerr.message)
	return true
}

// fullyKnown reports whether a list and all its elements are known (at validate time they
// may come from other data sources).
func fullyKnown(l types.List) bool {
	if l.IsUnknown() {
		return false
	}
	for _, e := range l.Elements() {
		if e.IsUnknown() {
			return false
		}
	}
	return true
}
