// Command noopprovider is the baseline of `make bench-plan`: a plugin-framework provider that
// does nothing. It has the schema shape of the azureiprange provider that the benchmark's
// configuration (a) uses (the provider's service_tags_file, and data "azureiprange_service_tags"
// with names and ipv4_cidrs), so the very same configuration plans against it; its read returns
// an empty ipv4_cidrs without opening any file.
//
// A plan of (a) with this binary behind dev_overrides costs what any framework provider costs
// Terraform to start, ask for its schema, validate and read. The ratio of the real provider's
// plan to this one is the part of a plan that is the provider's own work: reading, parsing and
// checking the file, selecting, and the state it returns.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	opts := providerserver.ServeOpts{Address: "registry.terraform.io/azureiprange/azureiprange"}
	if err := providerserver.Serve(context.Background(), func() provider.Provider { return noopProvider{} }, opts); err != nil {
		log.Fatal(err.Error())
	}
}

type noopProvider struct{}

func (noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "azureiprange"
}

func (noopProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerschema.Schema{Attributes: map[string]providerschema.Attribute{
		"service_tags_file": providerschema.StringAttribute{Optional: true},
	}}
}

func (noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (noopProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return noopServiceTags{} }}
}

func (noopProvider) Resources(context.Context) []func() resource.Resource { return nil }

type noopServiceTags struct{}

type noopServiceTagsModel struct {
	Names     types.List `tfsdk:"names"`
	IPv4CIDRs types.List `tfsdk:"ipv4_cidrs"`
}

func (noopServiceTags) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "azureiprange_service_tags"
}

func (noopServiceTags) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{Attributes: map[string]dsschema.Attribute{
		"names":      dsschema.ListAttribute{ElementType: types.StringType, Optional: true},
		"ipv4_cidrs": dsschema.ListAttribute{ElementType: types.StringType, Computed: true},
	}}
}

func (noopServiceTags) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m noopServiceTagsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	m.IPv4CIDRs = types.ListValueMust(types.StringType, nil)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
