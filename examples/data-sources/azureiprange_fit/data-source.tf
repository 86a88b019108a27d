terraform {
  # Data sources need no provider functions: this works on Terraform 1.0 and later.
  required_providers {
    azureiprange = {
      source = "azureiprange/azureiprange"
    }
  }
}

data "azureiprange_devops_geography" "agents" {
  organization_region = "West Europe"
}

# All of Microsoft's public cloud: widening inside it is cheaper than into the internet.
data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}

# The same computation as provider::azureiprange::fit_report, for Terraform versions before
# 1.8. Up to 400 storage account IP rules, single addresses bare and never a /31.
data "azureiprange_fit" "storage" {
  cidrs   = data.azureiprange_devops_geography.agents.ipv4_cidrs
  target  = "storage_account"
  trusted = data.azureiprange_service_tags.azure.address_prefixes
}

# limit lowers (or raises) the target's: here 100 of the SQL server's 128 rules, leaving 28
# for other clients.
data "azureiprange_fit" "sql" {
  cidrs   = data.azureiprange_devops_geography.agents.ipv4_cidrs
  target  = "sql_server"
  limit   = 100
  trusted = data.azureiprange_service_tags.azure.address_prefixes
}

output "storage_ip_rules" {
  value = data.azureiprange_fit.storage.entries
}

output "sql_firewall_ranges" {
  # Ranges such as "20.38.64.0-20.38.95.255": split("-", each.value) gives start and end.
  value = data.azureiprange_fit.sql.entries
}

output "sql_cost" {
  value = {
    entries                   = data.azureiprange_fit.sql.output_count
    untrusted_extra_addresses = data.azureiprange_fit.sql.untrusted_extra_addresses
    largest_entry_addresses   = data.azureiprange_fit.sql.largest_entry_addresses
  }
}
