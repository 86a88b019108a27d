package servicetags

import (
	"net/netip"
	"slices"
)

// File is one parsed service tags file.
type File struct {
	// ChangeNumber is the file-wide change number; it grows with every published change.
	ChangeNumber int64
	// Cloud is the file's cloud, one of the Cloud* constants.
	Cloud string
	// Tags holds every service tag, sorted by name (ordinal byte order).
	Tags []Tag

	byName    map[string]int32       // lower-cased tag name -> index in Tags
	services  []string               // distinct services, sorted
	byService map[string][]int32     // lower-cased service -> tag indexes, ascending
	regions   map[string]*regionInfo // lower-cased file region string -> region
	regionIn  map[string]*regionInfo // every accepted region input, lower-cased
}

// Tag is one service tag: a named set of address prefixes.
type Tag struct {
	// Name is the tag name, e.g. "AzureCloud.westeurope" or "AzureDevOps".
	Name string
	// ID is the tag id as published; in every known file it equals Name.
	ID string
	// Region is the file's own region string (not always the ARM name, see File.ARMRegion);
	// it is "" for tags that are not regional.
	Region string
	// RegionID is Microsoft's numeric region id; 0 for non-regional tags.
	RegionID int
	// Platform is the platform, "Azure" in every known file.
	Platform string
	// SystemService is the owning system service, possibly "".
	SystemService string
	// ChangeNumber is the tag's own change number.
	ChangeNumber int64
	// NetworkFeatures lists where the tag can be used (e.g. "NSG", "API"); nil when unpublished.
	NetworkFeatures []string
	// AddressPrefixes are the CIDR prefixes exactly as published, in the original order.
	AddressPrefixes []string
	// Prefixes are AddressPrefixes parsed, in the same order.
	Prefixes []netip.Prefix
}

// LookupTag returns the tag with the given name, compared case-insensitively.
func (f *File) LookupTag(name string) (*Tag, bool) {
	i, ok := f.byName[foldKey(name)]
	if !ok {
		return nil, false
	}
	return &f.Tags[i], true
}

// Services returns the distinct service names (the part of a tag name before its first
// dot, or the whole name when it has none), sorted.
func (f *File) Services() []string {
	return slices.Clone(f.services)
}

// tagNames lists every tag name, for suggestions.
func (f *File) tagNames() []string {
	names := make([]string, len(f.Tags))
	for i := range f.Tags {
		names[i] = f.Tags[i].Name
	}
	return names
}
