variable "location" {
  description = "Azure region of the resource group and the cluster."
  type        = string
  default     = "westeurope"
}

variable "resource_group_name" {
  description = "Name of the resource group created for the cluster."
  type        = string
}

variable "cluster_name" {
  description = "Name of the AKS cluster; also used as its DNS prefix."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,52}[a-zA-Z0-9]$", var.cluster_name))
    error_message = "cluster_name must be 2-54 letters, digits or hyphens, starting and ending with a letter or digit (it doubles as the DNS prefix)."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes version; null lets AKS pick its current default."
  type        = string
  default     = null
}

variable "devops_geography" {
  description = "Geography of the Azure DevOps organisation whose Microsoft-hosted agents must reach the API server: United States, Europe, United Kingdom, Asia Pacific, Australia, Brazil, Canada or India. Ignored when devops_organization_region is set."
  type        = string
  default     = "Europe"
}

variable "devops_organization_region" {
  description = "Region of the Azure DevOps organisation as shown in Organization settings > Overview (e.g. \"West Europe\"). When set, it is used instead of devops_geography."
  type        = string
  default     = null
}

variable "devops_include_capacity_fallback" {
  description = "Also allow the geography Microsoft may run agents in under capacity pressure (West Europe -> France, Brazil South -> United States)."
  type        = bool
  default     = true
}

variable "office_cidrs" {
  description = "Extra IPv4 ranges allowed to reach the API server (offices, VPN egress, self-hosted runners)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.office_cidrs : can(cidrhost(c, 0)) && !strcontains(c, ":")])
    error_message = "office_cidrs must hold IPv4 CIDR blocks such as \"203.0.113.0/24\"; AKS authorized IP ranges are IPv4 only."
  }
}

variable "max_authorized_ranges" {
  description = "Upper bound on the number of authorized IP ranges. AKS accepts at most 200; a lower value leaves room for ranges added outside Terraform."
  type        = number
  default     = 200

  validation {
    condition     = var.max_authorized_ranges >= 1 && var.max_authorized_ranges <= 200 && floor(var.max_authorized_ranges) == var.max_authorized_ranges
    error_message = "max_authorized_ranges must be a whole number from 1 to 200 (the AKS limit)."
  }
}

variable "min_prefix_length" {
  description = "The widest block the list may contain, as a prefix length: the plan fails when compaction would allow a shorter prefix (a wider block). With the AzureCloud tag trusted, the 2025-10-28 file gives /12 for Europe, /11 with its France fallback and /10 for the United States at 200 entries."
  type        = number
  default     = 10
}

variable "max_untrusted_addresses" {
  description = "How many addresses outside Microsoft's AzureCloud space the compacted list may admit before the plan warns (the 2025-10-28 file: 168,866 for Europe with its France fallback, 814,797 for the United States)."
  type        = number
  default     = 1000000
}

variable "node_pool" {
  description = "Settings of the default (system) node pool."
  type = object({
    name                 = optional(string, "system")
    vm_size              = optional(string, "Standard_D4ds_v5")
    auto_scaling_enabled = optional(bool, true)
    node_count           = optional(number, 2) # used when auto_scaling_enabled = false
    min_count            = optional(number, 2)
    max_count            = optional(number, 5)
    os_disk_size_gb      = optional(number, 128)
    zones                = optional(list(string), ["1", "2", "3"])
  })
  default = {}
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
