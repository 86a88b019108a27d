terraform {
  # Provider-defined functions (provider::azureiprange::fit_report) need 1.8; before it, the
  # data source azureiprange_fit gives the same entries.
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

# Downloads the current weekly Public-cloud file (cached on disk). Offline or to pin a week,
# set AZUREIPRANGE_SERVICE_TAGS_FILE or service_tags_file.
provider "azureiprange" {}
