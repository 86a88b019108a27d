// Package provider maps the azureiprange Terraform schema onto the domain packages: it reads
// arguments, calls internal/download, servicetags, devops and cidrset, and writes attributes.
package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
)

// Ensure the implementation satisfies the framework's interfaces.
var (
	_ provider.Provider                   = (*AzureIPRangeProvider)(nil)
	_ provider.ProviderWithFunctions      = (*AzureIPRangeProvider)(nil)
	_ provider.ProviderWithValidateConfig = (*AzureIPRangeProvider)(nil)
)

// AzureIPRangeProvider is the azureiprange provider.
type AzureIPRangeProvider struct {
	version string
	// transport holds the download settings the provider block does not expose (endpoints,
	// HTTP client, retry waits); tests point them at local servers.
	transport download.Options
}

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &AzureIPRangeProvider{
			version:   version,
			transport: download.Options{Endpoints: download.DefaultEndpoints()},
		}
	}
}

// Metadata names the provider and reports its version.
func (p *AzureIPRangeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "azureiprange"
	resp.Version = p.version
}

// Schema describes the provider block. Every argument is optional.
func (p *AzureIPRangeProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Turns Microsoft's weekly *Azure IP Ranges and Service Tags* file into allow-lists " +
			"that stay current on every plan. No Azure credentials are needed.",
		Attributes: map[string]schema.Attribute{
			"cloud": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Default cloud for the data sources: `Public` (default), `AzureGovernment` or `China`. " +
					"Case-insensitive; azurerm's `public`, `usgovernment` and `china` are accepted too. `AzureGermany`, a " +
					"retired cloud that publishes no file, is accepted with a pinned file of it. A file is only served for the " +
					"cloud that is named here or on the data source: with none named, only a Public file is served, and a pinned " +
					"file of another cloud is an error that says to set `cloud`. Environment variable: `AZUREIPRANGE_CLOUD`.",
			},
			"service_tags_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Read this local service tags JSON file instead of downloading (air-gapped runs, pinning a week). " +
					"It serves only the cloud that is named (`Public` when none is); a file of another cloud fails the read. " +
					"Environment variable: `AZUREIPRANGE_SERVICE_TAGS_FILE`.",
			},
			"service_tags_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Download exactly this URL (a mirror, or a pinned dated file) instead of discovering the latest file. " +
					"Must be `https://`; `http://` is accepted only for loopback hosts. " +
					"Environment variable: `AZUREIPRANGE_SERVICE_TAGS_URL`.",
			},
			"cache_dir": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Folder for the on-disk cache of downloaded files. Defaults to " +
					"`<user cache dir>/terraform-provider-azureiprange` (for example `~/.cache/terraform-provider-azureiprange` on Linux). " +
					"Environment variable: `AZUREIPRANGE_CACHE_DIR`.",
			},
			"cache_ttl": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long a cached download is used without asking the server again, as a duration such as `\"6h\"` (default) " +
					"or `\"30m\"`. After it, the provider revalidates with the server (ETag/Last-Modified). `\"0s\"` disables the cache. " +
					"It may not be longer than `max_stale_age`: a copy used without asking must not be older than one allowed to " +
					"stand in for a failed download. Entries of pinned URLs not fetched or revalidated for `max_stale_age` (14 days " +
					"at least) are removed, so a URL with a rotating token does not fill the folder.",
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Timeout for each HTTP request, as a duration such as `\"%.0fs\"` (default). Failed requests are retried ", download.DefaultRequestTimeout.Seconds()) +
					"a few times with backoff; one whole download, retries and discovery steps included, gives up after three times this value.",
			},
			"max_stale_age": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "When downloading fails, a cached copy may stand in, with a warning naming its age, but only while it " +
					"is younger than this: an older one fails the read instead of planning on ranges that may have moved. A duration such as " +
					fmt.Sprintf("`\"%.0fh\"` (%.0f days, default) or `\"72h\"`; `\"0s\"` never uses a stale copy.",
						download.DefaultMaxStaleAge.Hours(), download.DefaultMaxStaleAge.Hours()/24),
			},
		},
	}
}

// ValidateConfig checks the provider block at `terraform validate`: unknown clouds, unparsable
// durations and a plain-http URL to a remote host fail there, before any plan.
func (p *AzureIPRangeProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	_, diags, _ := resolveSettings(model, p.transport) // the environment's mistakes are Configure's to report
	resp.Diagnostics.Append(diags...)
}

// Configure resolves the provider block and prepares the shared, lazily-fetched file.
func (p *AzureIPRangeProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for attr, v := range map[string]interface{ IsUnknown() bool }{
		"cloud": model.Cloud, "service_tags_file": model.ServiceTagsFile, "service_tags_url": model.ServiceTagsURL,
		"cache_dir": model.CacheDir, "cache_ttl": model.CacheTTL, "request_timeout": model.RequestTimeout,
		"max_stale_age": model.MaxStaleAge,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Unknown provider argument",
				fmt.Sprintf("%s must be known when Terraform plans; set it from a variable or a literal, not from a resource attribute.", attr))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	s, diags, envDiags := resolveSettings(model, p.transport)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A bad AZUREIPRANGE_* value fails the reads that need the file, not Configure: Terraform
	// adds a misleading "requires explicit configuration" error to any Configure error of a
	// provider without a block, and the compaction data sources need no file at all.
	src := newServiceTagsSource(s, p.version)
	src.environmentErrors = envDiags
	resp.DataSourceData = src
}

// Resources returns none: the provider only reads.
func (p *AzureIPRangeProvider) Resources(_ context.Context) []func() resource.Resource {
	return nil
}

// DataSources lists the provider's data sources.
func (p *AzureIPRangeProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewServiceTagsDataSource,
		NewDevOpsGeographyDataSource,
		NewCompactDataSource,
		NewFitDataSource,
	}
}

// Functions lists the provider's functions.
func (p *AzureIPRangeProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewCompactFunction,
		NewCompactReportFunction,
		NewFitFunction,
		NewFitReportFunction,
	}
}
