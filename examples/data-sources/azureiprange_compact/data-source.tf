terraform {
  # Data sources need no provider functions: this works on Terraform 1.0 and later.
  required_providers {
    azureiprange = {
      source = "azureiprange/azureiprange"
    }
  }
}

data "azureiprange_devops_geography" "agents" {
  geography = "Europe"
}

# All of Microsoft's public cloud: widening inside it is cheaper than into the internet.
data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}

# The same computation as provider::azureiprange::compact_report, for Terraform
# versions before 1.8 where a provider:: call does not parse.
data "azureiprange_compact" "aks" {
  cidrs   = data.azureiprange_devops_geography.agents.ipv4_cidrs
  limit   = 200
  trusted = data.azureiprange_service_tags.azure.address_prefixes
}

output "aks_authorized_ip_ranges" {
  value = data.azureiprange_compact.aks.result
}

output "compaction" {
  value = {
    lossless                  = data.azureiprange_compact.aks.merged_count <= 200
    extra_addresses           = data.azureiprange_compact.aks.extra_addresses
    untrusted_extra_addresses = data.azureiprange_compact.aks.untrusted_extra_addresses
    widest_prefix_length      = data.azureiprange_compact.aks.widest_prefix_length
  }
}
