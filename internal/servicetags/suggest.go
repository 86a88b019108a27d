package servicetags

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// UnknownError reports a selector value that names nothing in the file.
type UnknownError struct {
	Argument     string   // the selector kind: "names", "services" or "regions"
	Value        string   // the value as given
	Suggestions  []string // the closest valid values, best first; possibly empty
	Cloud        string   // Cloud and ChangeNumber name the file that was searched
	ChangeNumber int64
}

// Error implements error, e.g. `names: no service tag named "AzureCloud.westeuropa" in
// this file (cloud Public, change 375); closest: "AzureCloud.westeurope", ...`.
func (e *UnknownError) Error() string {
	what := map[string]string{"names": "service tag", "services": "service", "regions": "region"}[e.Argument]
	msg := fmt.Sprintf("%s: no %s named %q in this file (cloud %s, change %d)",
		e.Argument, cmp.Or(what, "value"), e.Value, e.Cloud, e.ChangeNumber)
	if len(e.Suggestions) > 0 {
		msg += "; closest: " + quoteList(e.Suggestions)
	}
	return msg
}

// unknown builds the UnknownError for value, suggesting the closest three candidates.
func (f *File) unknown(argument, value string, candidates []string) *UnknownError {
	return &UnknownError{Argument: argument, Value: value, Suggestions: suggest(value, candidates, 3),
		Cloud: f.Cloud, ChangeNumber: f.ChangeNumber}
}

// quoteList renders values as "a", "b", "c".
func quoteList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(quoted, ", ")
}

// suggest returns up to n candidates closest to value, best first, for "did you mean"
// messages. Closeness is the case-insensitive edit distance, lowered when the candidate
// starts with or contains value (or value starts with the candidate, e.g. a tag name
// given as a service). Candidates that are neither close nor related are left out, so the
// result may be shorter than n or empty. Candidates must be distinct.
func suggest(value string, candidates []string, n int) []string {
	v := foldKey(value)
	vLen := utf8.RuneCountInString(v)
	limit := max(2, (vLen+2)/3) // farther than this is noise unless related by prefix/substring
	type scored struct {
		name        string
		score, dist int
	}
	var found []scored
	for _, c := range candidates {
		lc := foldKey(c)
		dist, bonus := editDistance(v, lc), 0
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
	for _, s := range found[:min(n, len(found))] {
		out = append(out, s.name)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1)
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
