package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
)

var _ function.Function = (*compactReportFunction)(nil)

// NewCompactReportFunction returns the compact_report function: compact plus figures on
// what the compaction cost.
func NewCompactReportFunction() function.Function {
	return &compactReportFunction{}
}

// compactReportFunction implements provider::azureiprange::compact_report.
type compactReportFunction struct{}

// compactReport is compact_report's result object.
type compactReport struct {
	CIDRs []string `tfsdk:"cidrs"`
	compactCounts
}

// compactReportTypes is the type of compact_report's result object.
func compactReportTypes() map[string]attr.Type {
	t := compactCountTypes()
	t["cidrs"] = types.ListType{ElemType: types.StringType}
	return t
}

// Metadata names the function.
func (f *compactReportFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "compact_report"
}

// Definition describes the parameters, the result and the documentation.
func (f *compactReportFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	var list strings.Builder
	list.WriteString("- `cidrs` (list of string): the compacted list, exactly what `compact` returns.\n")
	for _, c := range compactCountDocs {
		list.WriteString("- `" + c.name + "` (number): " + c.description + "\n")
	}
	resp.Definition = function.Definition{
		Summary: "Compact a CIDR list like compact and report what the compaction admitted",
		Description: "Runs compact and returns an object: cidrs (the result), input_count, merged_count, output_count, " +
			"input_addresses, extra_addresses, untrusted_extra_addresses and widest_prefix_length. " +
			"merged_count <= limit means the result is lossless.",
		MarkdownDescription: "Runs the same optimal compaction as `compact` and returns the result with figures " +
			"describing its cost, for outputs, `check` blocks and preconditions (for example, refuse a plan whose " +
			"`widest_prefix_length` is below 16 or whose `untrusted_extra_addresses` grows past a budget).\n\n" +
			compactDocs + "\n\nThe result object has these attributes:\n\n" + list.String(),
		Parameters:        compactParameters,
		VariadicParameter: compactTrustedParameter,
		Return:            function.ObjectReturn{AttributeTypes: compactReportTypes()},
	}
}

// Run compacts the list and builds the report object.
func (f *compactReportFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	rep, ferr := runCompactFunction(ctx, req)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	obj, diags := types.ObjectValueFrom(ctx, compactReportTypes(), compactReport{
		CIDRs:         cidrset.Strings(rep.Prefixes),
		compactCounts: newCompactCounts(rep),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}
