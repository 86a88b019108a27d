// Package provider maps the azureiprange Terraform schema onto the domain packages.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Ensure the implementation satisfies the framework's interfaces.
var (
	_ provider.Provider              = (*AzureIPRangeProvider)(nil)
	_ provider.ProviderWithFunctions = (*AzureIPRangeProvider)(nil)
)

// AzureIPRangeProvider is the azureiprange provider.
type AzureIPRangeProvider struct {
	version string
}

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &AzureIPRangeProvider{version: version}
	}
}

// Metadata names the provider and reports its version.
func (p *AzureIPRangeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "azureiprange"
	resp.Version = p.version
}

// Schema describes the provider block.
func (p *AzureIPRangeProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{}
}

// Configure reads the provider block.
func (p *AzureIPRangeProvider) Configure(_ context.Context, _ provider.ConfigureRequest, _ *provider.ConfigureResponse) {
}

// Resources returns none: the provider only reads.
func (p *AzureIPRangeProvider) Resources(_ context.Context) []func() resource.Resource {
	return nil
}

// DataSources lists the provider's data sources.
func (p *AzureIPRangeProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return nil
}

// Functions lists the provider's functions.
func (p *AzureIPRangeProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewCompactFunction,
		NewCompactReportFunction,
	}
}
