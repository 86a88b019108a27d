package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/target"
)

var _ datasource.DataSourceWithValidateConfig = (*fitDataSource)(nil)

// NewFitDataSource returns the azureiprange_fit data source: the fit function for Terraform
// versions without provider functions (1.0–1.7), with a limit that may override the target's.
func NewFitDataSource() datasource.DataSource {
	return &fitDataSource{}
}

type fitDataSource struct{}

// fitModel is the data source's configuration and state.
type fitModel struct {
	CIDRs   types.List   `tfsdk:"cidrs"`
	Target  types.String `tfsdk:"target"`
	Trusted types.List   `tfsdk:"trusted"`
	Limit   types.Number `tfsdk:"limit"`
	fitCounts
}

// Metadata names the data source.
func (d *fitDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fit"
}

// Schema describes the arguments and the computed report.
func (d *fitDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		argCIDRs: schema.ListAttribute{Required: true, ElementType: types.StringType,
			MarkdownDescription: fitParameters[0].GetMarkdownDescription()},
		argTarget: schema.StringAttribute{Required: true, MarkdownDescription: fitParameters[1].GetMarkdownDescription()},
		argTrusted: schema.ListAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: compactTrustedParameter.GetMarkdownDescription()},
		argLimit: schema.NumberAttribute{Optional: true, Computed: true,
			MarkdownDescription: "The most entries to return, instead of the target's limit: lower, for a consumer whose " +
				"other rules share the budget, or higher, when Microsoft raised the limit. A whole number of at least 1. " +
				"Once read, the limit that was used."},
		"entries": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The entries in the consumer's syntax, exactly what the `fit` function returns for the same arguments."},
	}
	for _, c := range fitCountDocs {
		switch {
		case c.name == "consumer":
			attrs[c.name] = schema.StringAttribute{Computed: true, MarkdownDescription: c.description}
		case c.number:
			attrs[c.name] = schema.NumberAttribute{Computed: true, MarkdownDescription: c.description}
		default:
			attrs[c.name] = schema.Int64Attribute{Computed: true, MarkdownDescription: c.description}
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Fits a CIDR list to one Azure consumer's limit and syntax, like the `fit` and `fit_report` " +
			"functions, for Terraform versions without provider functions (before 1.8) and for configurations that prefer " +
			"data sources, with a `limit` that may override the target's. It reads no file and needs no network.\n\n" + fitDocs +
			"\n\nAn argument that is known at `terraform validate` is checked there. Terraform carries no sensitivity " +
			"through a data source: a sensitive `cidrs` gives `entries` that are not marked. Use the `fit` function, whose " +
			"result keeps the mark, or wrap the attribute in `sensitive()`.",
		Attributes: attrs,
	}
}

// ValidateConfig checks each argument that is known at `terraform validate`, on its own, with
// the same errors as Read: cidrs usually comes from another data source and is unknown then,
// which must not keep a mistyped target or limit from failing early. What needs the
// computation (an empty list, the consumer's rules, the result) is reported by Read.
func (d *fitDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m fitModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !m.Target.IsUnknown() && !m.Target.IsNull() {
		if _, err := target.Lookup(m.Target.ValueString()); err != nil {
			addArgumentError(&compactArgumentError{argTarget, err.Error()}, &resp.Diagnostics)
		}
	}
	if !m.Limit.IsUnknown() && !m.Limit.IsNull() {
		_, aerr := limitValue(m.Limit.ValueBigFloat())
		addArgumentError(aerr, &resp.Diagnostics)
	}
	for _, arg := range []struct {
		name string
		list types.List
	}{{argCIDRs, m.CIDRs}, {argTrusted, m.Trusted}} { // in the schema's order, so errors come in a stable order
		if arg.list.IsNull() || !fullyKnown(arg.list) {
			continue
		}
		var values []*string
		if resp.Diagnostics.Append(arg.list.ElementsAs(ctx, &values, false)...); resp.Diagnostics.HasError() {
			return
		}
		_, aerr := parseList(arg.name, values)
		addArgumentError(aerr, &resp.Diagnostics)
	}
}

// Read fits the list and stores the entries and the report.
func (d *fitDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m fitModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cidrs, name, limit, trusted, ok := m.arguments(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	fitted, t, aerr := fitRun(ctx, cidrs, name, limit, trusted)
	if addArgumentError(aerr, &resp.Diagnostics) {
		return
	}
	m.Limit = types.NumberValue(big.NewFloat(float64(fitted.Limit)))
	m.fitCounts = newFitCounts(t, fitted)
	resp.Diagnostics.Append(setState(ctx, &resp.State, &m)...)
}

// arguments reads the arguments as fitRun takes them.
func (m fitModel) arguments(ctx context.Context, diags *diag.Diagnostics) (cidrs []*string, name *string, limit *big.Float, trusted []*string, ok bool) {
	diags.Append(m.CIDRs.ElementsAs(ctx, &cidrs, false)...)
	if !m.Trusted.IsNull() {
		diags.Append(m.Trusted.ElementsAs(ctx, &trusted, false)...)
	}
	if !m.Target.IsNull() {
		name = m.Target.ValueStringPointer()
	}
	if !m.Limit.IsNull() {
		limit = m.Limit.ValueBigFloat()
	}
	return cidrs, name, limit, trusted, !diags.HasError()
}
