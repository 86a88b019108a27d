package devops

import (
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Azure names a region after its geography and a direction: westus3, northeurope2, uksouth,
// centralindia, jioindiawest, southafricanorth. These rules tell a region's geography from its
// ARM name alone, for a region newer than azureGeographies. Each was checked on every region
// of that table (TestNamingRulesPlaceEveryKnownRegion): a rule places each region of its
// geography and nothing else, the left-out regions (euap, stg, brazilne) fit no rule, and no
// name fits two rules. A name that fits none, or two, has no geography that can be told.
//
// Examples checked: United States "centralus", "southcentralus2", "southeastus3" (and the later
// "northeastus5"); Europe "northeurope2"; India "centralindia", "jioindiacentral" (and the later
// "indiasouthcentral"); Asia Pacific "southeastasia"; South Africa "southafricanorth".
//
// The rules are compiled on first use: only a file with a region the table does not know needs
// them, and compiling thirty expressions at start-up cost every provider process 2.5 ms (a plan
// starts three).
var namingRules = sync.OnceValue(func() []namingRule {
	const dir = `(north|south|east|west|central)+`
	rules := []namingRule{
		{geography: "United States", pattern: `^` + dir + `us[0-9]*$`},
		{geography: "Europe", pattern: `^` + dir + `europe[0-9]*$`},
		{geography: "Asia Pacific", pattern: `^` + dir + `asia[0-9]*$`},
		{geography: "India", pattern: `^(jio)?(` + dir + `india|india` + dir + `)[0-9]*$`},
	}
	// The other geographies put their name first: uk, australia, brazil, canada, france, ...
	for geography, stem := range map[string]string{
		"United Kingdom": "uk", "Australia": "australia", "Brazil": "brazil", "Canada": "canada", "France": "france",
		"Germany": "germany", "Norway": "norway", "Switzerland": "switzerland", "Sweden": "sweden", "Poland": "poland",
		"Italy": "italy", "Spain": "spain", "Austria": "austria", "Belgium": "belgium", "Japan": "japan", "Korea": "korea",
		"Israel": "israel", "Qatar": "qatar", "UAE": "uae", "South Africa": "southafrica", "Mexico": "mexico",
		"Chile": "chile", "Indonesia": "indonesia", "Malaysia": "malaysia", "New Zealand": "newzealand", "Taiwan": "taiwan",
	} {
		rules = append(rules, namingRule{geography: geography, pattern: `^` + stem + dir + `[0-9]*$`})
	}
	for i := range rules {
		rules[i].re = regexp.MustCompile(rules[i].pattern)
	}
	slices.SortFunc(rules, func(a, b namingRule) int { return strings.Compare(a.geography, b.geography) })
	return rules
})

type namingRule struct {
	geography, pattern string
	re                 *regexp.Regexp
}

// geographyByName returns the geography the naming rules give an ARM region name, or "" when
// no rule fits it or more than one does.
func geographyByName(region string) string {
	found := ""
	for _, r := range namingRules() {
		if r.re.MatchString(region) {
			if found != "" {
				return ""
			}
			found = r.geography
		}
	}
	return found
}
