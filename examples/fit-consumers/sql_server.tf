# SQL server: up to 128 firewall rules, each a start-end range, one resource per entry.
# Ranges close gaps of any size, so they admit far fewer extra addresses than prefixes. fit
# never returns 0.0.0.0-0.0.0.0, which means "allow every Azure service of every tenant".
locals {
  sql_fit = provider::azureiprange::fit_report(local.agents, "sql_server", local.azure)
}

resource "azurerm_mssql_server" "this" {
  name                         = "sql-${var.name_prefix}"
  resource_group_name          = azurerm_resource_group.this.name
  location                     = azurerm_resource_group.this.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "Example-only-change-me-1" # use a secret store in real code
}

resource "azurerm_mssql_firewall_rule" "agents" {
  # Keyed by the range itself, so a weekly change touches only the rules that moved.
  for_each = toset(local.sql_fit.entries)

  name             = "agents-${replace(each.value, ".", "_")}"
  server_id        = azurerm_mssql_server.this.id
  start_ip_address = split("-", each.value)[0]
  end_ip_address   = split("-", each.value)[1]
}
