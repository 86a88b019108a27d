output "cluster_id" {
  value = azurerm_kubernetes_cluster.this.id
}
