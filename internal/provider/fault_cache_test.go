package provider

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Network down with a stale cache: the read works and warns with the copy's age and source.
func TestStaleCacheUsedWhenNetworkIsDown(t *testing.T) {
	t.Parallel()
	srv := newSnapshotServer(t)
	srv.serve(publicLatestPath, testutil.Snapshot(t, testutil.PublicLatest))
	args := map[string]string{"cache_dir": t.TempDir(), "cache_ttl": "1ms"}
	names := map[string]tftypes.Value{"names": stringList("AzureCloud.westeurope")}
	v4, v6 := expectedUnion(t, decodeRaw(t, testutil.PublicLatest), "AzureCloud.westeurope")

	first := &AzureIPRangeProvider{version: "test", transport: srv.transport()}
	if diags, _ := readDataSource(t.Context(), t, first, args, "azureiprange_service_tags", names); len(diags) != 0 {
		t.Fatalf("priming the cache: %s", describe(diags))
	}
	time.Sleep(20 * time.Millisecond) // past the 1ms TTL
	transport := srv.transport()
	srv.Close() // the network is gone for the next "process"

	second := &AzureIPRangeProvider{version: "test", transport: transport}
	diags, state := readDataSource(t.Context(), t, second, args, "azureiprange_service_tags", names)
	if hasErrorDiagnostic(diags) {
		t.Fatalf("want success from the stale cache, got %s", describe(diags))
	}
	if findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, "using the cached copy downloaded", "ago", publicLatestPath) == nil {
		t.Fatalf("want a warning naming the cached copy's age and source, got %s", describe(diags))
	}
	if n := listLength(t, state, "address_prefixes"); n != len(v4)+len(v6) {
		t.Fatalf("state holds %d prefixes, want the full %d", n, len(v4)+len(v6))
	}
}

// Ctrl-C mid-download: the read stops promptly with an error and no list.
func TestCancellationMidDownload(t *testing.T) {
	srv := newSnapshotServer(t)
	full := testutil.Snapshot(t, testutil.PublicLatest)
	srv.handle(publicLatestPath, func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < len(full); i += 4096 {
			if _, err := w.Write(full[i:min(i+4096, len(full))]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	p := &AzureIPRangeProvider{version: "test", transport: srv.transport()}
	diags, state := readDataSource(ctx, t, p, map[string]string{"cache_dir": t.TempDir()}, "azureiprange_service_tags",
		map[string]tftypes.Value{"names": stringList("AzureCloud.westeurope")})
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Fatalf("cancellation took %s", elapsed)
	}
	if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, "interrupted", "context canceled", "no list was returned") == nil {
		t.Fatalf("want an interruption error, got %s (state list %d)", describe(diags), listLength(t, state, "address_prefixes"))
	}
	if n := listLength(t, state, "address_prefixes"); n != -1 {
		t.Fatalf("a cancelled read left %d prefixes in the state", n)
	}
}

// Ten data sources read concurrently by one provider process cause exactly one download.
func TestConcurrentReadsShareOneDownload(t *testing.T) {
	t.Parallel()
	srv := newSnapshotServer(t)
	srv.serve(publicLatestPath, testutil.Snapshot(t, testutil.PublicLatest))
	p := &AzureIPRangeProvider{version: "test", transport: srv.transport()}
	ctx := t.Context()
	server := providerserver.NewProtocol6(p)()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	pv := map[string]tftypes.Value{}
	for name, typ := range providerType.AttributeTypes {
		pv[name] = tftypes.NewValue(typ, nil)
	}
	pv["cache_ttl"] = stringValue("0s") // no disk cache: sharing must come from the process
	cfg, _ := tfprotov6.NewDynamicValue(providerType, tftypes.NewValue(providerType, pv))
	if resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &cfg}); err != nil || hasErrorDiagnostic(resp.Diagnostics) {
		t.Fatalf("configure: %v %s", err, describe(resp.Diagnostics))
	}
	dsType := schemas.DataSourceSchemas["azureiprange_service_tags"].ValueType().(tftypes.Object)
	var wg sync.WaitGroup
	failures := make(chan string, 10)
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			values := map[string]tftypes.Value{}
			for name, typ := range dsType.AttributeTypes {
				values[name] = tftypes.NewValue(typ, nil)
			}
			values["names"] = stringList([]string{"AzureCloud.westeurope", "AzureCloud.northeurope", "AzureDevOps"}[i%3])
			dv, _ := tfprotov6.NewDynamicValue(dsType, tftypes.NewValue(dsType, values))
			resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "azureiprange_service_tags", Config: &dv})
			if err != nil || len(resp.Diagnostics) != 0 {
				failures <- fmt.Sprintf("read %d: %v %s", i, err, describe(resp.Diagnostics))
			}
		}()
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	if got := srv.total(); got != 1 {
		t.Fatalf("ten concurrent reads made %d requests, want 1", got)
	}
}

// Through the real CLI: a configuration with ten data sources downloads the file once in all
// (every later Terraform command is a new provider process served by the disk cache).
func TestTenDataSourcesOneDownload(t *testing.T) {
	t.Parallel()
	srv := newSnapshotServer(t)
	srv.serve(publicLatestPath, testutil.Snapshot(t, testutil.PublicLatest))
	raw := decodeRaw(t, testutil.PublicLatest)
	regions := []string{"westeurope", "northeurope", "eastus", "westus", "uksouth", "ukwest", "eastasia", "southeastasia", "centralindia", "brazilsouth"}
	var b strings.Builder
	fmt.Fprintf(&b, "provider \"azureiprange\" {\n  cache_dir = %s\n}\n", hclString(t.TempDir()))
	var checks []statecheck.StateCheck
	for _, r := range regions {
		fmt.Fprintf(&b, "data \"azureiprange_service_tags\" %q {\n  names = [\"AzureCloud.%s\"]\n}\n", r, r)
		v4, _ := expectedUnion(t, raw, "AzureCloud."+r)
		checks = append(checks, statecheck.ExpectKnownValue("data.azureiprange_service_tags."+r, tfjsonpath.New("ipv4_cidrs"), exactStrings(v4)))
	}
	checks = append(checks, statecheck.ExpectKnownValue("data.azureiprange_service_tags.westeurope", tfjsonpath.New("change_number"), knownvalue.Int64Exact(raw.ChangeNumber)))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factoriesWith(srv.transport()),
		Steps:                    []resource.TestStep{{Config: b.String(), ConfigStateChecks: checks}},
	})
	if got := srv.total(); got != 1 {
		t.Fatalf("ten data sources made %d requests in all, want 1", got)
	}
}
