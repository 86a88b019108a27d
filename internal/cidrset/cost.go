package cidrset

// IPv4 costs are packed into one uint64: extra addresses in the high 32 bits, entries in
// the low 32. Extra addresses of disjoint IPv4 prefixes stay below 2^32 and entries below
// the number of prefixes, so sums never carry between the halves, and comparing the packed
// values compares (extra, entries) lexicographically in one instruction.

// whole64 is the packed cost of one prefix adding extra addresses.
func whole64(extra u128) uint64 {
	return extra.lo<<32 | 1
}

// conv64 lowers tab[i+j-1] to a[i-1]+b[j-1] wherever that is cheaper, recording i in ch.
// Tables are non-increasing in the budget, so "exactly i+j = k" equals "at most k".
// Strict comparison keeps the smallest left budget on ties, so the output is deterministic.
func conv64(a, b, tab []uint64, ch []int32) {
	c := len(tab)
	for i := 1; i <= len(a); i++ {
		ai := a[i-1]
		jmax := min(len(b), c-i)
		row := tab[i : i+jmax] // row[j-1] is tab[i+j-1]
		cr := ch[i : i+jmax]
		for j, bj := range b[:jmax] {
			if s := ai + bj; s < row[j] {
				row[j] = s
				cr[j] = int32(i)
			}
		}
	}
}

// cost is the general (IPv6) cost: extra addresses first, then entries used.
type cost struct {
	extra   u128
	entries uint32
}

// less orders costs lexicographically: fewer extra addresses, then fewer entries.
func (a cost) less(b cost) bool {
	if a.extra != b.extra {
		return a.extra.less(b.extra)
	}
	return a.entries < b.entries
}

// wholeCost is the cost of one prefix adding extra addresses.
func wholeCost(extra u128) cost {
	return cost{extra: extra, entries: 1}
}

// convCost is conv64 for the general cost type.
func convCost(a, b, tab []cost, ch []int32) {
	c := len(tab)
	for i := 1; i <= len(a); i++ {
		ai := a[i-1]
		jmax := min(len(b), c-i)
		row := tab[i : i+jmax]
		cr := ch[i : i+jmax]
		for j, bj := range b[:jmax] {
			if s := (cost{extra: ai.extra.add(bj.extra), entries: ai.entries + bj.entries}); s.less(row[j]) {
				row[j] = s
				cr[j] = int32(i)
			}
		}
	}
}
