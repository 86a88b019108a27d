# Quickstart: the address ranges Microsoft-hosted Azure DevOps agents of a European
# organisation may come from, condensed to fit an AKS API server's authorized IP ranges.
terraform {
  required_version = ">= 1.8"
  required_providers {
    azureiprange = {
      source = "azureiprange/azureiprange"
    }
  }
}

# Every argument is optional. Set AZUREIPRANGE_SERVICE_TAGS_FILE to a downloaded
# ServiceTags_Public_<date>.json (gzip is fine) to run without network access.
provider "azureiprange" {}

data "azureiprange_service_tags" "west_europe" {
  names = ["AzureCloud.westeurope", "AzureCloud.northeurope"]
}

data "azureiprange_devops_geography" "agents" {
  geography = "Europe"
}

# All of Microsoft's public cloud: compaction widens inside it before it widens
# into the internet.
data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}

locals {
  office_cidrs = ["203.0.113.0/24"]
  allowed      = concat(data.azureiprange_devops_geography.agents.ipv4_cidrs, local.office_cidrs)
  compaction   = provider::azureiprange::compact_report(local.allowed, 200, data.azureiprange_service_tags.azure.address_prefixes)
}

output "file" {
  value = "${data.azureiprange_devops_geography.agents.source} (change ${data.azureiprange_devops_geography.agents.change_number})"
}

output "europe_ipv4_prefix_count" {
  value = length(data.azureiprange_service_tags.west_europe.ipv4_cidrs)
}

output "devops_regions" {
  value = data.azureiprange_devops_geography.agents.regions
}

output "aks_authorized_ip_ranges" {
  value = local.compaction.cidrs
}

output "compaction" {
  description = "What fitting the list into 200 entries cost; untrusted_extra_addresses are the admitted addresses outside Microsoft's space."
  value       = { for k, v in local.compaction : k => v if k != "cidrs" }
}
