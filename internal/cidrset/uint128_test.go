package cidrset

import "testing"

func TestU128(t *testing.T) {
	max64 := ^uint64(0)
	tests := []struct {
		a, b      u128
		sum, diff string
		less      bool
	}{
		{u128{0, 5}, u128{0, 3}, "8", "2", false},
		{u128{0, max64}, u128{0, 1}, "18446744073709551616", "18446744073709551614", false},
		{u128{1, 0}, u128{0, 1}, "18446744073709551617", "18446744073709551615", false},
		{u128{0, 1}, u128{0, 1}, "2", "0", false},
		{u128{0, 1}, u128{1, 0}, "18446744073709551617", "340282366920938463444927863358058659841", true}, // wraps
		{u128{max64, max64}, u128{0, 1}, "0", "340282366920938463463374607431768211454", false},           // wraps
	}
	for _, tt := range tests {
		if got := tt.a.add(tt.b).bigInt().String(); got != tt.sum {
			t.Errorf("%v+%v = %s, want %s", tt.a, tt.b, got, tt.sum)
		}
		if got := tt.a.sub(tt.b).bigInt().String(); got != tt.diff {
			t.Errorf("%v-%v = %s, want %s", tt.a, tt.b, got, tt.diff)
		}
		if tt.a.less(tt.b) != tt.less {
			t.Errorf("%v<%v = %v", tt.a, tt.b, !tt.less)
		}
	}
	for _, tt := range []struct {
		n, width int
		want     u128
	}{
		{32, 32, u128{}}, {0, 32, u128{lo: 1<<32 - 1}}, {24, 32, u128{lo: 255}},
		{0, 128, u128{max64, max64}}, {64, 128, u128{lo: max64}}, {1, 128, u128{max64 >> 1, max64}}, {128, 128, u128{}},
	} {
		if got := hostBits(tt.n, tt.width); got != tt.want {
			t.Errorf("hostBits(%d, %d) = %v, want %v", tt.n, tt.width, got, tt.want)
		}
	}
}
