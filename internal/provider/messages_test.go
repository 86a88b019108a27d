package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A bad AZUREIPRANGE_* value fails the reads that need the file, not Configure: Terraform
// adds "requires explicit configuration" to any Configure error of a provider without a
// block, a second and misleading error. The compaction data sources need no file and work.
func TestEnvironmentMistakeFailsTheReadNotConfigure(t *testing.T) {
	t.Setenv("AZUREIPRANGE_SERVICE_TAGS_URL", "http://mirror.example/tags.json")
	p := &AzureIPRangeProvider{version: "test", transport: offlineTransport()}
	if _, configured := configuredServer(t.Context(), t, p, nil); len(configured) != 0 {
		t.Fatalf("Configure reported %s; the environment's mistake belongs to the reads", describe(configured))
	}
	diags := readDiagnostics(t, p, nil, "azureiprange_service_tags", map[string]tftypes.Value{"names": stringList("AzureCloud")})
	if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, "must use https", "comes from the AZUREIPRANGE_SERVICE_TAGS_URL environment variable") == nil {
		t.Fatalf("the read: %s", describe(diags))
	}
	diags = readDiagnostics(t, p, nil, "azureiprange_compact", map[string]tftypes.Value{
		"cidrs": stringList("20.1.2.3"), "limit": tftypes.NewValue(tftypes.Number, 1)})
	if len(diags) != 0 {
		t.Fatalf("the compact data source needs no file, but: %s", describe(diags))
	}
}

// Every data source of a run shares one read of the file, so a failure is reported in full
// once and pointed at by the others: the offline demo printed a four-step discovery failure
// three times.
func TestSharedFailureReportedInFullOnce(t *testing.T) {
	t.Parallel()
	srv := newSnapshotServer(t) // serves nothing: every discovery step fails
	p := &AzureIPRangeProvider{version: "test", transport: srv.transport()}
	server, configured := configuredServer(t.Context(), t, p, map[string]string{"cache_ttl": "0s"})
	if len(configured) != 0 {
		t.Fatal(describe(configured))
	}
	dsType := dataSourceType(t.Context(), t, server, "azureiprange_service_tags")
	var details []string
	for _, name := range []string{"AzureCloud", "AzureCloud.westeurope", "Storage"} {
		read, err := server.ReadDataSource(t.Context(), readRequest(t, dsType, "azureiprange_service_tags",
			map[string]tftypes.Value{"names": stringList(name)}))
		if err != nil || len(read.Diagnostics) != 1 {
			t.Fatalf("%v, %s", err, describe(read.Diagnostics))
		}
		details = append(details, read.Diagnostics[0].Detail)
	}
	if !strings.Contains(details[0], "details.aspx") || details[1] != details[2] || !strings.Contains(details[1], "reported in full for another data source") {
		t.Fatalf("want the failure once in full and twice as a pointer, got:\n%s", strings.Join(details, "\n---\n"))
	}
}
