// Package devops knows where Microsoft-hosted Azure DevOps agents run: the organisation
// geographies, the Azure regions inside each, and the capacity fallbacks between them.
package devops

// geography is an Azure DevOps organisation geography and the ARM regions its hosted agents
// may run in.
type geography struct {
	name    string   // canonical name, as Azure DevOps shows it ("United States")
	aliases []string // short forms accepted as input besides the name ("US")
	regions []string // ARM region names, sorted
}

// Sources for the tables below:
//   - "Microsoft-hosted agents run in the same geography as your organization … use the IP
//     ranges from all of the regions that are contained in your geography"
//     (learn.microsoft.com/azure/devops/pipelines/agents/hosted, "Networking").
//   - Organisation geographies: United States, Europe, United Kingdom, Asia Pacific, Australia,
//     Brazil, Canada, India (Azure DevOps data location documentation).
//   - Regions per geography: the "Geography" column of the Azure regions list, plus the newer
//     regions the service-tags file already publishes for the geography (southcentralus2,
//     southeastus, southeastus3, northeurope2, jioindia*) and announced ones (eastus3).
//   - Left out on purpose, though the file shows them in these geographies: the EUAP canary
//     regions (centraluseuap, eastus2euap) and the staging regions (usstagec, usstagee), which
//     run no customer workloads, and brazilne, which carries only its AzureCloud tag and no
//     service at all (2024-04-08 to 2025-10-28): hosted agents run where services run.
var geographies = []geography{
	{
		name:    "United States",
		aliases: []string{"US", "USA"},
		regions: []string{
			"centralus", "eastus", "eastus2", "eastus3", "northcentralus", "southcentralus",
			"southcentralus2", "southeastus", "southeastus3", "westcentralus", "westus",
			"westus2", "westus3",
		},
	},
	{name: "Europe", aliases: []string{"EU"}, regions: []string{"northeurope", "northeurope2", "westeurope"}},
	{name: "United Kingdom", aliases: []string{"UK", "GB"}, regions: []string{"uksouth", "ukwest"}},
	{name: "Asia Pacific", aliases: []string{"APAC"}, regions: []string{"eastasia", "southeastasia"}},
	{
		name:    "Australia",
		aliases: []string{"AU"},
		regions: []string{"australiacentral", "australiacentral2", "australiaeast", "australiasoutheast"},
	},
	{name: "Brazil", aliases: []string{"BR"}, regions: []string{"brazilsouth", "brazilsoutheast"}},
	{name: "Canada", aliases: []string{"CA"}, regions: []string{"canadacentral", "canadaeast"}},
	{
		name:    "India",
		aliases: []string{"IN"},
		regions: []string{"centralindia", "jioindiacentral", "jioindiawest", "southindia", "westindia"},
	},
}

// france is only ever reached as a capacity fallback: no organisation is hosted there.
var france = geography{name: "France", regions: []string{"francecentral", "francesouth"}}

// capacityFallbacks maps an organisation region to the extra geography its agents may run in
// when its own geography lacks capacity ("an organization in Brazil South may also use the
// United States; one in West Europe also France").
var capacityFallbacks = map[string]string{
	"brazilsouth": "United States",
	"westeurope":  "France",
}

// announced lists regions that Microsoft has announced but that no Public service tags file
// has ever carried (eastus3: none from 2019-07 to 2025-10). Their missing tag is expected, so
// it must not warn on every plan; the region is used as soon as a file publishes it.
var announced = map[string]bool{"eastus3": true}

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
