# Plans the whole configuration with the real azurerm provider's schema and validators but
# without Azure: mock_provider answers azurerm's reads and computed values, while the lists
# this provider fits are real and known at plan time, so azurerm checks every entry as Azure
# would receive it. Run offline with AZUREIPRANGE_SERVICE_TAGS_FILE pointing at a snapshot.
mock_provider "azurerm" {}

variables {
  tenant_id = "00000000-0000-0000-0000-000000000000"
}

run "every_consumer_accepts_its_list" {
  command = plan

  assert {
    condition     = length(azurerm_kubernetes_cluster.this.api_server_access_profile[0].authorized_ip_ranges) <= 200
    error_message = "AKS takes at most 200 authorized IP ranges."
  }
  assert {
    condition     = length(azurerm_storage_account.this.network_rules[0].ip_rules) <= 400 && alltrue([for r in azurerm_storage_account.this.network_rules[0].ip_rules : !endswith(r, "/31") && !endswith(r, "/32")])
    error_message = "A storage account takes at most 400 IP rules, none a /31 or /32 in CIDR form."
  }
  assert {
    condition     = length(azurerm_mssql_firewall_rule.agents) <= 128
    error_message = "A SQL server takes at most 128 firewall rules."
  }
  assert {
    condition     = length(local.acr_fit.entries) <= 100 && length(local.event_hubs_fit.entries) <= 128 && length(local.key_vault_fit.entries) <= 1000
    error_message = "A registry takes 100 IP rules, an Event Hubs namespace 128, a key vault 1,000."
  }
  assert {
    condition     = output.fit_costs.storage_account.untrusted_extra_addresses == 0 && output.fit_costs.aks.output_count == 200
    error_message = "The West Europe agents fit a storage account without admitting non-Microsoft addresses, and fill AKS's 200 entries."
  }
}
