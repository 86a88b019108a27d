package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/target"
)

// The fit and fit_report functions and the azureiprange_fit data source share one
// implementation: fitRun, the report's fields and their documentation.

// argTarget names the consumer in fit's arguments.
const argTarget = "target"

// fitArgumentPosition is each argument's position in the functions' parameter list; the data
// source's limit has none.
var fitArgumentPosition = map[string]int64{argCIDRs: 0, argTarget: 1, argTrusted: 2}

// fitArgs are the arguments of a fit, checked and parsed.
type fitArgs struct {
	compactArgs // limit is 0 for the target's own
	target      target.Target
	cidrTexts   []string // the elements of cidrs as given, for messages
}

// parseFitArgs checks and parses the arguments; limit is nil when not given (functions never
// give it). Like parseCompactArgs it is cheap, for validate time.
func parseFitArgs(cidrs []*string, targetName *string, limit *big.Float, trusted []*string) (fitArgs, *compactArgumentError) {
	var a fitArgs
	if targetName == nil {
		return a, &compactArgumentError{argTarget, "target must be one of " + quoteTargets() + ", got null"}
	}
	t, err := target.Lookup(*targetName)
	if err != nil {
		return a, &compactArgumentError{argTarget, err.Error()}
	}
	a.target = t
	var aerr *compactArgumentError
	if limit != nil {
		if a.limit, aerr = limitValue(limit); aerr != nil {
			return a, aerr
		}
	}
	if a.cidrs, aerr = parseList(argCIDRs, cidrs); aerr != nil {
		return a, aerr
	}
	a.cidrTexts = make([]string, len(cidrs))
	for i, c := range cidrs {
		a.cidrTexts[i] = *c
	}
	a.trusted, aerr = parseList(argTrusted, trusted)
	return a, aerr
}

// fitRun checks the arguments and fits the list to the target.
func fitRun(ctx context.Context, cidrs []*string, targetName *string, limit *big.Float, trusted []*string) (target.Fitted, target.Target, *compactArgumentError) {
	a, aerr := parseFitArgs(cidrs, targetName, limit, trusted)
	if aerr != nil {
		return target.Fitted{}, a.target, aerr
	}
	fitted, err := a.target.Fit(ctx, a.cidrs, a.limit, a.trusted)
	if err == nil {
		return fitted, a.target, nil
	}
	// A refused result is the limit's doing: the data source's limit when it set one, else
	// the target's.
	limitArgument := argTarget
	if limit != nil {
		limitArgument = argLimit
	}
	var (
		element *target.ElementError
		result  *target.ResultError
		whole   *cidrset.WholeFamilyError
	)
	switch {
	case errors.As(err, &element):
		return target.Fitted{}, a.target, &compactArgumentError{argCIDRs,
			fmt.Sprintf("element %d (%q): %s", element.Index, a.cidrTexts[element.Index], element.Reason)}
	case errors.As(err, &whole) && !whole.InputCoversAll:
		return target.Fitted{}, a.target, &compactArgumentError{limitArgument,
			fmt.Sprintf("the %s target (limit %d): %s", a.target.Name, cmp.Or(a.limit, a.target.Limit), err)}
	case errors.As(err, &result):
		return target.Fitted{}, a.target, &compactArgumentError{limitArgument, fmt.Sprintf("the %s target: %s", a.target.Name, err)}
	default:
		return target.Fitted{}, a.target, &compactArgumentError{argCIDRs, err.Error()}
	}
}

// quoteTargets lists the target names for messages and documentation.
func quoteTargets() string {
	names := target.Names()
	for i, n := range names {
		names[i] = "`" + n + "`"
	}
	return strings.Join(names, ", ")
}

// fitCounts are the results of a fit that fit_report returns and the data source exposes
// as computed attributes, besides the target and the limit.
type fitCounts struct {
	Entries               []string     `tfsdk:"entries"`
	Consumer              types.String `tfsdk:"consumer"`
	InputCount            types.Int64  `tfsdk:"input_count"`
	MergedCount           types.Int64  `tfsdk:"merged_count"`
	OutputCount           types.Int64  `tfsdk:"output_count"`
	InputAddresses        types.Number `tfsdk:"input_addresses"`
	ExtraAddresses        types.Number `tfsdk:"extra_addresses"`
	UntrustedExtra        types.Number `tfsdk:"untrusted_extra_addresses"`
	LargestEntryAddresses types.Number `tfsdk:"largest_entry_addresses"`
}

