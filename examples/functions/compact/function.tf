terraform {
  required_providers {
    azureiprange = { source = "azureiprange/azureiprange" }
  }
}

# Addresses that must reach the AKS API server: on-premises ranges plus the build agents.
variable "allowed_cidrs" {
  type = list(string)
  default = [
    "203.0.113.0/25",
    "203.0.113.128/25",
    "20.51.100.7",
    "20.51.100.9",
    "192.0.2.0/24",
  ]
}

locals {
  # AKS accepts at most 200 authorized IP ranges. compact returns the input merged
  # losslessly when it fits, or else the cover that admits the fewest extra addresses.
  aks_authorized_ip_ranges = provider::azureiprange::compact(var.allowed_cidrs, 200)

  # In real use the third argument is Microsoft's whole cloud,
  # data.azureiprange_service_tags.<x>.address_prefixes with names = ["AzureCloud"].
  # Here five agents must fit in three entries, and 20.51.100.0/29 is trusted
  # space (say, a cloud you trust): widening inside it costs less.
  agents  = ["20.51.100.0", "20.51.100.2", "20.51.100.4", "20.51.100.16", "20.51.100.18"]
  trusted = ["20.51.100.0/29"]

  three         = provider::azureiprange::compact(local.agents, 3)
  three_trusted = provider::azureiprange::compact(local.agents, 3, local.trusted)
}

output "aks_authorized_ip_ranges" {
  value = local.aks_authorized_ip_ranges
  # ["20.51.100.7/32", "20.51.100.9/32", "192.0.2.0/24", "203.0.113.0/24"]
}

output "three" {
  # The fewest extra addresses (4), two of them untrusted (.17 and .19).
  value = local.three
  # ["20.51.100.0/30", "20.51.100.4/32", "20.51.100.16/30"]
}

output "three_trusted" {
  # One more extra address (5), but all inside the trusted /29.
  value = local.three_trusted
  # ["20.51.100.0/29", "20.51.100.16/32", "20.51.100.18/32"]
}
