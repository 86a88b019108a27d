package cidrset

import (
	"math/bits"
	"net/netip"
)

// solver runs the dynamic program of Compact over one trie.
//
// For each node v and budget k (1 <= k <= min(limit, leaves below v)), table[k-1] is the
// best cost (see cost.go) of covering v's leaves with at most k prefixes inside v. A cover
// either takes v whole (one prefix) or splits the budget between the children (a min-plus
// convolution of their tables); the package comment says why trie nodes suffice. Tables
// are recycled once their parent is done; only the chosen split per node and budget is
// kept, for reconstruction.
//
// T is the cost type, one per family, so that no big.Int is used per step.
type solver[T any] struct {
	t       *trie
	limit   int
	nLeaf   int
	choice  [][]int32 // choice[v-nLeaf][k-1]: budget given to the left child; 0 = whole
	arena   []int32   // backing store for choice
	free    [65][][]T // recycled tables by size class: class c holds capacity 2^c-1
	leaf    []T       // the shared, read-only table of every leaf: one entry, no extra
	whole   func(untrusted, extra u128) T
	conv    func(a, b, tab []T, ch []int32)
	input   addrSet  // the merged input: the leaves, in order
	allowed *addrSet // the merged input and trusted prefixes; nil when trusted adds nothing
}

// solve returns the optimal cover of merged (sorted, disjoint, one family, more than
// limit entries); input is the set of merged, allowed (when not nil) that of merged and
// the trusted prefixes of its family.
func solve(merged []netip.Prefix, limit int, input addrSet, allowed *addrSet) []netip.Prefix {
	t := buildTrie(merged)
	if t.width == 32 {
		s := &solver[cost4]{leaf: []cost4{{entries: 1}}, whole: whole4, conv: conv4, input: input, allowed: allowed}
		return s.run(t, len(merged), limit)
	}
	s := &solver[cost6]{leaf: []cost6{{entries: 1}}, whole: whole6, conv: conv6, input: input, allowed: allowed}
	return s.run(t, len(merged), limit)
}

// run solves the whole trie and rebuilds the chosen prefixes in address order.
func (s *solver[T]) run(t *trie, nLeaf, limit int) []netip.Prefix {
	s.t, s.limit, s.nLeaf = t, limit, nLeaf
	s.choice = make([][]int32, len(t.nodes)-nLeaf)
	total := 0
	for v := nLeaf; v < len(t.nodes); v++ {
		total += min(int(t.nodes[v].leaves), limit)
	}
	s.arena = make([]int32, total)
	k := min(int(t.nodes[t.root].leaves), limit)
	s.table(t.root)
	return s.emit(make([]netip.Prefix, 0, k), t.root, k)
}

// table computes node v's cost table, recursively. Depth is bounded by the address width.
func (s *solver[T]) table(v int32) []T {
	n := &s.t.nodes[v]
	if n.left < 0 {
		return s.leaf
	}
	a := s.table(n.left)
	b := s.table(n.right)
	c := min(int(n.leaves), s.limit)
	tab := s.get(c)
	ch := s.arena[:c:c]
	s.arena = s.arena[c:]
	s.choice[int(v)-s.nLeaf] = ch
	// Taking v whole uses one entry; any split uses at least two, so on equal addresses
	// the whole prefix always wins and results stay canonical.
	w := s.wholeCost(n)
	for k := range tab {
		tab[k] = w
		ch[k] = 0
	}
	s.conv(a, b, tab, ch)
	s.put(a)
	s.put(b)
	return tab
}

// wholeCost is the cost of covering node n by its own prefix.
func (s *solver[T]) wholeCost(n *node) T {
	first, last := n.addr, s.t.lastAddr(n)
	// The leaves below n are the input's ranges n.first to n.first+n.leaves-1. The size
	// of ::/0 wraps to 0, but the difference is exact (see addrSet).
	extra := last.sub(first).add(u128{lo: 1}).sub(s.input.sum(int(n.first), int(n.first+n.leaves)))
	untrusted := extra
	if s.allowed != nil {
		untrusted = s.allowed.outside(first, last)
	}
	return s.whole(untrusted, extra)
}

// emit appends, in address order, the prefixes chosen for node v under budget k.
func (s *solver[T]) emit(out []netip.Prefix, v int32, k int) []netip.Prefix {
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
func (s *solver[T]) get(c int) []T {
	class := bits.Len(uint(c))
	if f := s.free[class]; len(f) > 0 {
		t := f[len(f)-1]
		s.free[class] = f[:len(f)-1]
		return t[:c]
	}
	return make([]T, c, 1<<class-1)
}

// put recycles a table that is no longer needed; the shared leaf table is never recycled.
func (s *solver[T]) put(t []T) {
	if &t[0] == &s.leaf[0] {
		return
	}
	class := bits.Len(uint(cap(t)))
	s.free[class] = append(s.free[class], t)
}
