// Package servicetags parses Microsoft's "Azure IP Ranges and Service Tags" JSON files and
// selects service tags from them by name, service and region.
//
// Parsing is fail-closed: anything that is not a complete, well-formed file of the published
// schema is an error that says what is wrong and where, because a silently shrunken or
// garbled allow-list is worse than a failed plan.
package servicetags

// Clouds that publish a service tags file. AzureGermany is retired but its last files still parse.
const (
	// CloudPublic is the global Azure cloud.
	CloudPublic = "Public"
	// CloudAzureGovernment is Azure US Government.
	CloudAzureGovernment = "AzureGovernment"
	// CloudChina is Azure operated by 21Vianet.
	CloudChina = "China"
	// CloudAzureGermany is the retired Azure Germany cloud.
	CloudAzureGermany = "AzureGermany"
)

// knownClouds lists the accepted values of the file's "cloud" field, in the order errors show them.
var knownClouds = []string{CloudPublic, CloudAzureGovernment, CloudChina, CloudAzureGermany}

func isKnownCloud(c string) bool {
	for _, k := range knownClouds {
		if c == k {
			return true
		}
	}
	return false
}
