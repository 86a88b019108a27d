// Package servicetags parses Microsoft's "Azure IP Ranges and Service Tags" JSON files and
// selects service tags from them by name, service and region. Parsing fails closed: all
// but a complete, well-formed, plausible file of the published schema is an error that
// says what and where, as a shrunken, widened or garbled allow-list is worse than none.
package servicetags

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Clouds that publish a service tags file, as the files' "cloud" field names them.
const (
	CloudPublic          = "Public"          // the global Azure cloud
	CloudAzureGovernment = "AzureGovernment" // Azure US Government
	CloudChina           = "China"           // Azure operated by 21Vianet
	CloudAzureGermany    = "AzureGermany"    // retired; its last files still parse
)

// knownClouds lists the accepted values of a file's "cloud" field, in the order errors show them.
var knownClouds = []string{CloudPublic, CloudAzureGovernment, CloudChina, CloudAzureGermany}

// cloudAliases maps each spelling a user may ask for, lower-cased, to a cloud; azurerm's
// "environment" values are among them. AzureGermany is retired: it publishes no file any
// more, but its last files exist, and naming the cloud is how a user pins one of them
// (a file is only ever served for the cloud that was named, Public when none was).
var cloudAliases = map[string]string{
	"public": CloudPublic, "azurecloud": CloudPublic,
	"azuregovernment": CloudAzureGovernment, "usgovernment": CloudAzureGovernment, "azureusgovernment": CloudAzureGovernment,
	"china": CloudChina, "azurechinacloud": CloudChina,
	"azuregermany": CloudAzureGermany, "germany": CloudAzureGermany, "azuregermancloud": CloudAzureGermany,
}

// LookupCloud maps a cloud as a user may write it (case-insensitive, surrounding spaces
// ignored, azurerm's names accepted) to one of the Cloud* constants.
func LookupCloud(name string) (string, error) {
	if c, ok := cloudAliases[strings.ToLower(strings.TrimSpace(name))]; ok {
		return c, nil
	}
	return "", fmt.Errorf(`%q is not a cloud with a service tags file; use "Public", "AzureGovernment" or "China" `+
		`(case-insensitive; azurerm's "public", "usgovernment" and "china" work too), or "AzureGermany" with a pinned `+
		`file of that retired cloud`, name)
}

// File is one parsed service tags file.
type File struct {
	ChangeNumber int64  // file-wide change number; grows with every published change
	Cloud        string // one of the Cloud* constants
	Tags         []Tag  // every service tag, sorted by name (ordinal byte order)

	byName    map[string]int32       // lower-cased tag name -> index in Tags
	services  []string               // distinct services, sorted
	byService map[string][]int32     // lower-cased service -> tag indexes, ascending
	regions   map[string]*regionInfo // lower-cased file region string -> region
	regionIn  map[string]*regionInfo // every accepted region input, lower-cased
}

// Tag is one service tag: a named set of address prefixes, with its published properties.
type Tag struct {
	Name            string         // e.g. "AzureCloud.westeurope" or "AzureDevOps"
	ID              string         // as published; equals Name in every known file
	Region          string         // the file's region string (not always the ARM name); "" if not regional
	RegionID        int            // Microsoft's numeric region id; 0 if not regional
	Platform        string         // "Azure" in every known file
	SystemService   string         // the owning system service, possibly ""
	ChangeNumber    int64          // the tag's own change number
	NetworkFeatures []string       // where the tag can be used ("NSG", "API", ...); nil if none
	Prefixes        []netip.Prefix // the published address prefixes, parsed, in order; nil if none

	texts map[int]string // the published text of each prefix whose text is not its canonical text
}

// AddressPrefixes returns the tag's prefixes exactly as published, in order; nil if none.
// Most are their prefix's canonical text; the file's own text is kept for the rest.
func (t *Tag) AddressPrefixes() []string {
	if len(t.Prefixes) == 0 {
		return nil
	}
	out := make([]string, len(t.Prefixes))
	for i := range t.Prefixes {
		out[i] = publishedText(t.Prefixes, t.texts, i)
	}
	return out
}

// LookupTag returns the tag with the given name, compared case-insensitively.
func (f *File) LookupTag(name string) (*Tag, bool) {
	if i, ok := f.byName[foldKey(name)]; ok {
		return &f.Tags[i], true
	}
	return nil, false
}

// index builds the lookups; validate has sorted the tags and made their names unique
// regardless of case.
func (f *File) index() {
	lower := make([]string, len(f.Tags))
	f.byName, f.byService = make(map[string]int32, len(f.Tags)), make(map[string][]int32)
	for i := range f.Tags {
		lower[i] = foldKey(f.Tags[i].Name)
		f.byName[lower[i]] = int32(i)
		svc, _, _ := strings.Cut(lower[i], ".") // the service: the name before its first dot
		if _, seen := f.byService[svc]; !seen {
			service, _, _ := strings.Cut(f.Tags[i].Name, ".")
			f.services = append(f.services, service)
		}
		f.byService[svc] = append(f.byService[svc], int32(i))
	}
	slices.Sort(f.services) // tag order is not service order: "A-x" < "A.y" but "A" < "A-x"
	f.indexRegions(lower)
}

// foldKey is the case-insensitive key of every lookup.
func foldKey(s string) string { return strings.ToLower(s) }
