package provider

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// The compact and compact_report functions and the azureiprange_compact data source share one
// implementation: the arguments below, compactRun, and the report's counts.

// Argument names, in the functions' parameter order.
const (
	argCIDRs   = "cidrs"
	argLimit   = "limit"
	argTrusted = "trusted"
)

// argumentPosition is each argument's position in the functions' parameter list.
var argumentPosition = map[string]int64{argCIDRs: 0, argLimit: 1, argTrusted: 2}

// compactArgumentError is a bad argument of a compaction, named so that functions and the data
// source can point at it.
type compactArgumentError struct {
	argument string
	message  string
}

// compactArgs are the arguments of a compaction, checked and parsed.
type compactArgs struct {
	cidrs, trusted []netip.Prefix
	limit          int
}

// parseCompactArgs checks and parses the arguments; null elements are nil pointers, trusted is
// nil when not given. It is cheap, so the data source runs it at validate time, while the
// compaction itself runs once, at read.
func parseCompactArgs(cidrs []*string, limit *big.Float, trusted []*string) (compactArgs, *compactArgumentError) {
	var a compactArgs
	var aerr *compactArgumentError
	if a.limit, aerr = limitValue(limit); aerr != nil {
		return a, aerr
	}
	if a.cidrs, aerr = parseList(argCIDRs, cidrs); aerr != nil {
		return a, aerr
	}
	a.trusted, aerr = parseList(argTrusted, trusted)
	return a, aerr
}

// compactRun checks the arguments and compacts.
func compactRun(ctx context.Context, cidrs []*string, limit *big.Float, trusted []*string) (cidrset.Report, *compactArgumentError) {
	a, aerr := parseCompactArgs(cidrs, limit, trusted)
	if aerr != nil {
		return cidrset.Report{}, aerr
	}
	rep, err := cidrset.Compact(ctx, a.cidrs, a.limit, a.trusted)
	if err != nil {
		argument := argCIDRs
		var whole *cidrset.WholeFamilyError
		if errors.As(err, &whole) && !whole.InputCoversAll {
			argument = argLimit // the message suggests a larger limit or trusted
		}
		return cidrset.Report{}, &compactArgumentError{argument, err.Error()}
	}
	return rep, nil
}

// parseList parses one list argument; errors name the element and its position.
func parseList(argument string, values []*string) ([]netip.Prefix, *compactArgumentError) {
	texts := make([]string, len(values))
	for i, v := range values {
		if v == nil {
			return nil, &compactArgumentError{argument, fmt.Sprintf("element %d is null; every element must be an IP address or CIDR prefix", i)}
		}
		texts[i] = *v
	}
	ps, err := cidrset.Parse(texts)
	if err != nil {
		return nil, &compactArgumentError{argument, err.Error()}
	}
	if argument == argTrusted {
		// A trusted list voids the report and steers the result when it holds space no
		// Microsoft file has carried: trusting 0.0.0.0/0 reads every extra address as trusted.
		for i, p := range ps {
			if why := servicetags.Implausible(p); why != "" {
				return nil, &compactArgumentError{argument, fmt.Sprintf("element %d (%q): %s; trusted is for space such as "+
					"Microsoft's AzureCloud tag, which the service tags file's plausibility gate accepts, and this is not",
					i, texts[i], why)}
			}
		}
		// Plausible pieces can still add up to most of the internet (every /12 but a few).
		ipv4, ipv6 := cidrset.Addresses(ps)
		for _, fam := range []struct {
			name       string
			have, most *big.Int
		}{{"IPv4", ipv4, maxTrustedIPv4}, {"IPv6", ipv6, maxTrustedIPv6}} {
			if fam.have.Cmp(fam.most) > 0 {
				return nil, &compactArgumentError{argument, fmt.Sprintf("the list covers %s %s addresses, more than the %s a "+
					"trusted list may hold: Microsoft's whole AzureCloud tag holds %s (2025-10-28 file), and trusting much more "+
					"makes untrusted_extra_addresses meaningless; trust Microsoft's space and your own networks only",
					fam.have, fam.name, fam.most, azureCloudSize[fam.name])}
			}
		}
	}
	return ps, nil
}

