# Event Hubs namespace (Standard or Premium): up to 128 IP rules. An empty list opens the
# namespace to every address; fit refuses to return one.
locals {
  event_hubs_fit = provider::azureiprange::fit_report(local.agents, "event_hubs", local.azure)
}

resource "azurerm_eventhub_namespace" "this" {
  name                = "evhns-${var.name_prefix}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  sku                 = "Standard"

  # An attribute written as a list of objects: Terraform takes no dynamic block here.
  network_rulesets = [{
    default_action                 = "Deny"
    public_network_access_enabled  = true
    trusted_service_access_enabled = false
    virtual_network_rule           = []
    ip_rule                        = [for entry in local.event_hubs_fit.entries : { action = "Allow", ip_mask = entry }]
  }]
}
