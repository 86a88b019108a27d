terraform {
  required_providers {
    azureiprange = { source = "azureiprange/azureiprange" }
  }
}

locals {
  # Build agents and an office: a /31, single addresses, touching prefixes and gaps.
  allowed = ["74.224.208.66/31", "20.1.2.3", "20.1.0.0/30", "20.38.64.0/19", "20.38.96.0/24"]
}

output "storage_account" {
  # A single address is bare; a /31 becomes two addresses (or its /30 when the limit is tight).
  value = provider::azureiprange::fit(local.allowed, "storage_account")
  # ["20.1.0.0/30", "20.1.2.3", "20.38.64.0/19", "20.38.96.0/24", "74.224.208.66", "74.224.208.67"]
}

output "sql_server" {
  # Start-end ranges: the two touching prefixes are one.
  value = provider::azureiprange::fit(local.allowed, "sql_server")
  # ["20.1.0.0-20.1.0.3", "20.1.2.3-20.1.2.3", "20.38.64.0-20.38.96.255", "74.224.208.66-74.224.208.67"]
}

output "key_vault" {
  value = provider::azureiprange::fit(local.allowed, "key_vault")
  # ["20.1.0.0/30", "20.1.2.3/32", "20.38.64.0/19", "20.38.96.0/24", "74.224.208.66/31"]
}
