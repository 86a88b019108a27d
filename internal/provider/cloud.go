package provider

import (
	"fmt"
	"strings"
)

// cloudAliases maps every accepted spelling (lower-cased) to the cloud name used in the file.
// azurerm's `environment` values are accepted so one variable can feed both providers.
var cloudAliases = map[string]string{
	"public":            "Public",
	"azurecloud":        "Public",
	"azuregovernment":   "AzureGovernment",
	"usgovernment":      "AzureGovernment",
	"azureusgovernment": "AzureGovernment",
	"china":             "China",
	"azurechinacloud":   "China",
}

// canonicalCloud turns a user's cloud name into the file's spelling, or explains what is valid.
func canonicalCloud(argument, value string) (string, error) {
	if c, ok := cloudAliases[strings.ToLower(strings.TrimSpace(value))]; ok {
		return c, nil
	}
	return "", fmt.Errorf("%s %q is not a cloud with a service tags file; use \"Public\", \"AzureGovernment\" or \"China\" (case-insensitive; azurerm's \"public\", \"usgovernment\" and \"china\" work too)", argument, value)
}
