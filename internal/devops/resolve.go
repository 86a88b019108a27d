package devops

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/suggest"
)

// Query says which organisation to resolve: exactly one of Geography or OrganizationRegion.
type Query struct {
	// Geography is a geography name or short form ("Europe", "EU"), case-insensitive.
	Geography string
	// OrganizationRegion is the organisation's region as its settings show it
	// ("West Europe") or as an ARM name ("westeurope").
	OrganizationRegion string
	// IncludeCapacityFallback adds the geography agents fall back to under capacity pressure.
	IncludeCapacityFallback bool
	// FileRegions are the ARM names of the regions whose AzureCloud tag the service tags file
	// carries. A region among them that the table does not know joins the plan when the naming
	// rules place it in the plan's geographies (Region.ByName), or is listed in Plan.Unplaced
	// when they cannot tell its geography. Nil when no file is at hand (at validate time).
	FileRegions []string
}

// Plan is the set of regions hosted agents of an organisation may run in.
type Plan struct {
	// Geography is the canonical name of the organisation's geography.
	Geography string
	// Regions are sorted by ARM name, fallback regions included.
	Regions []Region
	// Unplaced are the file's regions that this provider's table does not know and whose
	// geography cannot be told from their names, sorted: agents may run there or not.
	Unplaced []string
}

// RegionNames lists the ARM names of the plan's regions, in the plan's order.
func (p Plan) RegionNames() []string {
	out := make([]string, len(p.Regions))
	for i, r := range p.Regions {
		out[i] = r.Name
	}
	return out
}

// Region is one region hosted agents may run in, and why it is in the plan.
type Region struct {
	// Name is the ARM name ("westeurope").
	Name string
	// Fallback is the capacity-fallback geography that added the region ("France"), or ""
	// when the region belongs to the organisation's own geography.
	Fallback string
	// FallbackOf is the display name of the organisation region whose fallback added the
	// region ("West Europe"); "" when Fallback is "".
	FallbackOf string
	// Announced marks a region that Microsoft has announced but never published a service
	// tag for: its missing tag is expected rather than news.
	Announced bool
	// ByName marks a region of the file that the table does not list yet: the naming rules
	// placed it in its geography.
	ByName bool
}

// QueryError is a query that names no organisation; Argument is the one to fix.
type QueryError struct {
	// Argument is "geography" or "organization_region".
	Argument string
	// Message says what is wrong and what is valid.
	Message string
}

// Error implements error.
func (e *QueryError) Error() string { return e.Message }

// maxSuggestions is how many close names an unknown geography or region gets.
const maxSuggestions = 3

// Resolve turns a query into the regions its hosted agents may run in.
func Resolve(q Query) (Plan, error) {
	hasGeo := strings.TrimSpace(q.Geography) != ""
	hasRegion := strings.TrimSpace(q.OrganizationRegion) != ""
	switch {
	case hasGeo && hasRegion:
		return Plan{}, &QueryError{"organization_region", fmt.Sprintf(
			"set exactly one of geography (%q) or organization_region (%q), not both", q.Geography, q.OrganizationRegion)}
	case !hasGeo && !hasRegion:
		return Plan{}, &QueryError{"geography", "set exactly one of geography or organization_region"}
	}

	var (
		geo          geography
		fallbackFrom []string // organisation regions whose capacity fallbacks apply
		err          error
	)
	if hasGeo {
		if geo, err = lookupGeography(q.Geography); err != nil {
			return Plan{}, err
		}
		fallbackFrom = geo.regions
	} else {
		var region string
		if geo, region, err = geographyOfRegion(q.OrganizationRegion, q.FileRegions); err != nil {
			return Plan{}, err
		}
		fallbackFrom = []string{region}
	}

	learnt, unplaced := placeNewRegions(q.FileRegions)
	regions := map[string]Region{}
	if q.IncludeCapacityFallback {
		for _, from := range fallbackFrom {
			name, ok := capacityFallbacks[from]
			if !ok || name == geo.name {
				continue
			}
			fb, _ := byName(name)
			for _, r := range fb.regions {
				regions[r] = Region{Name: r, Fallback: name, FallbackOf: displayNames[from], Announced: announced[r]}
			}
			for _, r := range learnt[name] {
				regions[r] = Region{Name: r, Fallback: name, FallbackOf: displayNames[from], ByName: true}
			}
		}
	}
	for _, r := range geo.regions { // the own geography wins over a fallback naming the same region
		regions[r] = Region{Name: r, Announced: announced[r]}
	}
	for _, r := range learnt[geo.name] {
		regions[r] = Region{Name: r, ByName: true}
	}
	plan := Plan{Geography: geo.name, Unplaced: unplaced}
	for _, name := range slices.Sorted(maps.Keys(regions)) {
		plan.Regions = append(plan.Regions, regions[name])
	}
	return plan, nil
}

