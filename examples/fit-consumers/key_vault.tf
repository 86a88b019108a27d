# Key vault: up to 1,000 IPv4 rules, public addresses only.
locals {
  key_vault_fit = provider::azureiprange::fit_report(local.agents, "key_vault", local.azure)
}

resource "azurerm_key_vault" "this" {
  name                       = "kv-${var.name_prefix}"
  resource_group_name        = azurerm_resource_group.this.name
  location                   = azurerm_resource_group.this.location
  tenant_id                  = var.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = local.key_vault_fit.entries
  }
}
