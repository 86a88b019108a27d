# Every AzureCloud.<region> prefix of the regions where the organisation's Microsoft-hosted
# agents may run (West Europe: Europe and its France capacity fallback), plus your own ranges.
data "azureiprange_devops_geography" "agents" {
  organization_region = var.organization_region
}

# All of Microsoft's public cloud, from the same file: widening a list inside it admits other
# tenants' machines in Azure, which the agents' own regions already hold, never arbitrary
# internet hosts, so every fit below widens there first.
data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}

locals {
  agents = concat(data.azureiprange_devops_geography.agents.ipv4_cidrs, var.office_cidrs)
  azure  = data.azureiprange_service_tags.azure.address_prefixes
}

resource "azurerm_resource_group" "this" {
  name     = "rg-${var.name_prefix}"
  location = var.location
}
