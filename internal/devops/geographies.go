// Package devops knows where Microsoft-hosted Azure DevOps agents run: the organisation
// geographies, the Azure regions inside each, and the capacity fallbacks between them.
package devops

// Geography is an Azure DevOps organisation geography and the ARM regions its hosted agents
// may run in.
type Geography struct {
	// Name is the canonical name, as Azure DevOps shows it ("United States").
	Name string
	// Aliases are short forms accepted as input besides Name ("US").
	Aliases []string
	// Regions are ARM region names, sorted.
	Regions []string
}

// Sources for the table below:
//   - "Microsoft-hosted agents run in the same geography as your organization … use the IP
//     ranges from all of the regions that are contained in your geography"
//     (learn.microsoft.com/azure/devops/pipelines/agents/hosted, "Networking").
//   - Organisation geographies: United States, Europe, United Kingdom, Asia Pacific, Australia,
//     Brazil, Canada, India (Azure DevOps data location documentation).
//   - Regions per geography: the "Geography" column of the Azure regions list, plus the newer
//     regions the service-tags file already publishes for the geography (eastus3,
//     southcentralus2, southeastus, southeastus3, northeurope2, jioindia*). A region the file
//     does not (yet) carry is reported as a warning by the data source, never an error.
var geographies = []Geography{
	{
		Name:    "United States",
		Aliases: []string{"US", "USA"},
		Regions: []string{
			"centralus", "eastus", "eastus2", "eastus3", "northcentralus", "southcentralus",
			"southcentralus2", "southeastus", "southeastus3", "westcentralus", "westus",
			"westus2", "westus3",
		},
	},
	{
		Name:    "Europe",
		Aliases: []string{"EU"},
		Regions: []string{"northeurope", "northeurope2", "westeurope"},
	},
	{
		Name:    "United Kingdom",
		Aliases: []string{"UK", "GB"},
		Regions: []string{"uksouth", "ukwest"},
	},
	{
		Name:    "Asia Pacific",
		Aliases: []string{"APAC"},
		Regions: []string{"eastasia", "southeastasia"},
	},
	{
		Name:    "Australia",
		Aliases: []string{"AU"},
		Regions: []string{"australiacentral", "australiacentral2", "australiaeast", "australiasoutheast"},
	},
	{
		Name:    "Brazil",
		Aliases: []string{"BR"},
		Regions: []string{"brazilsouth", "brazilsoutheast"},
	},
	{
		Name:    "Canada",
		Aliases: []string{"CA"},
		Regions: []string{"canadacentral", "canadaeast"},
	},
	{
		Name:    "India",
		Aliases: []string{"IN"},
		Regions: []string{"centralindia", "jioindiacentral", "jioindiawest", "southindia", "westindia"},
	},
}

// france is only ever reached as a capacity fallback: no organisation is hosted there.
var france = Geography{Name: "France", Regions: []string{"francecentral", "francesouth"}}

// capacityFallbacks maps an organisation region to the extra geography its agents may run in
// when its own geography lacks capacity ("an organization in Brazil South may also use the
// United States; one in West Europe also France").
var capacityFallbacks = map[string]string{
	"brazilsouth": "United States",
	"westeurope":  "France",
}

// Geographies returns the organisation geographies in a stable order.
func Geographies() []Geography {
	out := make([]Geography, len(geographies))
	copy(out, geographies)
	return out
}

// GeographyNames returns the canonical names of the organisation geographies.
func GeographyNames() []string {
	names := make([]string, len(geographies))
	for i, g := range geographies {
		names[i] = g.Name
	}
	return names
}

// byName finds a geography, including the fallback-only France, by canonical name.
func byName(name string) (Geography, bool) {
	if name == france.Name {
		return france, true
	}
	for _, g := range geographies {
		if g.Name == name {
			return g, true
		}
	}
	return Geography{}, false
}
