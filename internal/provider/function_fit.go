package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/target"
)

var _ function.Function = (*fitFunction)(nil)

// NewFitFunction returns the fit function: an optimal cover of a prefix list in the syntax and
// within the limit of one Azure consumer.
func NewFitFunction() function.Function {
	return &fitFunction{}
}

// NewFitReportFunction returns the fit_report function: fit plus figures on what it cost.
func NewFitReportFunction() function.Function {
	return &fitFunction{report: true}
}

// fitFunction implements provider::azureiprange::fit, and fit_report when report is set.
type fitFunction struct {
	report bool
}

// fitReport is fit_report's result object.
type fitReport struct {
	Target types.String `tfsdk:"target"`
	Limit  types.Int64  `tfsdk:"limit"`
	fitCounts
}

// Metadata names the function.
func (f *fitFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "fit"
	if f.report {
		resp.Name = "fit_report"
	}
}

// Definition describes the parameters, the result and the documentation.
func (f *fitFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Fit a CIDR list to an Azure consumer's limit and syntax, admitting the fewest untrusted addresses",
		Description: "Returns at most the target's limit of entries in the consumer's syntax covering every address of cidrs, " +
			"admitting the fewest addresses outside cidrs and trusted, then the fewest extra addresses, then the fewest entries.",
		MarkdownDescription: fitDocs + "\n\nTo see what the fit admitted, use `fit_report` or the `azureiprange_fit` data source.",
		Parameters:          fitParameters,
		VariadicParameter:   compactTrustedParameter,
		Return:              function.ListReturn{ElementType: types.StringType},
	}
	if !f.report {
		return
	}
	var list strings.Builder
	list.WriteString("- `entries` (list of string): the entries, exactly what `fit` returns.\n")
	list.WriteString("- `target` (string): the target, as given.\n")
	list.WriteString("- `limit` (number): the target's limit.\n")
	for _, c := range fitCountDocs {
		kind := "number"
		if c.name == "consumer" {
			kind = "string"
		}
		list.WriteString("- `" + c.name + "` (" + kind + "): " + c.description + "\n")
	}
	resp.Definition.Summary = "Fit a CIDR list like fit and report what the fit admitted"
	resp.Definition.Description = "Runs fit and returns an object: entries, target, consumer, limit, input_count, merged_count, " +
		"output_count, input_addresses, extra_addresses, untrusted_extra_addresses and largest_entry_addresses."
	resp.Definition.MarkdownDescription = "Runs the same computation as `fit` and returns the entries with figures " +
		"describing their cost, for outputs, `check` blocks and preconditions (for example, refuse a plan whose " +
		"`untrusted_extra_addresses` grows past a budget).\n\n" + fitDocs +
		"\n\nThe result object has these attributes:\n\n" + list.String()
	resp.Definition.Return = function.ObjectReturn{AttributeTypes: fitReportTypes()}
}

// Run fits the list, and for fit_report builds the report object.
func (f *fitFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var (
		cidrs      []*string
		targetName *string
		trusted    [][]*string
	)
	if resp.Error = req.Arguments.Get(ctx, &cidrs, &targetName, &trusted); resp.Error != nil {
		return
	}
	if len(trusted) > 1 {
		resp.Error = function.NewArgumentFuncError(fitArgumentPosition[argTrusted], fmt.Sprintf(
			"trusted takes at most one list, got %d; pass their union as one list, such as concat(a, b)", len(trusted)))
		return
	}
	var trust []*string
	if len(trusted) == 1 {
		trust = trusted[0]
	}
	fitted, t, aerr := fitRun(ctx, cidrs, targetName, nil, trust)
	if aerr != nil {
		resp.Error = function.NewArgumentFuncError(fitArgumentPosition[aerr.argument], aerr.message)
		return
	}
	if !f.report {
		resp.Error = resp.Result.Set(ctx, fitted.Entries)
		return
	}
	obj, diags := types.ObjectValueFrom(ctx, fitReportTypes(), fitReport{
		Target:    types.StringValue(t.Name),
		Limit:     types.Int64Value(int64(fitted.Limit)),
		fitCounts: newFitCounts(t, fitted),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}

// fitParameters are the parameters of fit and fit_report before the variadic trusted list.
var fitParameters = []function.Parameter{
	function.ListParameter{
		Name:        argCIDRs,
		ElementType: types.StringType,
		Description: "IPv4 prefixes in CIDR notation, or bare addresses; not empty.",
		MarkdownDescription: "IPv4 prefixes in CIDR notation (`20.38.64.0/19`) or bare addresses (`20.1.2.3`); not empty. " +
			"Host bits are cleared; duplicates and overlaps are fine. Every target takes IPv4 only: pass `ipv4_cidrs`.",
	},
	function.StringParameter{
		Name:                argTarget,
		Description:         "The consumer: " + strings.Join(target.Names(), ", ") + ".",
		MarkdownDescription: "The consumer whose limit and syntax the entries follow: " + quoteTargets() + ".",
	},
}
