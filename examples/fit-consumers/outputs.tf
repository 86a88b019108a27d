output "fit_costs" {
  description = "What each consumer's limit cost: entries, and addresses admitted beyond the agents (untrusted: outside Microsoft's AzureCloud space)."
  value = {
    for consumer, fit in {
      aks                = local.aks_fit
      storage_account    = local.storage_fit
      sql_server         = local.sql_fit
      container_registry = local.acr_fit
      key_vault          = local.key_vault_fit
      event_hubs         = local.event_hubs_fit
      ip_group           = local.ip_group_fit
    } : consumer => { for k, v in fit : k => v if k != "entries" }
  }
}

output "devops_service_tags" {
  description = "The AzureCloud.<region> tag names of the agents' regions, for consumers that take service tags."
  value       = data.azureiprange_devops_geography.agents.service_tags
}
