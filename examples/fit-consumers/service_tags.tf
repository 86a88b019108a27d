# Network security groups, Azure Firewall rules, App Service access restrictions and route
# tables take service tags natively: give them the tag names instead of prefixes, and Azure
# keeps them current. devops_geography.service_tags resolves the geography to the file's own
# names (AzureCloud.norwaye for norwayeast, AzureCloud.centralfrance for francecentral).
resource "azurerm_network_security_group" "agents" {
  name                = "nsg-${var.name_prefix}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
}

resource "azurerm_network_security_rule" "agents" {
  # One rule per tag: an NSG rule takes one service tag as its source.
  for_each = { for i, tag in data.azureiprange_devops_geography.agents.service_tags : tag => 200 + i }

  name                        = "allow-https-${replace(each.key, ".", "-")}"
  priority                    = each.value
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = each.key
  destination_address_prefix  = "VirtualNetwork"
  resource_group_name         = azurerm_resource_group.this.name
  network_security_group_name = azurerm_network_security_group.agents.name
}
