terraform {
  required_providers {
    azureiprange = { source = "azureiprange/azureiprange" }
  }
}

data "azureiprange_devops_geography" "agents" {
  geography = "United Kingdom"
}

data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}

locals {
  # A container registry takes 100 IP rules: more than UK South alone holds.
  registry = provider::azureiprange::fit_report(
    data.azureiprange_devops_geography.agents.ipv4_cidrs,
    "container_registry",
    data.azureiprange_service_tags.azure.address_prefixes,
  )
}

output "registry_ip_rules" {
  value = local.registry.entries

  # Refuse a plan once the limit costs more than a budget of addresses outside Microsoft's space.
  precondition {
    condition     = local.registry.untrusted_extra_addresses <= 1000000
    error_message = "Fitting ${local.registry.merged_count} ranges into ${local.registry.limit} admits ${local.registry.untrusted_extra_addresses} non-Microsoft addresses."
  }
}

output "registry_cost" {
  value = { for k, v in local.registry : k => v if k != "entries" }
}
