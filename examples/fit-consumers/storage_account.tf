# Storage account: up to 400 IP rules, public addresses only, and no /31 or /32 in CIDR form:
# fit writes a single address bare and never a /31 (two addresses or its /30, whichever costs
# less). IP rules do not apply to requests from the account's own Azure region: agents there
# reach it from Microsoft's internal addresses, which only a virtual network rule or a
# private endpoint admits.
locals {
  storage_fit = provider::azureiprange::fit_report(local.agents, "storage_account", local.azure)
}

resource "azurerm_storage_account" "this" {
  name                     = "${var.name_prefix}st"
  resource_group_name      = azurerm_resource_group.this.name
  location                 = azurerm_resource_group.this.location
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action = "Deny"
    ip_rules       = local.storage_fit.entries
  }
}
