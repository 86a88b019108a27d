package servicetags

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// index builds the name, service and region lookups of a File whose Tags are sorted.
func (f *File) index() error {
	lower := foldAll(f.Tags)
	f.byName = make(map[string]int32, len(f.Tags))
	f.byService = make(map[string][]int32)
	for i := range f.Tags {
		key := lower[i]
		if j, dup := f.byName[key]; dup {
			a, b := f.Tags[j].Name, f.Tags[i].Name
			if a == b {
				return fmt.Errorf("service tags file has two service tags named %q", a)
			}
			return fmt.Errorf("service tags file has service tags %q and %q whose names differ only in case", a, b)
		}
		f.byName[key] = int32(i)
		svc, _, _ := strings.Cut(key, ".")
		if _, seen := f.byService[svc]; !seen {
			f.services = append(f.services, serviceOf(f.Tags[i].Name))
		}
		f.byService[svc] = append(f.byService[svc], int32(i))
	}
	// Tag order does not imply service order ("A-x" < "A.y" but "A" < "A-x").
	slices.Sort(f.services)
	f.indexRegions(lower)
	return nil
}

// serviceOf returns the service part of a tag name: everything before the first dot.
func serviceOf(name string) string {
	svc, _, _ := strings.Cut(name, ".")
	return svc
}

// foldKey is the case-insensitive key used by every lookup.
func foldKey(s string) string {
	return strings.ToLower(s)
}

// foldAll returns foldKey of every tag name, sharing one allocation for the common
// all-ASCII names instead of one per name.
func foldAll(tags []Tag) []string {
	n := 0
	for i := range tags {
		n += len(tags[i].Name)
	}
	buf := make([]byte, 0, n)
	ends := make([]int, len(tags))
	for i := range tags {
		buf = appendFold(buf, tags[i].Name)
		ends[i] = len(buf)
	}
	all := string(buf)
	keys := make([]string, len(tags))
	start := 0
	for i, end := range ends {
		keys[i] = all[start:end]
		start = end
	}
	return keys
}

// appendFold appends foldKey(s) to dst.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, foldKey(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
