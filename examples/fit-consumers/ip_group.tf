# Azure Firewall IP group: up to 5,000 entries. A firewall rule whose IP group is empty is
# skipped; fit refuses to return an empty list.
locals {
  ip_group_fit = provider::azureiprange::fit_report(local.agents, "ip_group", local.azure)
}

resource "azurerm_ip_group" "agents" {
  name                = "ipg-${var.name_prefix}-agents"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  cidrs               = local.ip_group_fit.entries
}
