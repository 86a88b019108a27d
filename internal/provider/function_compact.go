package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
)

var _ function.Function = (*compactFunction)(nil)

// NewCompactFunction returns the compact function: an optimal lossy cover of a prefix list
// within an entry limit.
func NewCompactFunction() function.Function {
	return &compactFunction{}
}

// NewCompactReportFunction returns the compact_report function: compact plus figures on
// what the compaction cost.
func NewCompactReportFunction() function.Function {
	return &compactFunction{report: true}
}

// compactFunction implements provider::azureiprange::compact, and compact_report when report
// is set: one computation with the same parameters, returning the list or the list with its
// figures.
type compactFunction struct {
	report bool
}

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
func (f *compactFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "compact"
	if f.report {
		resp.Name = "compact_report"
	}
}

// Definition describes the parameters, the result and the documentation.
func (f *compactFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Shrink a CIDR list to at most limit prefixes, admitting the fewest untrusted addresses",
		Description: "Returns at most limit CIDR prefixes covering every address of cidrs while admitting the fewest " +
			"addresses outside cidrs and trusted, then the fewest extra addresses, then the fewest entries (the exact optimum).",
		MarkdownDescription: "Returns at most `limit` CIDR prefixes that cover every address in `cidrs`, admitting the " +
			"fewest other addresses, and of those the fewest outside `trusted`.\n\n" + compactDocs + "\n\n" +
			"To see what the compaction admitted, use `compact_report` or the `azureiprange_compact` data source.",
		Parameters:        compactParameters,
		VariadicParameter: compactTrustedParameter,
		Return:            function.ListReturn{ElementType: types.StringType},
	}
	if !f.report {
		return
	}
	var list strings.Builder
	list.WriteString("- `cidrs` (list of string): the compacted list, exactly what `compact` returns.\n")
	for _, c := range compactCountDocs {
		list.WriteString("- `" + c.name + "` (number): " + c.description + "\n")
	}
	resp.Definition.Summary = "Compact a CIDR list like compact and report what the compaction admitted"
	resp.Definition.Description = "Runs compact and returns an object: cidrs (the result), input_count, merged_count, output_count, " +
		"input_addresses, extra_addresses, untrusted_extra_addresses and widest_prefix_length. " +
		"merged_count <= limit means the result is lossless."
	resp.Definition.MarkdownDescription = "Runs the same optimal compaction as `compact` and returns the result with figures " +
		"describing its cost, for outputs, `check` blocks and preconditions (for example, refuse a plan whose " +
		"`widest_prefix_length` is below 16 or whose `untrusted_extra_addresses` grows past a budget).\n\n" +
		compactDocs + "\n\nThe result object has these attributes:\n\n" + list.String()
	resp.Definition.Return = function.ObjectReturn{AttributeTypes: compactReportTypes()}
}

// Run compacts the list, and for compact_report builds the report object.
func (f *compactFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	rep, ferr := runCompactFunction(ctx, req)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if !f.report {
		resp.Error = resp.Result.Set(ctx, cidrset.Strings(rep.Prefixes))
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

// Parameters shared by compact and compact_report.
var (
	compactParameters = []function.Parameter{
		function.ListParameter{
			Name:        argCIDRs,
			ElementType: types.StringType,
			Description: "IPv4 or IPv6 prefixes in CIDR notation, or bare addresses, all of one family; not empty.",
			MarkdownDescription: "IPv4 **or** IPv6 prefixes in CIDR notation (`10.0.0.0/8`), or bare addresses " +
				"(`1.2.3.4` means `1.2.3.4/32`), all of one family; not empty. Host bits are cleared; duplicates and " +
				"overlaps are fine.",
		},
		// A number parameter rather than Int64Parameter: the framework's own message for 1.5 or
		// 1e30 reads like a provider bug, ours says what a valid limit is.
		function.NumberParameter{
			Name:                argLimit,
			Description:         "Maximum number of prefixes in the result; at least 1.",
			MarkdownDescription: "Maximum number of prefixes in the result; at least 1 (for example 200 for AKS authorized IP ranges).",
		},
	}
	compactTrustedParameter = function.ListParameter{
		Name:        argTrusted,
		ElementType: types.StringType,
		Description: "Optional, at most one list: address space whose admission costs less, such as the AzureCloud tag.",
		MarkdownDescription: "Optional, at most one list: prefixes or addresses whose admission costs less, typically " +
			"the whole cloud (`data.azureiprange_service_tags.<x>.address_prefixes` with `names = [\"AzureCloud\"]`). " +
			"Either family; only the input's family counts.",
	}
)

// runCompactFunction reads the arguments of compact or compact_report and compacts.
func runCompactFunction(ctx context.Context, req function.RunRequest) (cidrset.Report, *function.FuncError) {
	var (
		cidrs   []*string
		limit   *big.Float
		trusted [][]*string
	)
	if ferr := req.Arguments.Get(ctx, &cidrs, &limit, &trusted); ferr != nil {
		return cidrset.Report{}, ferr
	}
	if len(trusted) > 1 {
		return cidrset.Report{}, function.NewArgumentFuncError(argumentPosition[argTrusted], fmt.Sprintf(
			"trusted takes at most one list, got %d; pass their union as one list, such as concat(a, b)", len(trusted)))
	}
	var trust []*string
	if len(trusted) == 1 {
		trust = trusted[0]
	}
	rep, aerr := compactRun(ctx, cidrs, limit, trust)
	if aerr != nil {
		return cidrset.Report{}, function.NewArgumentFuncError(argumentPosition[aerr.argument], aerr.message)
	}
	return rep, nil
}
