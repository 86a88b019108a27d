package cidrset

import (
	"math/big"
	"math/bits"
)

// u128 is an unsigned 128-bit integer. Compact's hot loop adds and compares address
// counts; IPv6 counts exceed 64 bits and big.Int would allocate on every step.
type u128 struct {
	hi, lo uint64
}

// add returns a+b modulo 2^128. Every sum the dynamic program forms counts distinct
// addresses of one family outside a non-empty set, so it stays below 2^128.
func (a u128) add(b u128) u128 {
	lo, carry := bits.Add64(a.lo, b.lo, 0)
	hi, _ := bits.Add64(a.hi, b.hi, carry)
	return u128{hi: hi, lo: lo}
}

// sub returns a-b modulo 2^128.
func (a u128) sub(b u128) u128 {
	lo, borrow := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(a.hi, b.hi, borrow)
	return u128{hi: hi, lo: lo}
}

// less reports whether a < b.
func (a u128) less(b u128) bool {
	return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
}

// or returns a|b.
func (a u128) or(b u128) u128 {
	return u128{hi: a.hi | b.hi, lo: a.lo | b.lo}
}

// andNot returns a&^b.
func (a u128) andNot(b u128) u128 {
	return u128{hi: a.hi &^ b.hi, lo: a.lo &^ b.lo}
}

// bigInt converts a to a big.Int for reporting.
func (a u128) bigInt() *big.Int {
	v := new(big.Int).SetUint64(a.hi)
	v.Lsh(v, 64)
	return v.Or(v, new(big.Int).SetUint64(a.lo))
}

// cmp returns -1, 0 or +1 as a is less than, equal to or greater than b.
func (a u128) cmp(b u128) int {
	switch {
	case a.less(b):
		return -1
	case b.less(a):
		return 1
	default:
		return 0
	}
}
