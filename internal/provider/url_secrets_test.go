package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// A password with an unescaped / ? or # made the URL parser's message quote part of it, and
// a query token without a name (?SECRETTOKEN123) reached source, the cache and the logs.
func TestURLSecretsNeverShown(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		"https://alice:pw/Xy7secret@mirror.example/tags.json",
		"https://alice:pw?Xy7secret@mirror.example/tags.json",
		"https://alice:pw#Xy7secret@mirror.example/tags.json",
		"https://alice:2024/Xy7secret@mirror.example/tags.json",
	} {
		t.Run(raw, func(t *testing.T) {
			t.Parallel()
			expectConfigError(t, `
provider "azureiprange" {
  service_tags_url = "`+raw+`"
}
data "azureiprange_service_tags" "x" {
  names = ["AzureCloud"]
}`, `(?s)service_tags_url is not a valid URL \(it is not shown, as it may hold a password\)`)
		})
	}
	t.Run("bare query token", func(t *testing.T) {
		t.Parallel()
		srv := newSnapshotServer(t)
		srv.serve("/mirror/tags.json", testutil.Snapshot(t, testutil.PublicLatest))
		expectStateWith(t, factoriesWith(srv.transport()), `
provider "azureiprange" {
  service_tags_url = "`+srv.URL+`/mirror/tags.json?SECRETTOKEN123"
  cache_ttl        = "0s"
}
data "azureiprange_service_tags" "x" {
  names = ["AzureCloud.westeurope"]
}`, expectAttr("data.azureiprange_service_tags.x", "source", knownvalue.StringExact(srv.URL+"/mirror/tags.json?REDACTED")))
	})
}
