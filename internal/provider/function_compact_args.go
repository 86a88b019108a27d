package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
)

// Parameters shared by compact and compact_report.
var (
	compactCIDRsParameter = function.ListParameter{
		Name:        "cidrs",
		ElementType: types.StringType,
		Description: "IPv4 or IPv6 prefixes in CIDR notation, or bare addresses, all of one family.",
		MarkdownDescription: "IPv4 **or** IPv6 prefixes in CIDR notation (`10.0.0.0/8`), or bare addresses " +
			"(`1.2.3.4` means `1.2.3.4/32`), all of one family. Host bits are cleared; duplicates and " +
			"overlaps are fine.",
	}
	// A number parameter rather than Int64Parameter: the framework's own message for 1.5 or
	// 1e30 reads like a provider bug, ours says what a valid limit is.
	compactLimitParameter = function.NumberParameter{
		Name:                "limit",
		Description:         "Maximum number of prefixes in the result; at least 1.",
		MarkdownDescription: "Maximum number of prefixes in the result; at least 1 (for example 200 for AKS authorized IP ranges).",
	}
)

// compactDocs is the description shared by both functions' documentation, in Markdown.
const compactDocs = "The result is the **exact optimum**, not a heuristic: of all lists of at most `limit` " +
	"prefixes whose union contains every input address, it adds the fewest addresses that were not in " +
	"the input, and among those it has the fewest entries. It is sorted (IPv4 numerically), canonical " +
	"and deterministic. When the input merges losslessly into `limit` prefixes or fewer (duplicates, " +
	"nested and adjacent prefixes joined), that exact merge is returned and nothing is added.\n\n" +
	"Use it to fit an allow-list into a product limit: AKS accepts at most 200 authorized IP ranges, " +
	"EKS public access 40 CIDRs, GKE 50 master authorized networks, while one Azure region's service tag " +
	"alone holds hundreds of prefixes. The trade-off is that the extra addresses are allowed too.\n\n" +
	"Elements may be prefixes (`10.0.0.0/8`) or bare addresses (`1.2.3.4`, `2001:db8::1`); host bits " +
	"are cleared (`10.1.2.3/8` is `10.0.0.0/8`), surrounding spaces are ignored, and IPv4-mapped IPv6 " +
	"(`::ffff:1.2.3.4`) counts as IPv4. IPv6 zones (`fe80::1%eth0`) are rejected.\n\n" +
	"The list must hold one address family: IPv4 and IPv6 compete for the same budget otherwise, and the " +
	"optimum can spend nearly all of it on one family while widening the other to `0.0.0.0/0`. " +
	"Compact each family separately, each with its own limit. An empty list gives an empty result. " +
	"Errors name the offending element and its position; a null element or a `limit` below 1 is an error."

// compactInput holds the decoded, validated arguments of compact and compact_report.
type compactInput struct {
	report  cidrset.Report
	unknown bool // some element is unknown: the result must be unknown too
}

// runCompactArgs reads cidrs and limit from the request and runs cidrset.Compact.
func runCompactArgs(ctx context.Context, req function.RunRequest) (compactInput, *function.FuncError) {
	var list types.List
	var limitArg *big.Float
	if err := req.Arguments.Get(ctx, &list, &limitArg); err != nil {
		return compactInput{}, err
	}
	limit, ferr := limitValue(limitArg)
	if ferr != nil {
		return compactInput{}, ferr
	}
	// Terraform skips the call when a whole argument is unknown, but a known list can still
	// hold unknown elements.
	if list.IsUnknown() {
		return compactInput{unknown: true}, nil
	}
	elems := list.Elements()
	texts := make([]string, len(elems))
	for i, e := range elems {
		s, ok := e.(types.String)
		switch {
		case !ok:
			return compactInput{}, function.NewArgumentFuncError(0, fmt.Sprintf("element %d is not a string", i))
		case s.IsUnknown():
			return compactInput{unknown: true}, nil
		case s.IsNull():
			return compactInput{}, function.NewArgumentFuncError(0, fmt.Sprintf("element %d is null; every element must be an IP address or CIDR prefix", i))
		}
		texts[i] = s.ValueString()
	}
	prefixes, err := cidrset.Parse(texts)
	if err != nil {
		return compactInput{}, function.NewArgumentFuncError(0, err.Error())
	}
	rep, err := cidrset.Compact(prefixes, limit)
	if err != nil { // mixed families: the message says to compact each family on its own
		return compactInput{}, function.NewArgumentFuncError(0, err.Error())
	}
	return compactInput{report: rep}, nil
}

// maxLimit bounds limit; any larger value means "no lossy compaction" for every real list.
const maxLimit = 1 << 30

// limitValue checks that limit is a whole number of at least 1.
func limitValue(limit *big.Float) (int, *function.FuncError) {
	if limit == nil {
		return 0, function.NewArgumentFuncError(1, "limit must be a whole number of at least 1, got null")
	}
	if !limit.IsInt() || limit.Sign() < 1 {
		return 0, function.NewArgumentFuncError(1, fmt.Sprintf("limit must be a whole number of at least 1, got %s", limit.Text('g', -1)))
	}
	if limit.Cmp(big.NewFloat(maxLimit)) > 0 {
		return maxLimit, nil
	}
	n, _ := limit.Int64()
	return int(n), nil
}
