package cidrset

import (
	"context"
	"fmt"
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
// With avoid set, a node of that length cannot be taken as its own prefix: taking it whole
// means its parent-length prefix, which holds only its leaves when the node's trie parent
// is shorter still. When the trie parent has exactly that parent length, the widened
// prefix is the parent itself: it costs the same addresses as the parent taken whole and
// one entry more with the sibling's cover, so it never wins and no two chosen prefixes
// overlap (see the package comment's Shapes).
//
// T is the cost type, one per family, so that no big.Int is used per step.
type solver[T any] struct {
	ctx     context.Context
	err     error // the context's error once it ended; the tables are then meaningless
	t       *trie
	limit   int
	avoid   int // a prefix length the cover never uses; 0 for none
	nLeaf   int
	choice  [][]int32 // choice[v-nLeaf][k-1]: budget given to the left child; 0 = whole
	arena   []int32   // backing store for choice
	free    [65][][]T // recycled tables by size class: class c holds capacity 2^c-1
	leaf    []T       // the shared, read-only table of every leaf: one entry, no extra
	whole   func(untrusted, extra u128) T
	conv    func(a, b, tab []T, ch []int32, from int)
	input   addrSet  // the merged input: the leaves, in order
	allowed *addrSet // the merged input and trusted prefixes; nil when trusted adds nothing
}

// solve returns the optimal cover of leaves (sorted, disjoint, one family, more than limit
// entries, none of length avoid when it is set) by prefixes of any length but avoid;
// input is the set of the leaves, allowed (when not nil) that of the leaves and the
// trusted prefixes of their family. It fails only when ctx ends first.
func solve(ctx context.Context, leaves []netip.Prefix, limit int, input addrSet, allowed *addrSet, avoid int) ([]netip.Prefix, error) {
	t := buildTrie(leaves)
	if t.width == 32 {
		s := &solver[cost4]{ctx: ctx, avoid: avoid, leaf: []cost4{{entries: 1}}, whole: whole4, conv: conv4, input: input, allowed: allowed}
		return s.run(t, len(leaves), limit)
	}
	s := &solver[cost6]{ctx: ctx, avoid: avoid, leaf: []cost6{{entries: 1}}, whole: whole6, conv: conv6, input: input, allowed: allowed}
	return s.run(t, len(leaves), limit)
}

// run solves the whole trie and rebuilds the chosen prefixes in address order.
func (s *solver[T]) run(t *trie, nLeaf, limit int) ([]netip.Prefix, error) {
	s.t, s.limit, s.nLeaf = t, limit, nLeaf
	s.choice = make([][]int32, len(t.nodes)-nLeaf)
	total := 0
	for v := nLeaf; v < len(t.nodes); v++ {
		total += min(int(t.nodes[v].leaves), limit)
	}
	s.arena = make([]int32, total)
	k := min(int(t.nodes[t.root].leaves), limit)
	s.table(t.root)
	if s.err != nil {
		return nil, fmt.Errorf("compaction stopped: %w", s.err)
	}
	return s.emit(make([]netip.Prefix, 0, k), t.root, k), nil
}

// convRows is about how many cost additions run between two looks at the context: a
// large limit makes one convolution take seconds, and Ctrl-C must not wait for it.
const convRows = 1 << 16

// table computes node v's cost table, recursively. Depth is bounded by the address width.
func (s *solver[T]) table(v int32) []T {
	n := &s.t.nodes[v]
	if n.left < 0 || s.err != nil {
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
	// The rows of a, in chunks of about convRows additions, looking at the context between.
	step := max(1, convRows/len(b))
	for i := 0; i < len(a) && s.err == nil; i += step {
		if s.err = s.ctx.Err(); s.err == nil {
			s.conv(a[:min(i+step, len(a))], b, tab, ch, i)
		}
	}
	s.put(a)
	s.put(b)
	return tab
}

// wholeCost is the cost of covering node n by its own prefix (see prefix).
func (s *solver[T]) wholeCost(n *node) T {
	first, last := prefixRange(s.prefix(n))
	// The leaves below n are the input's ranges n.first to n.first+n.leaves-1, and a
	// widened prefix may hold more (see solver). The size of ::/0 wraps to 0, but the
	// difference is exact (see addrSet).
	var extra u128
	if n.bits == s.avoid {
		extra = s.input.outside(first, last)
	} else {
		extra = last.sub(first).add(u128{lo: 1}).sub(s.input.sum(int(n.first), int(n.first+n.leaves)))
	}
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
		return append(out, s.prefix(n))
	}
	out = s.emit(out, n.left, i)
	return s.emit(out, n.right, k-i)
}

// prefix is the prefix that takes node n whole: its own, or its parent-length prefix when
// its length is the one avoided.
func (s *solver[T]) prefix(n *node) netip.Prefix {
	if n.bits == s.avoid {
		return addrPrefix(n.addr.andNot(hostBits(s.avoid-1, s.t.width)), s.avoid-1, s.t.width)
	}
	return s.t.prefixOf(n)
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
