terraform {
  required_providers {
    azureiprange = {
      source = "azureiprange/azureiprange"
    }
  }
}

# Addresses that must reach the AKS API server: on-premises ranges plus the build agents.
variable "allowed_cidrs" {
  type = list(string)
  default = [
    "203.0.113.0/25",
    "203.0.113.128/25",
    "198.51.100.7",
    "198.51.100.9",
    "192.0.2.0/24",
  ]
}

locals {
  # AKS accepts at most 200 authorized IP ranges. compact returns the input merged
  # losslessly when it fits, or else the cover that adds the fewest extra addresses.
  aks_authorized_ip_ranges = provider::azureiprange::compact(var.allowed_cidrs, 200)
}

output "aks_authorized_ip_ranges" {
  value = local.aks_authorized_ip_ranges
  # ["192.0.2.0/24", "198.51.100.7/32", "198.51.100.9/32", "203.0.113.0/24"]
}
