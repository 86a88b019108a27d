terraform {
  required_providers {
    azureiprange = { source = "azureiprange/azureiprange" }
  }
}

locals {
  # EKS allows 40 public access CIDRs; here the limit is 3 to show a lossy result.
  allowed_cidrs = ["203.0.113.0/25", "203.0.113.128/25", "20.51.100.7", "20.51.100.9", "192.0.2.0/24"]
  eks           = provider::azureiprange::compact_report(local.allowed_cidrs, 3)
}

output "eks_public_access_cidrs" {
  value = local.eks.cidrs
  # ["20.51.100.0/28", "192.0.2.0/24", "203.0.113.0/24"]
}

output "eks_compaction" {
  value = {
    lossless        = local.eks.merged_count <= 3
    extra_addresses = local.eks.extra_addresses
    widest_prefix   = local.eks.widest_prefix_length
  }
  # { lossless = false, extra_addresses = 14, widest_prefix = 24 }
}

# Fail the plan rather than silently open a huge range: a precondition stops the
# plan (a check block would only warn).
output "eks_widest_prefix" {
  value = local.eks.widest_prefix_length
  precondition {
    condition     = local.eks.widest_prefix_length >= 16
    error_message = "Compaction would allow a prefix wider than /16."
  }
}
