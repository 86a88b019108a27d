// Package suggest finds the valid names closest to a mistyped one, for "did you mean"
// messages: a typo in an allow-list's selector must fail with the name that was meant.
package suggest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agext/levenshtein"
)

// Closest returns up to n distinct candidates closest to value, best first. Closeness is
// the case-insensitive edit distance, lowered when the candidate starts with or contains
// value (or value starts with the candidate, e.g. a tag name given as a service).
// Candidates that are neither close nor related are left out, so the result may be shorter
// than n or empty (never nil).
func Closest(value string, candidates []string, n int) []string {
	v := strings.ToLower(value)
	vLen := utf8.RuneCountInString(v)
	limit := max(2, (vLen+2)/3) // farther than this is noise unless related by prefix/substring
	type scored struct {
		name        string
		score, dist int
	}
	var found []scored
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] {
			continue
		}
		seen[c] = true
		lc := strings.ToLower(c)
		dist, bonus := levenshtein.Distance(v, lc, nil), 0
		switch {
		case vLen >= 3 && strings.HasPrefix(lc, v):
			bonus = vLen / 2
		case vLen >= 3 && strings.Contains(lc, v):
			bonus = vLen / 3
		case len(lc) >= 3 && strings.HasPrefix(v, lc):
			bonus = utf8.RuneCountInString(lc) / 2
		}
		if dist <= limit || bonus > 0 {
			found = append(found, scored{c, dist - bonus, dist})
		}
	}
	slices.SortFunc(found, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.dist, b.dist), strings.Compare(a.name, b.name))
	})
	out := []string{}
	for _, s := range found[:min(max(n, 0), len(found))] {
		out = append(out, s.name)
	}
	return out
}

// Quote renders values as a comma-separated list of Go-quoted strings: "a", "b", "c".
func Quote(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(quoted, ", ")
}
