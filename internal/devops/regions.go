package devops

// azureGeographies places every region of the Public cloud's service tags file, by its ARM
// name, in its Azure geography: the "Geography" column of Microsoft's list of Azure regions
// (learn.microsoft.com/azure/reliability/regions-list), checked 2026-12-05 against every
// AzureCloud.<region> tag of the Public files 2024-04-08, 2025-10-13 and 2025-10-28. It
// covers far more than the Azure DevOps geographies so that a region it does not know really
// is new: that one is placed by its name (naming.go) and named in a warning.
var azureGeographies = map[string]string{
	// The Azure DevOps organisation geographies.
	"centralus": "United States", "eastus": "United States", "eastus2": "United States", "eastus3": "United States",
	"northcentralus": "United States", "southcentralus": "United States", "southcentralus2": "United States",
	"southeastus": "United States", "southeastus3": "United States", "westcentralus": "United States",
	"westus": "United States", "westus2": "United States", "westus3": "United States",
	"centraluseuap": "United States", "eastus2euap": "United States", "eastusstg": "United States", "southcentralusstg": "United States",
	"northeurope": "Europe", "northeurope2": "Europe", "westeurope": "Europe",
	"uksouth": "United Kingdom", "ukwest": "United Kingdom",
	"eastasia": "Asia Pacific", "southeastasia": "Asia Pacific",
	"australiacentral": "Australia", "australiacentral2": "Australia", "australiaeast": "Australia", "australiasoutheast": "Australia",
	"brazilsouth": "Brazil", "brazilsoutheast": "Brazil", "brazilne": "Brazil",
	"canadacentral": "Canada", "canadaeast": "Canada",
	"centralindia": "India", "southindia": "India", "westindia": "India", "jioindiacentral": "India", "jioindiawest": "India",
	// France: the capacity fallback of West Europe.
	"francecentral": "France", "francesouth": "France",
	// Geographies where Azure DevOps hosts no organisation.
	"germanynorth": "Germany", "germanywestcentral": "Germany",
	"norwayeast": "Norway", "norwaywest": "Norway",
	"switzerlandnorth": "Switzerland", "switzerlandwest": "Switzerland",
	"swedencentral": "Sweden", "swedensouth": "Sweden",
	"polandcentral": "Poland", "italynorth": "Italy", "spaincentral": "Spain", "austriaeast": "Austria", "belgiumcentral": "Belgium",
	"japaneast": "Japan", "japanwest": "Japan", "koreacentral": "Korea", "koreasouth": "Korea",
	"israelcentral": "Israel", "israelnorthwest": "Israel", "qatarcentral": "Qatar", "uaecentral": "UAE", "uaenorth": "UAE",
	"southafricanorth": "South Africa", "southafricawest": "South Africa",
	"mexicocentral": "Mexico", "chilecentral": "Chile",
	"indonesiacentral": "Indonesia", "malaysiasouth": "Malaysia", "malaysiawest": "Malaysia",
	"newzealandnorth": "New Zealand", "taiwannorth": "Taiwan", "taiwannorthwest": "Taiwan",
}

// leftOut are regions the file places in an agents' geography that hosted agents never run in.
var leftOut = map[string]string{
	"centraluseuap":     "an early-access (EUAP) canary region that runs no customer workloads",
	"eastus2euap":       "an early-access (EUAP) canary region that runs no customer workloads",
	"eastusstg":         "a staging region (usstagee in the file) that runs no customer workloads",
	"southcentralusstg": "a staging region (usstagec in the file) that runs no customer workloads",
	"brazilne":          "its AzureCloud tag is the only one (2024-04-08 to 2025-10-28): no service runs there, so no hosted agent does",
}

// announced lists regions that Microsoft has announced but that no Public service tags file
// carried for years (eastus3: none from 2019-07 to 2025-10). Their missing tag is expected, so
// it must not warn on every plan; the region is used as soon as a file publishes it.
var announced = map[string]bool{"eastus3": true}
