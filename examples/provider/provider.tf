terraform {
  required_version = ">= 1.8"

  required_providers {
    azureiprange = {
      source = "azureiprange/azureiprange"
    }
  }
}

# Every argument is optional: an empty `provider "azureiprange" {}` block (or
# none at all) downloads the current Public-cloud file and caches it on disk.
provider "azureiprange" {
  # Cloud whose file the data sources read: "Public" (default),
  # "AzureGovernment" or "China". azurerm's "public", "usgovernment" and
  # "china" are accepted too. Environment: AZUREIPRANGE_CLOUD.
  cloud = "Public"

  # Pin one week's file for an air-gapped or reproducible run. When set, the
  # provider never goes to the network. Environment: AZUREIPRANGE_SERVICE_TAGS_FILE.
  # service_tags_file = "${path.root}/ServiceTags_Public_20251013.json"

  # Or download exactly this URL (an internal mirror, or a dated file).
  # http:// is only accepted for loopback hosts. Environment:
  # AZUREIPRANGE_SERVICE_TAGS_URL.
  # service_tags_url = "https://artifacts.example.internal/azure/ServiceTags_Public_20251013.json"

  # Where downloads are cached. Default: <user cache dir>/terraform-provider-azureiprange.
  # Environment: AZUREIPRANGE_CACHE_DIR.
  # cache_dir = "/var/cache/terraform-provider-azureiprange"

  # How long a cached file is reused before the server is asked again
  # (default "6h"; "0s" disables the cache).
  cache_ttl = "6h"

  # Timeout for each HTTP request (default "60s").
  request_timeout = "60s"
}
