# The allow-list itself: everything here reads Microsoft's weekly file and
# needs no Azure credentials (main.tf holds the cluster).

# Every AzureCloud.<region> prefix of the regions Microsoft-hosted Azure
# DevOps agents of this organisation may run in. Re-read on every plan, so the
# allow-list follows Microsoft's weekly updates.
data "azureiprange_devops_geography" "agents" {
  geography           = var.devops_organization_region == null ? var.devops_geography : null
  organization_region = var.devops_organization_region

  include_capacity_fallback = var.devops_include_capacity_fallback
}

# All of Microsoft's public cloud, from the same file. Widening the list inside
# it only admits machines of other Azure tenants, which the agents' own regions
# already hold; widening outside it admits arbitrary internet hosts.
data "azureiprange_service_tags" "azure" {
  names = ["AzureCloud"]
}

locals {
  # Agent prefixes plus the caller's own ranges, condensed to fit AKS's limit.
  # When the merged list fits, nothing is added; otherwise the optimum admits
  # the fewest addresses outside Microsoft's space, then the fewest in all.
  candidate_cidrs = concat(data.azureiprange_devops_geography.agents.ipv4_cidrs, var.office_cidrs)

  compaction = provider::azureiprange::compact_report(
    local.candidate_cidrs,
    var.max_authorized_ranges,
    data.azureiprange_service_tags.azure.address_prefixes,
  )

  authorized_ip_ranges = local.compaction.cidrs
}

output "authorized_ip_ranges" {
  description = "The IPv4 ranges allowed to reach the AKS API server."
  value       = local.authorized_ip_ranges

  # Refuse a list that would allow a block wider than min_prefix_length, such as
  # a /8 after max_authorized_ranges was lowered or a geography grew. A
  # precondition fails the plan; a check block would only warn.
  precondition {
    condition     = local.compaction.widest_prefix_length >= var.min_prefix_length
    error_message = "Compaction to ${var.max_authorized_ranges} entries would allow a /${local.compaction.widest_prefix_length}, wider than the /${var.min_prefix_length} allowed by min_prefix_length; raise max_authorized_ranges or narrow the input."
  }
}

# A softer budget: warn in every plan once compaction admits more than
# max_untrusted_addresses addresses outside Microsoft's space.
check "non_microsoft_addresses" {
  assert {
    condition     = local.compaction.untrusted_extra_addresses <= var.max_untrusted_addresses
    error_message = "The authorized ranges admit ${local.compaction.untrusted_extra_addresses} addresses outside Microsoft's AzureCloud space, more than max_untrusted_addresses (${var.max_untrusted_addresses})."
  }
}

output "compaction" {
  description = "What fitting the list under max_authorized_ranges cost (without the list itself): counts before and after merging, extra addresses admitted in all and outside Microsoft's space."
  value       = { for k, v in local.compaction : k => v if k != "cidrs" }
}

output "non_microsoft_addresses_admitted" {
  description = "Addresses outside the agent and office ranges and outside Microsoft's AzureCloud space that the list admits: the exposure compaction adds."
  value       = local.compaction.untrusted_extra_addresses
}

output "devops_regions" {
  description = "Regions whose AzureCloud prefixes are included for the DevOps agents."
  value       = data.azureiprange_devops_geography.agents.regions
}

output "service_tags_change_number" {
  description = "changeNumber of the weekly file the list was computed from."
  value       = data.azureiprange_devops_geography.agents.change_number
}
