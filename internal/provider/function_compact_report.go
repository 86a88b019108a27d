package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
)

var _ function.Function = (*compactReportFunction)(nil)

// compactReportAttrTypes is the type of compact_report's result object.
var compactReportAttrTypes = map[string]attr.Type{
	"cidrs":                types.ListType{ElemType: types.StringType},
	"input_count":          types.NumberType,
	"merged_count":         types.NumberType,
	"output_count":         types.NumberType,
	"input_addresses":      types.NumberType,
	"extra_addresses":      types.NumberType,
	"widest_prefix_length": types.NumberType,
}

// NewCompactReportFunction returns the compact_report function: compact plus figures on
// what the compaction cost.
func NewCompactReportFunction() function.Function {
	return &compactReportFunction{}
}

// compactReportFunction implements provider::azureiprange::compact_report.
type compactReportFunction struct{}

// Metadata names the function.
func (f *compactReportFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "compact_report"
}

// Definition describes the parameters, the result and the documentation.
func (f *compactReportFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Compact a CIDR list like compact and report how many addresses were added",
		Description: "Runs compact and returns an object: cidrs (the result), input_count, merged_count, " +
			"output_count, input_addresses, extra_addresses and widest_prefix_length (null when cidrs is empty). " +
			"merged_count <= limit means the result is lossless.",
		MarkdownDescription: "Runs the same optimal compaction as `compact` and returns the result with figures " +
			"describing its cost, for outputs, `check` blocks and preconditions.\n\n" + compactDocs + "\n\n" +
			"The result object has these attributes:\n\n" +
			"- `cidrs` (list of string): the compacted list, exactly what `compact` returns.\n" +
			"- `input_count` (number): elements in the input list, as given.\n" +
			"- `merged_count` (number): prefixes after the lossless merge. `merged_count <= limit` means " +
			"nothing was added.\n" +
			"- `output_count` (number): length of `cidrs`.\n" +
			"- `input_addresses` (number): addresses covered by the input (exact, up to 2^128 for IPv6).\n" +
			"- `extra_addresses` (number): addresses allowed by `cidrs` that the input did not contain (exact).\n" +
			"- `widest_prefix_length` (number): the shortest prefix length in `cidrs`, handy to fail a plan " +
			"that would open a `/8`; null when `cidrs` is empty.",
		Parameters: []function.Parameter{compactCIDRsParameter, compactLimitParameter},
		Return:     function.ObjectReturn{AttributeTypes: compactReportAttrTypes},
	}
}

// Run compacts the list and builds the report object.
func (f *compactReportFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	in, ferr := runCompactArgs(ctx, req)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if in.unknown {
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(compactReportAttrTypes))
		return
	}
	rep := in.report
	cidrs, diags := types.ListValueFrom(ctx, types.StringType, cidrset.Strings(rep.Prefixes))
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	widest := types.NumberNull()
	if rep.WidestPrefixLength >= 0 {
		widest = intNumber(int64(rep.WidestPrefixLength))
	}
	obj, diags := types.ObjectValue(compactReportAttrTypes, map[string]attr.Value{
		"cidrs":                cidrs,
		"input_count":          intNumber(int64(rep.InputCount)),
		"merged_count":         intNumber(int64(rep.MergedCount)),
		"output_count":         intNumber(int64(rep.OutputCount)),
		"input_addresses":      bigNumber(rep.InputAddresses),
		"extra_addresses":      bigNumber(rep.ExtraAddresses),
		"widest_prefix_length": widest,
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}

// intNumber converts a count to a Terraform number.
func intNumber(n int64) types.Number {
	return types.NumberValue(new(big.Float).SetInt64(n))
}

// bigNumber converts an address count to a Terraform number without rounding: SetInt
// picks a precision wide enough for the integer (2^128 needs 129 bits).
func bigNumber(n *big.Int) types.Number {
	return types.NumberValue(new(big.Float).SetInt(n))
}
