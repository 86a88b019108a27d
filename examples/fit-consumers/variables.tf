variable "organization_region" {
  description = "The Azure DevOps organisation's region, as Organization settings > Overview shows it."
  type        = string
  default     = "West Europe"
}

variable "office_cidrs" {
  description = "Your own public IPv4 ranges (offices, VPN egress, self-hosted runners), allowed beside the agents."
  type        = list(string)
  default     = []
}

variable "name_prefix" {
  description = "Lower-case letters and digits that start every resource name (storage accounts and registries take no dashes)."
  type        = string
  default     = "agentsdemo"
}

variable "location" {
  description = "Azure region of the resources."
  type        = string
  default     = "westeurope"
}

variable "tenant_id" {
  description = "Entra ID tenant of the key vault."
  type        = string
}
