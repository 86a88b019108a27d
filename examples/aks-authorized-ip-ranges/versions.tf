terraform {
  # Provider-defined functions (provider::azureiprange::compact) need 1.8.
  required_version = ">= 1.8"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 5.0"
    }
    azureiprange = {
      source = "azureiprange/azureiprange"
    }
  }
}

provider "azurerm" {
  features {}
}

# Downloads the current weekly Public-cloud file (cached on disk for 6h by
# default). Pin a week with service_tags_file or service_tags_url if needed.
provider "azureiprange" {}
