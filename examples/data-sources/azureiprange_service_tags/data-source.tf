terraform {
  required_providers {
    azureiprange = {
      source = "azureiprange/azureiprange"
    }
  }
}

# Select tags by exact name (case-insensitive). An unknown name is an error,
# so a typo can never shrink an allow-list without anyone noticing.
data "azureiprange_service_tags" "devops_and_west_europe" {
  names = [
    "AzureDevOps",
    "AzureCloud.westeurope",
  ]
}

# Select by service and region: every Storage and Sql tag of France Central
# and West Europe. Regions take ARM names ("francecentral") or the strings
# the file itself uses ("centralfrance").
data "azureiprange_service_tags" "storage_sql_europe" {
  services = ["Storage", "Sql"]
  regions  = ["francecentral", "westeurope"]
}

# A service on its own selects every tag of that service, regional or not.
data "azureiprange_service_tags" "front_door" {
  services = ["AzureFrontDoor"]
}

output "devops_ipv4_cidrs" {
  description = "Merged IPv4 prefixes of AzureDevOps and AzureCloud.westeurope."
  value       = data.azureiprange_service_tags.devops_and_west_europe.ipv4_cidrs
}

output "storage_sql_tag_names" {
  description = "Names of the tags the service/region selection matched."
  value       = [for t in data.azureiprange_service_tags.storage_sql_europe.tags : t.name]
}

output "storage_sql_prefix_count" {
  description = "Number of merged prefixes (IPv4 and IPv6) in the selection."
  value       = length(data.azureiprange_service_tags.storage_sql_europe.address_prefixes)
}

output "front_door_ipv6_cidrs" {
  value = data.azureiprange_service_tags.front_door.ipv6_cidrs
}

output "file_version" {
  description = "Which weekly file answered: its change number and where it came from."
  value = {
    cloud         = data.azureiprange_service_tags.devops_and_west_europe.cloud
    change_number = data.azureiprange_service_tags.devops_and_west_europe.change_number
    source        = data.azureiprange_service_tags.devops_and_west_europe.source
  }
}
