package cidrset

import (
	"math/bits"
	"net/netip"
)

// cost is the quality of a partial cover: extra addresses first, then entries used.
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

// leafTable is the cost table of every leaf: one entry, nothing extra. It is shared and
// never written.
var leafTable = []cost{{entries: 1}}

// solver runs the dynamic program of Compact over one trie.
//
// For each node v and budget k (1 <= k <= min(limit, leaves below v)), table[k-1] is the
// best cost of covering v's leaves with at most k prefixes inside v. A cover either takes
// v whole (one prefix) or splits the budget between the children (a min-plus convolution).
// Only trie nodes need considering: any prefix of an optimal cover can shrink to the
// smallest prefix holding the leaves it covers, which is a trie node, without adding
// addresses. Tables are recycled once their parent is done; only the chosen split per
// node and budget is kept, for reconstruction.
type solver struct {
	t      *trie
	limit  int
	choice [][]int32    // choice[v-len(leaves)][k-1]: budget given to the left child; 0 = whole
	arena  []int32      // backing store for choice
	free   [65][][]cost // recycled tables by size class: class c holds capacity 2^c-1
	nLeaf  int
}

// solve returns the optimal cover of merged (sorted, disjoint, one family, more than
// limit entries) and its extra-address count.
func solve(merged []netip.Prefix, limit int) ([]netip.Prefix, u128) {
	t := buildTrie(merged)
	s := &solver{t: t, limit: limit, nLeaf: len(merged)}
	s.choice = make([][]int32, len(t.nodes)-len(merged))
	total := 0
	for v := len(merged); v < len(t.nodes); v++ {
		total += min(int(t.nodes[v].leaves), limit)
	}
	s.arena = make([]int32, total)
	root := s.table(t.root)
	k := min(int(t.nodes[t.root].leaves), limit)
	best := root[k-1]
	out := make([]netip.Prefix, 0, best.entries)
	out = s.emit(out, t.root, k)
	return out, best.extra
}

// table computes node v's cost table, recursively. Depth is bounded by the address width.
func (s *solver) table(v int32) []cost {
	n := &s.t.nodes[v]
	if n.left < 0 {
		return leafTable
	}
	a := s.table(n.left)
	b := s.table(n.right)
	c := min(int(n.leaves), s.limit)
	tab := s.get(c)
	ch := s.arena[:c:c]
	s.arena = s.arena[c:]
	s.choice[int(v)-s.nLeaf] = ch

	// Taking v whole uses one entry; any split uses at least two, so on equal extra the
	// whole prefix always wins and results stay canonical.
	whole := cost{extra: n.wholeExtra, entries: 1}
	for k := range tab {
		tab[k] = whole
		ch[k] = 0
	}
	// Tables are non-increasing in the budget, so "exactly i + j = k" equals "at most k".
	// Strict comparison keeps the smallest left budget on ties: deterministic output.
	for i := 1; i <= len(a); i++ {
		ai := a[i-1]
		jmax := min(len(b), c-i)
		for j := 1; j <= jmax; j++ {
			bj := b[j-1]
			sum := cost{extra: ai.extra.add(bj.extra), entries: ai.entries + bj.entries}
			if sum.less(tab[i+j-1]) {
				tab[i+j-1] = sum
				ch[i+j-1] = int32(i)
			}
		}
	}
	s.put(a)
	s.put(b)
	return tab
}

// emit appends, in address order, the prefixes chosen for node v under budget k.
func (s *solver) emit(out []netip.Prefix, v int32, k int) []netip.Prefix {
	n := &s.t.nodes[v]
	if n.left < 0 {
		return append(out, s.t.prefixOf(n))
	}
	i := int(s.choice[int(v)-s.nLeaf][k-1])
	if i == 0 {
		return append(out, s.t.prefixOf(n))
	}
	out = s.emit(out, n.left, i)
	return s.emit(out, n.right, k-i)
}

// get returns a table of length c, reusing a recycled one of the same size class.
func (s *solver) get(c int) []cost {
	class := bits.Len(uint(c))
	if f := s.free[class]; len(f) > 0 {
		t := f[len(f)-1]
		s.free[class] = f[:len(f)-1]
		return t[:c]
	}
	return make([]cost, c, 1<<class-1)
}

// put recycles a table that is no longer needed; the shared leaf table is never recycled.
func (s *solver) put(t []cost) {
	if &t[0] == &leafTable[0] {
		return
	}
	class := bits.Len(uint(cap(t)))
	s.free[class] = append(s.free[class], t)
}
