// Package devops knows where Microsoft-hosted Azure DevOps agents run: the organisation
// geographies, the Azure regions inside each, and the capacity fallbacks between them.
package devops

import "slices"

// geography is an Azure DevOps organisation geography and the ARM regions its hosted agents
// may run in.
type geography struct {
	name    string   // canonical name, as Azure DevOps shows it ("United States")
	aliases []string // short forms accepted as input besides the name ("US")
	regions []string // ARM region names, sorted
}

// Sources:
//   - "Microsoft-hosted agents run in the same geography as your organization … use the IP
//     ranges from all of the regions that are contained in your geography"
//     (learn.microsoft.com/azure/devops/pipelines/agents/hosted, "Networking").
//   - Organisation geographies: United States, Europe, United Kingdom, Asia Pacific, Australia,
//     Brazil, Canada, India (Azure DevOps data location documentation).
//   - Regions per geography: every region azureGeographies places in it (regions.go), but the
//     ones left out on purpose (leftOut), plus those a file carries that the naming rules place
//     in it (naming.go).
var geographies = withTableRegions([]geography{
	{name: "United States", aliases: []string{"US", "USA"}},
	{name: "Europe", aliases: []string{"EU"}},
	{name: "United Kingdom", aliases: []string{"UK", "GB"}},
	{name: "Asia Pacific", aliases: []string{"APAC"}},
	{name: "Australia", aliases: []string{"AU"}},
	{name: "Brazil", aliases: []string{"BR"}},
	{name: "Canada", aliases: []string{"CA"}},
	{name: "India", aliases: []string{"IN"}},
})

// france is only ever reached as a capacity fallback: no organisation is hosted there.
var france = geography{name: "France", regions: tableRegions("France")}

// withTableRegions fills each geography's regions from the table of Azure regions.
func withTableRegions(gs []geography) []geography {
	for i := range gs {
		gs[i].regions = tableRegions(gs[i].name)
	}
	return gs
}

// tableRegions lists the regions azureGeographies places in geography, but the left-out ones, sorted.
func tableRegions(geography string) []string {
	var out []string
	for region, g := range azureGeographies {
		if g == geography && leftOut[region] == "" {
			out = append(out, region)
		}
	}
	slices.Sort(out)
	return out
}

// capacityFallbacks maps an organisation region to the extra geography its agents may run in
// when its own geography lacks capacity ("an organization in Brazil South may also use the
// United States; one in West Europe also France").
var capacityFallbacks = map[string]string{
	"brazilsouth": "United States",
	"westeurope":  "France",
}

// displayNames are the region names Azure DevOps shows in an organisation's settings.
var displayNames = map[string]string{
	"centralus": "Central US", "eastus": "East US", "eastus2": "East US 2", "eastus3": "East US 3",
	"northcentralus": "North Central US", "southcentralus": "South Central US",
	"southcentralus2": "South Central US 2", "southeastus": "Southeast US", "southeastus3": "Southeast US 3",
	"westcentralus": "West Central US", "westus": "West US", "westus2": "West US 2", "westus3": "West US 3",
	"northeurope": "North Europe", "northeurope2": "North Europe 2", "westeurope": "West Europe",
	"uksouth": "UK South", "ukwest": "UK West",
	"eastasia": "East Asia", "southeastasia": "Southeast Asia",
	"australiacentral": "Australia Central", "australiacentral2": "Australia Central 2",
	"australiaeast": "Australia East", "australiasoutheast": "Australia Southeast",
	"brazilsouth": "Brazil South", "brazilsoutheast": "Brazil Southeast",
	"canadacentral": "Canada Central", "canadaeast": "Canada East",
	"centralindia": "Central India", "jioindiacentral": "Jio India Central", "jioindiawest": "Jio India West",
	"southindia": "South India", "westindia": "West India",
	"francecentral": "France Central", "francesouth": "France South",
}

// byName finds a geography, including the fallback-only France, by canonical name.
func byName(name string) (geography, bool) {
	if name == france.name {
		return france, true
	}
	for _, g := range geographies {
		if g.name == name {
			return g, true
		}
	}
	return geography{}, false
}
