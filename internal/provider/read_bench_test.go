package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// BenchmarkReadServiceTagsEurope measures one ReadDataSource of the Europe AzureCloud tags over
// the plugin protocol, after the file is loaded: the per-data-source cost of a plan.
func BenchmarkReadServiceTagsEurope(b *testing.B) {
	ctx := b.Context()
	server, diags := configuredServer(ctx, b, &AzureIPRangeProvider{version: "bench"},
		map[string]string{"service_tags_file": testutil.SnapshotFile(b, testutil.PublicLatest)})
	if hasErrorDiagnostic(diags) {
		b.Fatal(diags)
	}
	const dataSource = "azureiprange_service_tags"
	request := readRequest(b, dataSourceType(ctx, b, server, dataSource), dataSource, map[string]tftypes.Value{
		"names": stringList("AzureCloud.westeurope", "AzureCloud.northeurope"),
	})
	read := func() {
		resp, err := server.ReadDataSource(ctx, request)
		if err != nil {
			b.Fatal(err)
		}
		if hasErrorDiagnostic(resp.Diagnostics) || resp.State == nil {
			b.Fatalf("ReadDataSource: no state, diagnostics %v", resp.Diagnostics)
		}
	}
	read() // loads and parses the file once, as the first data source of a plan does
	b.ReportAllocs()
	for b.Loop() {
		read()
	}
}