// The widest trusted list, per family: about three times the IPv4 and six times the IPv6
// addresses of the AzureCloud tag (47,777,112 IPv4 addresses and about 2^90.5 IPv6 ones on
// the 2025-10-28 file; 2^25.3 and 2^90.4 in 2024), room for growth and one's own networks.
var (
	maxTrustedIPv4 = new(big.Int).Lsh(big.NewInt(1), 27)
	maxTrustedIPv6 = new(big.Int).Lsh(big.NewInt(1), 93)
	azureCloudSize = map[string]string{"IPv4": "47,777,112", "IPv6": "about 2^90.5"}
)

// maxLimit bounds limit; any larger value means "no lossy compaction" for every real list.
const maxLimit = 1 << 30

// limitValue checks that limit is a whole number of at least 1.
func limitValue(limit *big.Float) (int, *compactArgumentError) {
	if limit == nil {
		return 0, &compactArgumentError{argLimit, "limit must be a whole number of at least 1, got null"}
	}
	if !limit.IsInt() || limit.Sign() < 1 {
		return 0, &compactArgumentError{argLimit, fmt.Sprintf("limit must be a whole number of at least 1, got %s", limit.Text('g', -1))}
	}
	if limit.Cmp(big.NewFloat(maxLimit)) > 0 {
		return maxLimit, nil
	}
	n, _ := limit.Int64()
	return int(n), nil
}

// compactCounts are the figures of a compaction that compact_report returns and the data
// source exposes as attributes.
type compactCounts struct {
	InputCount              types.Int64  `tfsdk:"input_count"`
	MergedCount             types.Int64  `tfsdk:"merged_count"`
	OutputCount             types.Int64  `tfsdk:"output_count"`
	InputAddresses          types.Number `tfsdk:"input_addresses"`
	ExtraAddresses          types.Number `tfsdk:"extra_addresses"`
	UntrustedExtraAddresses types.Number `tfsdk:"untrusted_extra_addresses"`
	WidestPrefixLength      types.Int64  `tfsdk:"widest_prefix_length"`
}

// compactCountDocs describes each count once, for the function's documentation and the data
// source's schema; number marks counts that may exceed 64 bits.
var compactCountDocs = []struct {
	name, description string
	number            bool
}{
	{"input_count", "Elements in `cidrs`, as given.", false},
	{"merged_count", "Prefixes after the lossless merge. `merged_count <= limit` means nothing was added.", false},
	{"output_count", "Prefixes in the result.", false},
	{"input_addresses", "Addresses covered by `cidrs` (exact, up to 2^128 for IPv6).", true},
	{"extra_addresses", "Addresses the result admits that `cidrs` does not contain (exact).", true},
	{"untrusted_extra_addresses", "Extra addresses outside `trusted` too: the ones that widen the list beyond " +
		"the space you trust, such as hosts on the internet. Equals `extra_addresses` without `trusted`.", true},
	{"widest_prefix_length", "The shortest prefix length in the result, to refuse a plan that would admit a `/8`.", false},
}

// compactCountTypes is the attribute type of each count.
func compactCountTypes() map[string]attr.Type {
	out := map[string]attr.Type{}
	for _, c := range compactCountDocs {
		out[c.name] = types.Int64Type
		if c.number {
			out[c.name] = types.NumberType
		}
	}
	return out
}

// newCompactCounts converts a report's figures.
func newCompactCounts(rep cidrset.Report) compactCounts {
	return compactCounts{
		InputCount:              types.Int64Value(int64(rep.InputCount)),
		MergedCount:             types.Int64Value(int64(rep.MergedCount)),
		OutputCount:             types.Int64Value(int64(rep.OutputCount)),
		InputAddresses:          bigNumber(rep.InputAddresses),
		ExtraAddresses:          bigNumber(rep.ExtraAddresses),
		UntrustedExtraAddresses: bigNumber(rep.UntrustedExtraAddresses),
		WidestPrefixLength:      types.Int64Value(int64(rep.WidestPrefixLength)),
	}
}

// bigNumber converts an address count to a Terraform number without rounding: SetInt
// picks a precision wide enough for the integer (2^128 needs 129 bits).
func bigNumber(n *big.Int) types.Number {
	return types.NumberValue(new(big.Float).SetInt(n))
}

