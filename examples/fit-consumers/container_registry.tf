# Container registry (Premium): at most 100 IP rules (Azure/acr#641).
locals {
  acr_fit = provider::azureiprange::fit_report(local.agents, "container_registry", local.azure)
}

resource "azurerm_container_registry" "this" {
  name                = "${var.name_prefix}acr"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  sku                 = "Premium"

  # An attribute written as a list of objects: Terraform takes no dynamic block here.
  network_rule_set = [{
    default_action = "Deny"
    ip_rule        = [for entry in local.acr_fit.entries : { action = "Allow", ip_range = entry }]
  }]
}
