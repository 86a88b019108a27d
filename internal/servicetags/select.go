package servicetags

import (
	"errors"
	"strings"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/suggest"
)

// errEmptySelector is returned by Select when no names, services or regions are given.
var errEmptySelector = errors.New("select at least one of names, services or regions")

// Selector chooses service tags. Kinds combine with AND, values within a kind with OR;
// an empty kind does not constrain. Values are compared case-insensitively.
type Selector struct {
	Names    []string // exact tag names
	Services []string // services: the part of a tag name before its first dot
	Regions  []string // ARM region names or the file's region strings; only regional tags match
}

// selectorKind is one kind of a Selector: its argument name and values.
type selectorKind struct {
	argument string
	values   []string
}

func (s Selector) kinds() []selectorKind {
	return []selectorKind{{"names", s.Names}, {"services", s.Services}, {"regions", s.Regions}}
}

// Select returns the tags matching s, sorted by name without duplicates. Every value must
// exist in the file, otherwise the result is an *UnknownError naming the first unknown
// value, so that a typo can never silently shrink an allow-list. A valid selector whose
// kinds have no tag in common gives an empty result and no error.
func (f *File) Select(s Selector) ([]*Tag, error) {
	if len(s.Names) == 0 && len(s.Services) == 0 && len(s.Regions) == 0 {
		return nil, errEmptySelector
	}
	// hits counts per tag the kinds it matched so far; a tag counts for a kind only if it
	// matched every kind before, so the selected tags end with hits == kinds.
	hits, kinds := make([]int, len(f.Tags)), 0
	for _, k := range s.kinds() {
		for _, v := range k.values {
			idx, candidates, ok := f.lookup(k.argument, foldKey(v))
			if !ok {
				return nil, f.unknown(k.argument, v, candidates)
			}
			for _, i := range idx {
				if hits[i] == kinds {
					hits[i]++
				}
			}
		}
		if len(k.values) > 0 {
			kinds++
		}
	}
	out := []*Tag{}
	for i := range f.Tags {
		if hits[i] == kinds {
			out = append(out, &f.Tags[i])
		}
	}
	return out, nil
}

// lookup returns the indexes of the tags a lower-cased selector value names or, if it
// names none, the valid values of its kind for suggestions.
func (f *File) lookup(argument, key string) (idx []int32, candidates []string, ok bool) {
	switch argument {
	case "names":
		if i, ok := f.byName[key]; ok {
			return []int32{i}, nil, true
		}
		for i := range f.Tags {
			candidates = append(candidates, f.Tags[i].Name)
		}
		return nil, candidates, false
	case "services":
		idx, ok = f.byService[key]
		return idx, f.services, ok
	}
	if r, ok := f.regionIn[key]; ok {
		return r.tags, nil, true
	}
	return nil, f.regionNames(), false
}

// Describe renders the selector for messages, e.g.
// names = ["AzureCloud.westeurope"], regions = ["francecentral"].
func (s Selector) Describe() string {
	var parts []string
	for _, k := range s.kinds() {
		if len(k.values) > 0 {
			parts = append(parts, k.argument+" = ["+suggest.Quote(k.values)+"]")
		}
	}
	if len(parts) == 0 {
		return "(empty selector)"
	}
	return strings.Join(parts, ", ")
}