// newFitCounts converts a fit's result.
func newFitCounts(t target.Target, f target.Fitted) fitCounts {
	return fitCounts{
		Entries:               f.Entries,
		Consumer:              types.StringValue(t.Consumer),
		InputCount:            types.Int64Value(int64(f.Report.InputCount)),
		MergedCount:           types.Int64Value(int64(f.Report.MergedCount)),
		OutputCount:           types.Int64Value(int64(f.Report.OutputCount)),
		InputAddresses:        bigNumber(f.Report.InputAddresses),
		ExtraAddresses:        bigNumber(f.Report.ExtraAddresses),
		UntrustedExtra:        bigNumber(f.Report.UntrustedExtraAddresses),
		LargestEntryAddresses: bigNumber(f.Report.LargestEntryAddresses),
	}
}

// fitCountDocs describes each field of fitCounts but entries once, for the function's
// documentation and the data source's schema; number marks counts that may exceed 64 bits.
var fitCountDocs = []struct {
	name, description string
	number            bool
}{
	{"consumer", "The azurerm resource and argument the entries are for.", false},
	{"input_count", "Elements in `cidrs`, as given.", false},
	{"merged_count", "Entries of the target's shape that hold `cidrs` exactly (a `/31` counts twice for " +
		"`storage_account`, touching prefixes once for `sql_server`). `merged_count <= limit` means nothing was added.", false},
	{"output_count", "Entries in the result.", false},
	{"input_addresses", "Addresses covered by `cidrs`.", true},
	{"extra_addresses", "Addresses the entries admit that `cidrs` does not contain.", true},
	{"untrusted_extra_addresses", "Extra addresses outside `trusted` too: the ones that widen the list beyond " +
		"the space you trust, such as hosts on the internet. Equals `extra_addresses` without `trusted`.", true},
	{"largest_entry_addresses", "Addresses in the largest entry, to refuse a plan whose entries grow too wide.", true},
}

// fitReportTypes is the attribute type of each field of fit_report's object.
func fitReportTypes() map[string]attr.Type {
	out := map[string]attr.Type{
		"entries": types.ListType{ElemType: types.StringType}, argTarget: types.StringType, argLimit: types.Int64Type,
	}
	for _, c := range fitCountDocs {
		switch {
		case c.name == "consumer":
			out[c.name] = types.StringType
		case c.number:
			out[c.name] = types.NumberType
		default:
			out[c.name] = types.Int64Type
		}
	}
	return out
}

// fitTargetDocs lists the targets as a Markdown table, generated from internal/target.
func fitTargetDocs() string {
	var b strings.Builder
	b.WriteString("| target | consumer (azurerm) | limit | entries |\n|---|---|---|---|\n")
	for _, t := range target.All() {
		fmt.Fprintf(&b, "| `%s` | `%s` | %d | %s |\n", t.Name, t.Consumer, t.Limit, shapeDocs[t.Shape])
	}
	return b.String()
}

// shapeDocs says how each shape writes an entry.
var shapeDocs = map[target.Shape]string{
	target.CIDR:    "`a.b.c.d/n`",
	target.Storage: "`a.b.c.d` for one address, `a.b.c.d/n` with n ≤ 30 otherwise (never a `/31`)",
	target.Range:   "`first-last`, such as `20.38.64.0-20.38.95.255`",
}

// fitDocs explains the computation in full, for every page that documents it.
var fitDocs = "Returns at most the target's limit of entries, **in the consumer's own syntax**, that cover every " +
	"address of `cidrs`, at the same exact optimum as `compact`: the fewest addresses outside `cidrs` and `trusted`, " +
	"then the fewest extra addresses, then the fewest entries, under the target's rules. Deterministic, sorted by address.\n\n" +
	fitTargetDocs() + "\n" +
	"A `storage_account` entry is never a `/31`: a `/31` costs two single-address entries or widens to its `/30`, " +
	"and the optimisation decides. `sql_server` entries are ranges, which close a gap of any size, so they need far " +
	"less widening than prefixes; split one with `split(\"-\", each.value)` for `start_ip_address` and `end_ip_address`. " +
	"`fit(x, \"aks\", t)` equals `compact(x, 200, t)`. The [fit guide](../guides/fit.md) has each target's sources " +
	"and what each limit costs the Azure DevOps geographies.\n\n" +
	"**Fails closed**, per target: an empty `cidrs`; a result covering every unicast address of the family (anything " +
	"narrower is your call: guard it with a `precondition` on `fit_report`'s `largest_entry_addresses` or " +
	"`untrusted_extra_addresses`); an " +
	"element the consumer cannot take (IPv6: every target takes IPv4 only, so pass `ipv4_cidrs`; a private or " +
	"special-purpose range for `storage_account` and `key_vault`, which take public addresses only); a consumer's " +
	"sentinel in the input or the result (`0.0.0.0/32` means \"only the cluster's own egress IP\" to AKS, " +
	"`0.0.0.0-0.0.0.0` \"allow every Azure service of every tenant\" to a SQL server); a `trusted` element that the " +
	"service tags file's plausibility gate would refuse, or a `trusted` list wider than about three times the " +
	"AzureCloud tag; an unknown target (the message lists the targets and the " +
	"closest names). Errors name the argument and the element."
