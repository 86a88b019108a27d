output "authorized_ip_ranges" {
  description = "The IPv4 ranges allowed to reach the AKS API server."
  value       = local.authorized_ip_ranges
}

output "compaction" {
  description = "What fitting the list under max_authorized_ranges cost: counts before and after merging, and how many addresses outside the input the list now admits."
  value       = local.compaction
}

output "devops_regions" {
  description = "Regions whose AzureCloud prefixes are included for the DevOps agents."
  value       = data.azureiprange_devops_geography.agents.regions
}

output "service_tags_change_number" {
  description = "changeNumber of the weekly file the list was computed from."
  value       = data.azureiprange_devops_geography.agents.change_number
}

output "cluster_id" {
  value = azurerm_kubernetes_cluster.this.id
}
