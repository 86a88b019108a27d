package devops

import (
	"fmt"
	"sort"
	"strings"
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
}

// Plan is the set of regions hosted agents of an organisation may run in.
type Plan struct {
	// Geography is the canonical name of the organisation's geography.
	Geography string
	// Regions are ARM region names, sorted, fallback regions included.
	Regions []string
	// FallbackGeographies names the geographies added as capacity fallback, sorted.
	FallbackGeographies []string
}

// Resolve turns a query into the regions its hosted agents may run in.
func Resolve(q Query) (Plan, error) {
	hasGeo := strings.TrimSpace(q.Geography) != ""
	hasRegion := strings.TrimSpace(q.OrganizationRegion) != ""
	switch {
	case hasGeo && hasRegion:
		return Plan{}, fmt.Errorf("set exactly one of geography (%q) or organization_region (%q), not both", q.Geography, q.OrganizationRegion)
	case !hasGeo && !hasRegion:
		return Plan{}, fmt.Errorf("set exactly one of geography or organization_region")
	}

	var (
		geo          Geography
		fallbackFrom []string // regions whose capacity fallbacks apply
		err          error
	)
	if hasGeo {
		geo, err = LookupGeography(q.Geography)
		if err != nil {
			return Plan{}, err
		}
		fallbackFrom = geo.Regions
	} else {
		var region string
		geo, region, err = GeographyOfRegion(q.OrganizationRegion)
		if err != nil {
			return Plan{}, err
		}
		fallbackFrom = []string{region}
	}

	regions := map[string]bool{}
	for _, r := range geo.Regions {
		regions[r] = true
	}
	var fallbacks []string
	if q.IncludeCapacityFallback {
		seen := map[string]bool{}
		for _, r := range fallbackFrom {
			name, ok := capacityFallbacks[r]
			if !ok || name == geo.Name || seen[name] {
				continue
			}
			seen[name] = true
			fb, _ := byName(name)
			for _, fr := range fb.Regions {
				regions[fr] = true
			}
			fallbacks = append(fallbacks, name)
		}
	}
	sort.Strings(fallbacks)
	return Plan{Geography: geo.Name, Regions: sortedKeys(regions), FallbackGeographies: fallbacks}, nil
}

// LookupGeography finds an organisation geography by name or short form, case-insensitively.
func LookupGeography(name string) (Geography, error) {
	key := normalise(name)
	for _, g := range geographies {
		if normalise(g.Name) == key {
			return g, nil
		}
		for _, a := range g.Aliases {
			if normalise(a) == key {
				return g, nil
			}
		}
	}
	return Geography{}, fmt.Errorf("geography %q is not an Azure DevOps organisation geography; valid values: %s (short forms: %s)",
		name, quoteAll(GeographyNames()), quoteAll(allAliases()))
}

// GeographyOfRegion finds the geography of an organisation region given as a display name
// ("West Europe") or an ARM name ("westeurope"). It returns the geography and the ARM name.
func GeographyOfRegion(region string) (Geography, string, error) {
	key := normalise(region)
	for _, g := range geographies {
		for _, r := range g.Regions {
			if r == key {
				return g, r, nil
			}
		}
	}
	return Geography{}, "", fmt.Errorf("organization_region %q is not a region of any Azure DevOps organisation geography; valid values: %s",
		region, quoteAll(OrganizationRegions()))
}

// OrganizationRegions lists every ARM region that belongs to an organisation geography, sorted.
func OrganizationRegions() []string {
	all := map[string]bool{}
	for _, g := range geographies {
		for _, r := range g.Regions {
			all[r] = true
		}
	}
	return sortedKeys(all)
}

// normalise folds case and drops the separators people type in region and geography names,
// so "West Europe", "west-europe" and "westeurope" compare equal.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r == ' ' || r == '-' || r == '_' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func allAliases() []string {
	var out []string
	for _, g := range geographies {
		out = append(out, g.Aliases...)
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