// compactCriteriaDocs states what the computation optimises, for every page that documents it.
const compactCriteriaDocs = "The result is the **exact optimum**, not a heuristic. Of all lists of at most `limit` prefixes " +
	"whose union contains every input address, it has, in this order:\n\n" +
	"1. the fewest extra addresses outside the input and outside `trusted` (without `trusted`: the fewest extra addresses);\n" +
	"2. then the fewest extra addresses in total;\n" +
	"3. then the fewest entries.\n\n" +
	"It is canonical (no host bits), sorted numerically and deterministic. When the input merges losslessly into " +
	"`limit` prefixes or fewer (duplicates, nested and adjacent prefixes joined), that exact merge is returned and " +
	"nothing is added."

// compactDocs explains the computation in full, for the functions' documentation.
const compactDocs = compactCriteriaDocs + "\n\n" +
	"Use it to fit an allow-list into a product limit: AKS accepts at most 200 authorized IP ranges, EKS public " +
	"access 40 CIDRs, GKE 50 master authorized networks, while one Azure region's service tag alone holds hundreds " +
	"of prefixes. The extra addresses are allowed too; `trusted` says which extra addresses cost less.\n\n" +
	"**`trusted`** (optional, one list) is address space whose admission is cheap, typically the whole cloud: " +
	"`data.azureiprange_service_tags.<x>.address_prefixes` with `names = [\"AzureCloud\"]`. Azure DevOps agents " +
	"already come from any tenant's machines in their regions, so widening inside Microsoft's space is far cheaper " +
	"than widening into the internet. Measured on the 2025-10-28 file (IPv4, 200 entries), the non-Microsoft " +
	"addresses admitted fall from 2,293,346 to 814,797 for the United States geography, from 373,502 to 53,798 for " +
	"Europe and from 663,546 to 168,866 for Europe with its France fallback. Elements of either family are accepted; " +
	"only the input's family counts.\n\n" +
	"Elements may be prefixes (`10.0.0.0/8`) or bare addresses (`1.2.3.4`, `2001:db8::1`); host bits are cleared " +
	"(`10.1.2.3/8` is `10.0.0.0/8`), surrounding spaces are ignored, and IPv4-mapped IPv6 (`::ffff:1.2.3.4`) counts " +
	"as IPv4. IPv6 zones (`fe80::1%eth0`) are rejected.\n\n" +
	"**Fails closed.** An empty `cidrs` is an error: an empty `authorized_ip_ranges` disables the restriction and " +
	"opens the API server to every address. A result (or an input) that would cover every unicast address of the " +
	"family is an error that suggests a larger `limit` or `trusted`: IPv4 `0.0.0.0–223.255.255.255`, which " +
	"`0.0.0.0/0` covers and so do `0.0.0.0/1`, `128.0.0.0/2` and `192.0.0.0/3` together, and IPv6 `2000::/3`. " +
	"Anything narrower is your call: guard it with a `precondition` on `compact_report`'s `widest_prefix_length` " +
	"(or the data source's), such as `widest_prefix_length >= 12`. A `trusted` element that the service tags " +
	"file's plausibility gate would refuse (IPv4 shorter than `/12`, IPv6 shorter than `/32`, private or other " +
	"special-purpose space) is an error naming it, and so is a list whose union covers more than 2^27 IPv4 or 2^93 IPv6 " +
	"addresses (about three times the AzureCloud tag): trusting `0.0.0.0/0` would make every extra address read as trusted. " +
	"IPv4 and IPv6 mixed in `cidrs` is an error: one budget over both families degenerates, so compact each family " +
	"on its own. Errors name the argument and the offending element; a null element, a `limit` below 1 or not " +
	"whole, and a second `trusted` list are errors.\n\n" +
	"AKS's `0.0.0.0/32` sentinel (\"only the cluster's outbound IP\") belongs after compaction, appended with " +
	"`concat(compact(cidrs, 199, trusted), [\"0.0.0.0/32\"])` (199 leaves room for it within AKS's 200): compacted " +
	"together with real ranges it would be widened into other addresses."
