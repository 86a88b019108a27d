package provider

import (
	"context"

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

// compactFunction implements provider::azureiprange::compact.
type compactFunction struct{}

// Metadata names the function.
func (f *compactFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "compact"
}

// Definition describes the parameters, the result and the documentation.
func (f *compactFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Shrink a CIDR list to at most limit prefixes, adding the fewest possible addresses",
		Description: "Returns at most limit CIDR prefixes covering every address of cidrs while adding the fewest " +
			"possible other addresses (the exact optimum). Lossless when the merged list already fits. " +
			"All elements must be of one address family.",
		MarkdownDescription: "Returns at most `limit` CIDR prefixes that cover every address in `cidrs` while " +
			"adding the fewest possible other addresses.\n\n" + compactDocs + "\n\n" +
			"To see how many addresses were added, use `compact_report`.",
		Parameters: []function.Parameter{compactCIDRsParameter, compactLimitParameter},
		Return:     function.ListReturn{ElementType: types.StringType},
	}
}

// Run compacts the list.
func (f *compactFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	in, ferr := runCompactArgs(ctx, req)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if in.unknown {
		resp.Error = resp.Result.Set(ctx, types.ListUnknown(types.StringType))
		return
	}
	resp.Error = resp.Result.Set(ctx, cidrset.Strings(in.report.Prefixes))
}
