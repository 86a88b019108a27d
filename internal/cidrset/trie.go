package cidrset

import (
	"math/bits"
	"net/netip"
)

// node is a vertex of the compressed binary trie over merged, disjoint prefixes.
// Leaves are the input prefixes; every internal node branches (it has both children),
// because unary paths never change Compact's answer: the smallest prefix holding a set
// of leaves is always the longest common prefix of the set's first and last leaf.
type node struct {
	addr        u128  // network address, IPv4 in the low 32 bits
	bits        int   // prefix length
	left, right int32 // children; -1 for leaves
	first       int32 // index of the first leaf below (the node itself for a leaf)
	leaves      int32 // number of leaves below (1 for a leaf)
}

// trie holds the nodes of one family; node indexes below len(leaves) are leaves.
type trie struct {
	nodes []node
	root  int32
	width int // address width in bits: 32 or 128
}

// toU128 turns an address into a 128-bit integer; IPv4 lands in the low 32 bits.
func toU128(a netip.Addr) u128 {
	b := a.As16()
	if a.Is4() {
		return u128{lo: uint64(b[12])<<24 | uint64(b[13])<<16 | uint64(b[14])<<8 | uint64(b[15])}
	}
	var v u128
	for i := 0; i < 8; i++ {
		v.hi = v.hi<<8 | uint64(b[i])
		v.lo = v.lo<<8 | uint64(b[8+i])
	}
	return v
}

// prefixOf converts a trie node back to a netip.Prefix.
func (t *trie) prefixOf(n *node) netip.Prefix {
	return addrPrefix(n.addr, n.bits, t.width)
}

// addrPrefix returns the prefix of length bits at address a of a width-bit family.
func addrPrefix(a u128, bits, width int) netip.Prefix {
	if width == 32 {
		v := uint32(a.lo)
		return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), bits)
	}
	var b [16]byte
	for i := 0; i < 8; i++ {
		b[i] = byte(a.hi >> (56 - 8*i))
		b[8+i] = byte(a.lo >> (56 - 8*i))
	}
	return netip.PrefixFrom(netip.AddrFrom16(b), bits)
}

// commonBits returns the length of the common leading bits of a and b within width.
func commonBits(a, b u128, width int) int {
	x := u128{hi: a.hi ^ b.hi, lo: a.lo ^ b.lo}
	var lz int
	if x.hi != 0 {
		lz = bits.LeadingZeros64(x.hi)
	} else {
		lz = 64 + bits.LeadingZeros64(x.lo)
	}
	return lz - (128 - width)
}

// hostBits returns the mask of the bits after the first n of a width-bit address.
func hostBits(n, width int) u128 {
	drop := width - n // number of low bits set
	switch {
	case drop <= 0:
		return u128{}
	case drop >= 128:
		return u128{hi: ^uint64(0), lo: ^uint64(0)}
	case drop >= 64:
		return u128{hi: 1<<(drop-64) - 1, lo: ^uint64(0)}
	default:
		return u128{lo: 1<<drop - 1}
	}
}

// buildTrie builds the compressed trie of sorted, disjoint, non-empty prefixes of a single
// family. It is a Cartesian tree over the common-prefix lengths of neighbouring leaves:
// the shallowest split is the root. Runs in O(n) with a stack holding the rightmost path.
func buildTrie(ps []netip.Prefix) *trie {
	n := len(ps)
	t := &trie{nodes: make([]node, n, 2*n-1), width: ps[0].Addr().BitLen()}
	for i, p := range ps {
		t.nodes[i] = node{addr: toU128(p.Addr()), bits: p.Bits(), left: -1, right: -1, first: int32(i), leaves: 1}
	}
	stack := make([]int32, 0, t.width+2)
	stack = append(stack, 0)
	for i := 1; i < n; i++ {
		d := commonBits(t.nodes[i-1].addr, t.nodes[i].addr, t.width)
		// Disjoint neighbours split strictly above both, so d < both lengths, and no node
		// on the rightmost path has length exactly d (that would be a three-way split).
		last := int32(-1)
		for len(stack) > 0 && t.nodes[stack[len(stack)-1]].bits > d {
			last = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
		}
		v := int32(len(t.nodes))
		t.nodes = append(t.nodes, node{addr: t.nodes[i].addr.andNot(hostBits(d, t.width)), bits: d, left: last, right: int32(i)})
		if len(stack) > 0 {
			t.nodes[stack[len(stack)-1]].right = v
		}
		stack = append(stack, v, int32(i))
	}
	t.root = stack[0]
	t.fill(t.root)
	return t
}

// fill computes first and leaves bottom-up. Recursion depth is bounded by the address width, since
// every internal node is strictly longer than its parent.
func (t *trie) fill(v int32) {
	n := &t.nodes[v]
	if n.left < 0 {
		return
	}
	t.fill(n.left)
	t.fill(n.right)
	n.first = t.nodes[n.left].first
	n.leaves = t.nodes[n.left].leaves + t.nodes[n.right].leaves
}
