package cidrset

// A cover's cost is compared lexicographically: addresses outside the input and the trusted
// set first, then all addresses outside the input, then entries (see the package comment).
// There is one cost type per family so that the hot loop, conv4 or conv6, adds and
// compares plain integers.

// cost4 is an IPv4 cost: untrusted extra addresses in the high 32 bits of addrs, all
// extra addresses in its low 32 bits. A cover's extra addresses lie in one IPv4 space
// outside a non-empty input, so both stay below 2^32 and sums never carry between them:
// comparing addrs compares the first two criteria in order.
type cost4 struct {
	addrs, entries uint64
}

// whole4 is the cost of one IPv4 prefix with the given untrusted and total extra addresses.
func whole4(untrusted, extra u128) cost4 {
	return cost4{addrs: untrusted.lo<<32 | extra.lo, entries: 1}
}

func (a cost4) add(b cost4) cost4 {
	return cost4{addrs: a.addrs + b.addrs, entries: a.entries + b.entries}
}

func (a cost4) less(b cost4) bool {
	return a.addrs < b.addrs || (a.addrs == b.addrs && a.entries < b.entries)
}

// cost6 is the general (IPv6) cost.
type cost6 struct {
	untrusted, extra u128
	entries          uint32
}

// whole6 is the cost of one IPv6 prefix with the given untrusted and total extra addresses.
func whole6(untrusted, extra u128) cost6 {
	return cost6{untrusted: untrusted, extra: extra, entries: 1}
}

func (a cost6) add(b cost6) cost6 {
	return cost6{untrusted: a.untrusted.add(b.untrusted), extra: a.extra.add(b.extra), entries: a.entries + b.entries}
}

func (a cost6) less(b cost6) bool {
	if a.untrusted != b.untrusted {
		return a.untrusted.less(b.untrusted)
	}
	if a.extra != b.extra {
		return a.extra.less(b.extra)
	}
	return a.entries < b.entries
}

// conv4 lowers tab[i+j-1] to a[i-1]+b[j-1] wherever that is cheaper, recording i in ch,
// for the rows i > from of a (the caller passes a in chunks, see solver.table).
// Tables are non-increasing in the budget, so "exactly i+j = k" equals "at most k".
// Strict comparison keeps the smallest left budget on ties, so the output is deterministic.
func conv4(a, b, tab []cost4, ch []int32, from int) {
	c := len(tab)
	for i := from + 1; i <= len(a); i++ {
		ai := a[i-1]
		jmax := min(len(b), c-i)
		row := tab[i : i+jmax] // row[j-1] is tab[i+j-1]
		cr := ch[i : i+jmax]
		for j, bj := range b[:jmax] {
			if s := ai.add(bj); s.less(row[j]) {
				row[j] = s
				cr[j] = int32(i)
			}
		}
	}
}

// conv6 is conv4 for IPv6 costs. It is the same loop: a generic one would call add and
// less indirectly (Go does not inline methods of a type parameter) and ran IPv4 at half speed.
func conv6(a, b, tab []cost6, ch []int32, from int) {
	c := len(tab)
	for i := from + 1; i <= len(a); i++ {
		ai := a[i-1]
		jmax := min(len(b), c-i)
		row := tab[i : i+jmax]
		cr := ch[i : i+jmax]
		for j, bj := range b[:jmax] {
			if s := ai.add(bj); s.less(row[j]) {
				row[j] = s
				cr[j] = int32(i)
			}
		}
	}
}