// placeNewRegions sorts the file's regions that the table does not know: by geography where
// the naming rules tell it, else into unplaced.
func placeNewRegions(fileRegions []string) (learnt map[string][]string, unplaced []string) {
	learnt = map[string][]string{}
	for _, r := range slices.Sorted(slices.Values(fileRegions)) {
		if _, known := azureGeographies[r]; known {
			continue
		}
		if g := geographyByName(r); g != "" {
			learnt[g] = append(learnt[g], r)
		} else {
			unplaced = append(unplaced, r)
		}
	}
	return learnt, unplaced
}

// EmptyError is the error for an argument given as an empty string, which would otherwise
// read as not given at all ("set exactly one of …" is no help to someone who set one).
func EmptyError(argument string) *QueryError {
	if argument == "geography" {
		var names, aliases []string
		for _, g := range geographies {
			names = append(names, g.name)
			aliases = append(aliases, g.aliases...)
		}
		return &QueryError{argument, fmt.Sprintf("geography is empty; set it to one of %s (short forms: %s), or leave it out "+
			"and set organization_region", suggest.Quote(names), suggest.Quote(aliases))}
	}
	return &QueryError{argument, "organization_region is empty; set it to the organisation's region as its settings show it, " +
		"such as \"West Europe\", or leave it out and set geography"}
}

// lookupGeography finds an organisation geography by name or short form, case-insensitively.
func lookupGeography(name string) (geography, error) {
	key := normalise(name)
	var valid []string
	for _, g := range geographies {
		valid = append(valid, g.name)
		if normalise(g.name) == key || slices.ContainsFunc(g.aliases, func(a string) bool { return normalise(a) == key }) {
			return g, nil
		}
	}
	var aliases []string
	for _, g := range geographies {
		aliases = append(aliases, g.aliases...)
	}
	msg := fmt.Sprintf("geography %q is not an Azure DevOps organisation geography", name)
	if closest := suggest.Closest(name, append(slices.Clone(valid), aliases...), maxSuggestions); len(closest) > 0 {
		msg += "; closest: " + suggest.Quote(closest)
	}
	msg += fmt.Sprintf(". Valid values: %s (short forms: %s)", suggest.Quote(valid), suggest.Quote(aliases))
	return geography{}, &QueryError{"geography", msg}
}

// geographyOfRegion finds the geography of an organisation region given as a display name
// ("West Europe") or an ARM name ("westeurope"). It returns the geography and the ARM name. A
// region the table does not know yet is accepted by its ARM name when the naming rules place
// it in an organisation geography and the file carries it (fileRegions nil: no file yet).
func geographyOfRegion(region string, fileRegions []string) (geography, string, error) {
	key := normalise(region)
	var candidates []string
	for _, g := range geographies {
		for _, r := range g.regions {
			if r == key {
				return g, r, nil
			}
			candidates = append(candidates, displayNames[r]) // ARM names differ only in spacing and case: accepted too
		}
	}
	if _, known := azureGeographies[key]; !known && (fileRegions == nil || slices.Contains(fileRegions, key)) {
		if g, ok := byName(geographyByName(key)); ok && g.name != france.name {
			return g, key, nil
		}
	}
	msg := fmt.Sprintf("organization_region %q is not a region of any Azure DevOps organisation geography "+
		"(give it as the organisation settings show it, such as \"West Europe\", or as an ARM name such as \"westeurope\")", region)
	if slices.Contains(france.regions, key) || geographyByName(key) == france.name {
		msg += "; France is only a capacity fallback of West Europe, no organisation is hosted there"
	}
	learnt, _ := placeNewRegions(fileRegions)
	for _, g := range geographies {
		candidates = append(candidates, learnt[g.name]...)
	}
	if closest := suggest.Closest(region, candidates, maxSuggestions); len(closest) > 0 {
		msg += "; closest: " + suggest.Quote(closest)
	}
	return geography{}, "", &QueryError{"organization_region", msg}
}

// normalise folds case and drops the separators people type in region and geography names,
// so "West Europe", "west-europe" and "westeurope" compare equal.
func normalise(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '_' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}
