package servicetags

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Suggest returns up to n candidates closest to value, best first, for "did you mean"
// messages. Closeness is the case-insensitive edit distance, lowered when the candidate
// starts with or contains value (or value starts with the candidate, e.g. a tag name
// given as a service). Candidates that are neither close nor related are left out, so the
// result may be shorter than n or empty. n <= 0 gives nil.
func Suggest(value string, candidates []string, n int) []string {
	if n <= 0 {
		return nil
	}
	v := foldKey(value)
	vLen := utf8.RuneCountInString(v)
	limit := max(2, (vLen+2)/3) // farther than this is noise unless related by prefix/substring
	type scored struct {
		name        string
		score, dist int
	}
	var found []scored
	seen := make(map[string]bool)
	for _, c := range candidates {
		if seen[c] {
			continue
		}
		seen[c] = true
		lc := foldKey(c)
		dist := editDistance(v, lc)
		bonus := 0
		switch {
		case vLen >= 3 && strings.HasPrefix(lc, v):
			bonus = vLen / 2
		case vLen >= 3 && strings.Contains(lc, v):
			bonus = vLen / 3
		case len(lc) >= 3 && strings.HasPrefix(v, lc):
			bonus = utf8.RuneCountInString(lc) / 2
		}
		if dist > limit && bonus == 0 {
			continue
		}
		found = append(found, scored{c, dist - bonus, dist})
	}
	slices.SortFunc(found, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.dist, b.dist), strings.Compare(a.name, b.name))
	})
	out := make([]string, 0, min(n, len(found)))
	for _, s := range found[:min(n, len(found))] {
		out = append(out, s.name)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
