package servicetags

import (
	"errors"
	"strings"
)

// ErrEmptySelector is returned by Select when no names, services or regions are given.
var ErrEmptySelector = errors.New("select at least one of names, services or regions")

// Selector chooses service tags. Kinds combine with AND, values within a kind with OR;
// an empty kind does not constrain.
type Selector struct {
	// Names are exact tag names, compared case-insensitively.
	Names []string
	// Services are service names (the part of a tag name before its first dot),
	// compared case-insensitively.
	Services []string
	// Regions are ARM region names or the file's region strings, compared
	// case-insensitively; only regional tags match them.
	Regions []string
}

// Select returns the tags matching s, sorted by name without duplicates. Every value must
// exist in the file, otherwise the result is an *UnknownError naming the first unknown
// value, so that a typo can never silently shrink an allow-list. A valid selector whose
// kinds have no tag in common gives an empty result and no error.
func (f *File) Select(s Selector) ([]*Tag, error) {
	if len(s.Names) == 0 && len(s.Services) == 0 && len(s.Regions) == 0 {
		return nil, ErrEmptySelector
	}
	var filters [][]bool
	if len(s.Names) > 0 {
		m := make([]bool, len(f.Tags))
		for _, n := range s.Names {
			i, ok := f.byName[foldKey(n)]
			if !ok {
				return nil, f.unknown("names", n, f.tagNames())
			}
			m[i] = true
		}
		filters = append(filters, m)
	}
	if len(s.Services) > 0 {
		m := make([]bool, len(f.Tags))
		for _, svc := range s.Services {
			idx, ok := f.byService[foldKey(svc)]
			if !ok {
				return nil, f.unknown("services", svc, f.services)
			}
			mark(m, idx)
		}
		filters = append(filters, m)
	}
	if len(s.Regions) > 0 {
		m := make([]bool, len(f.Tags))
		for _, reg := range s.Regions {
			r, ok := f.regionIn[foldKey(reg)]
			if !ok {
				return nil, f.unknown("regions", reg, f.RegionNames())
			}
			mark(m, r.tags)
		}
		filters = append(filters, m)
	}
	out := []*Tag{}
next:
	for i := range f.Tags {
		for _, m := range filters {
			if !m[i] {
				continue next
			}
		}
		out = append(out, &f.Tags[i])
	}
	return out, nil
}

func mark(m []bool, idx []int32) {
	for _, i := range idx {
		m[i] = true
	}
}

// Describe renders the selector for messages, e.g.
// names = ["AzureCloud.westeurope"], regions = ["francecentral"].
func (s Selector) Describe() string {
	var parts []string
	for _, kind := range []struct {
		arg    string
		values []string
	}{{"names", s.Names}, {"services", s.Services}, {"regions", s.Regions}} {
		if len(kind.values) > 0 {
			parts = append(parts, kind.arg+" = ["+quoteList(kind.values)+"]")
		}
	}
	if len(parts) == 0 {
		return "(empty selector)"
	}
	return strings.Join(parts, ", ")
}
