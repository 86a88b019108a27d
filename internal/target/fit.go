package target

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/suggest"
)

// UnknownError is returned by Lookup for a name that is no target.
type UnknownError struct {
	Name string
}

// Error names the value, the closest targets and all of them.
func (e *UnknownError) Error() string {
	msg := fmt.Sprintf("unknown target %q", e.Name)
	if closest := suggest.Closest(e.Name, Names(), 3); len(closest) > 0 {
		msg += "; did you mean " + suggest.Quote(closest) + "?"
	}
	return msg + " The targets are " + suggest.Quote(Names())
}

// Lookup returns the target of that name; names are lower case, as documented.
func Lookup(name string) (Target, error) {
	for _, t := range targets {
		if t.Name == name {
			return t, nil
		}
	}
	return Target{}, &UnknownError{Name: name}
}

// ElementError is an input element that the consumer cannot take.
type ElementError struct {
	// Index is the element's position in the input, from 0.
	Index int
	// Reason says why, naming the consumer's rule.
	Reason string
}

// Error formats the error as "element 2: reason".
func (e *ElementError) Error() string {
	return fmt.Sprintf("element %d: %s", e.Index, e.Reason)
}

// ResultError is a result that the consumer must not be given: the optimum under the
// limit reaches addresses the consumer refuses, or is its sentinel.
type ResultError struct {
	Reason string
}

// Error returns the reason.
func (e *ResultError) Error() string { return e.Reason }

// Fitted is the result of Fit.
type Fitted struct {
	// Entries are the entries in the consumer's syntax, sorted by address.
	Entries []string
	// Limit is the limit the entries were fitted to.
	Limit int
	// Report holds the computation's figures.
	Report cidrset.Report
}

// Fit returns at most limit entries (0: the target's limit) in the consumer's syntax that
// cover every address of cidrs, at the exact optimum of cidrset.Cover for the target's
// shape: the fewest addresses outside cidrs and trusted, then the fewest extra addresses,
// then the fewest entries. Besides cidrset's errors, it refuses an element the consumer
// cannot take (*ElementError) and a result it must not be given (*ResultError).
func (t Target) Fit(ctx context.Context, cidrs []netip.Prefix, limit int, trusted []netip.Prefix) (Fitted, error) {
	if limit == 0 {
		limit = t.Limit
	}
	for i, p := range cidrs {
		if reason := t.refuses(p); reason != "" {
			return Fitted{}, &ElementError{Index: i, Reason: reason}
		}
	}
	rep, err := cidrset.Cover(ctx, cidrs, limit, trusted, t.Shape.cover())
	if err != nil {
		return Fitted{}, err
	}
	entries := t.format(rep)
	for i, e := range entries {
		if e == t.Sentinel {
			return Fitted{}, &ResultError{fmt.Sprintf("the result's entry %d would be %s, which to %s means %s",
				i, e, t.Consumer, t.SentinelMeaning)}
		}
	}
	if t.PublicOnly {
		for _, p := range rep.Prefixes {
			if why := servicetags.SpecialPurpose(p); why != "" {
				return Fitted{}, &ResultError{fmt.Sprintf("fitting to %d entries would write %s, but %s takes public "+
					"addresses only: %s; pass trusted or a larger limit so that the entries stay narrower",
					limit, p, t.Consumer, why)}
			}
		}
	}
	return Fitted{Entries: entries, Limit: limit, Report: rep}, nil
}

// refuses says why the consumer cannot take prefix p as part of its input, or "".
func (t Target) refuses(p netip.Prefix) string {
	switch {
	case !p.Addr().Is4():
		return fmt.Sprintf("%s is IPv6, and the %s target (%s) takes IPv4 only; pass the ipv4_cidrs attribute "+
			"of azureiprange_service_tags or azureiprange_devops_geography", p, t.Name, t.Consumer)
	case t.Sentinel != "" && p == t.sentinelPrefix():
		return fmt.Sprintf("%s is the address of the %s target's sentinel %s, which to %s means %s; "+
			"an allow-list of addresses must not contain it", p.Addr(), t.Name, t.Sentinel, t.Consumer, t.SentinelMeaning)
	case t.PublicOnly:
		if why := servicetags.SpecialPurpose(p); why != "" {
			return fmt.Sprintf("the %s target (%s) takes public addresses only: %s", t.Name, t.Consumer, why)
		}
	}
	return ""
}

// format writes the report's entries in the consumer's syntax.
func (t Target) format(rep cidrset.Report) []string {
	if t.Shape == Range {
		out := make([]string, len(rep.Ranges))
		for i, r := range rep.Ranges {
			out[i] = r.String()
		}
		return out
	}
	out := make([]string, len(rep.Prefixes))
	for i, p := range rep.Prefixes {
		if t.Shape == Storage && p.IsSingleIP() {
			out[i] = p.Addr().String()
		} else {
			out[i] = p.String()
		}
	}
	return out
}
