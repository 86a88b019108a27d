resource "azurerm_resource_group" "this" {
  name     = var.resource_group_name
  location = var.location
  tags     = var.tags
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = var.cluster_name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  dns_prefix          = var.cluster_name
  kubernetes_version  = var.kubernetes_version
  tags                = var.tags

  default_node_pool {
    name                 = var.node_pool.name
    vm_size              = var.node_pool.vm_size
    auto_scaling_enabled = var.node_pool.auto_scaling_enabled
    node_count           = var.node_pool.auto_scaling_enabled ? null : var.node_pool.node_count
    min_count            = var.node_pool.auto_scaling_enabled ? var.node_pool.min_count : null
    max_count            = var.node_pool.auto_scaling_enabled ? var.node_pool.max_count : null
    os_disk_size_gb      = var.node_pool.os_disk_size_gb
    zones                = var.node_pool.zones

    upgrade_settings {
      max_surge = "10%"
    }
  }

  # Required since azurerm 5.x; "Manual" keeps node pools under Terraform's control.
  node_provisioning_profile {
    mode = "Manual"
  }

  identity {
    type = "SystemAssigned"
  }

  api_server_access_profile {
    authorized_ip_ranges = local.authorized_ip_ranges
  }

  lifecycle {
    # Fail closed: AKS treats an empty list as "no restriction" and would open
    # the API server to the whole internet.
    precondition {
      condition     = length(local.authorized_ip_ranges) > 0
      error_message = "The authorized IP range list is empty; applying it would open the API server to the internet. Check the DevOps geography and office_cidrs."
    }

    precondition {
      condition     = length(local.authorized_ip_ranges) <= 200
      error_message = "AKS accepts at most 200 authorized IP ranges; got ${length(local.authorized_ip_ranges)}."
    }
  }
}
