package servicetags

import (
	"maps"
	"slices"
	"strings"
)

// regionInfo is one region of a file.
type regionInfo struct {
	file string  // the file's region string, as first published
	arm  string  // ARM name, lower-case
	tags []int32 // indexes of the region's tags, ascending
}

// indexRegions groups regional tags by region and derives each region's ARM name.
//
// The file's region strings are sometimes abbreviations ("centralfrance", "germanywc")
// while the region's tag names carry the ARM name as suffix ("Storage.FranceCentral").
// The ARM name is the suffix most of the region's tags agree on; a suffix other than the
// region string itself wins when at least two tags carry it, it is at least as common as
// the region string, and it holds a strict majority among the other suffixes. So
// "eastus2", whose tags include two "*.EastUS2Stage", stays "eastus2". A derived name that
// would clash with another region's string or derived name is dropped (the region keeps
// its own string), so every accepted input names exactly one region.
func (f *File) indexRegions(lowerNames []string) {
	f.regions = make(map[string]*regionInfo)
	for i := range f.Tags {
		if f.Tags[i].Region == "" {
			continue // non-regional, even when the name has a dot (AzureFrontDoor.Backend)
		}
		key := foldKey(f.Tags[i].Region)
		if f.regions[key] == nil {
			f.regions[key] = &regionInfo{file: f.Tags[i].Region}
		}
		f.regions[key].tags = append(f.regions[key].tags, int32(i))
	}
	keys := slices.Sorted(maps.Keys(f.regions))
	votes, claims := make(map[string]int), make(map[string]int)
	for _, key := range keys {
		r := f.regions[key]
		clear(votes)
		for _, i := range r.tags {
			if _, suffix, ok := strings.Cut(lowerNames[i], "."); ok && isRegionToken(suffix) {
				votes[suffix]++
			}
		}
		r.arm = electARM(key, votes)
		if r.arm != key {
			claims[r.arm]++
		}
	}
	f.regionIn = make(map[string]*regionInfo, 2*len(keys))
	for _, key := range keys {
		r := f.regions[key]
		if r.arm != key && (claims[r.arm] > 1 || f.regions[r.arm] != nil) {
			r.arm = key
		}
		f.regionIn[key] = r
		f.regionIn[r.arm] = r
	}
}

// electARM picks the ARM name of the region whose (lower-case) string is self, given how
// many of its tags carry each name suffix.
func electARM(self string, votes map[string]int) string {
	best, bestN, others := "", 0, 0
	for s, n := range votes {
		if s == self {
			continue
		}
		others += n
		if n > bestN || (n == bestN && s < best) {
			best, bestN = s, n
		}
	}
	if bestN >= 2 && bestN >= votes[self] && 2*bestN > others {
		return best
	}
	return self
}

// isRegionToken reports whether s looks like an ARM region name: lower-case letters and digits.
func isRegionToken(s string) bool {
	return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789") == ""
}

// ResolveRegion maps a region as a user may write it, either the ARM name
// ("francecentral") or the file's own string ("centralfrance"), compared
// case-insensitively, to the file's region string.
func (f *File) ResolveRegion(name string) (fileRegion string, ok bool) {
	if r, ok := f.regionIn[foldKey(name)]; ok {
		return r.file, true
	}
	return "", false
}

// RegionARM returns the ARM name of a region given as the file writes it or as an ARM
// name ("norwaye" and "norwayeast" both give "norwayeast"), derived from its tags' names.
func (f *File) RegionARM(name string) (arm string, ok bool) {
	if r, ok := f.regionIn[foldKey(name)]; ok {
		return r.arm, true
	}
	return "", false
}

// regionNames lists every accepted region input, ARM names and the file's strings,
// lower-case and sorted, for suggestions.
func (f *File) regionNames() []string {
	return slices.Sorted(maps.Keys(f.regionIn))
}
