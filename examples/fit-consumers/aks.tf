# AKS API server: at most 200 authorized IP ranges (2,000 with API Server VNet Integration:
# target "aks_vnet_integration"). An empty list opens the API server to every address; fit
# refuses to return one, and refuses 0.0.0.0/32 in the input ("only the cluster's egress").
locals {
  aks_fit = provider::azureiprange::fit_report(local.agents, "aks", local.azure)
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.name_prefix}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  dns_prefix          = var.name_prefix

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 1
  }

  node_provisioning_profile {
    mode = "Manual"
  }

  identity {
    type = "SystemAssigned"
  }

  api_server_access_profile {
    authorized_ip_ranges = local.aks_fit.entries
  }
}
