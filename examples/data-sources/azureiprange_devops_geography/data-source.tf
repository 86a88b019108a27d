terraform {
  # provider::azureiprange::compact needs Terraform 1.8 or later.
  required_version = ">= 1.8"

  required_providers {
    azureiprange = {
      source = "azureiprange/azureiprange"
    }
  }
}

# Every AzureCloud.<region> prefix of the Europe geography, where
# Microsoft-hosted agents of a European organisation may run. Here without the
# France regions Microsoft falls back to under capacity pressure.
data "azureiprange_devops_geography" "europe" {
  geography                 = "Europe"
  include_capacity_fallback = false
}

# Or name the organisation's region as shown in its settings. With the
# default include_capacity_fallback = true, West Europe also brings in the
# France regions.
data "azureiprange_devops_geography" "org" {
  organization_region = "West Europe"
}

locals {
  # AKS accepts at most 200 IPv4 ranges: condense the list to fit.
  aks_authorized_ip_ranges = provider::azureiprange::compact(
    data.azureiprange_devops_geography.org.ipv4_cidrs,
    200,
  )
}

output "europe_regions" {
  value = data.azureiprange_devops_geography.europe.regions
}

output "org_service_tags" {
  description = "The AzureCloud.<region> tags behind the organisation's list."
  value       = data.azureiprange_devops_geography.org.service_tags
}

output "aks_authorized_ip_ranges" {
  value = local.aks_authorized_ip_ranges
}
