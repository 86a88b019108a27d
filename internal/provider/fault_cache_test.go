package provider

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Network down with a stale cache: the read works and warns with the copy's age and source.
func TestStaleCacheUsedWhenNetworkIsDown(t *testing.T) {
	t.Parallel()
	srv := newSnapshotServer(t)
	srv.serve(publicLatestPath, testutil.Snapshot(t, testutil.PublicLatest))
	args := map[string]string{"cache_dir": t.TempDir(), "cache_ttl": "1ms"}
	v4, v6 := expectedUnion(t, testutil.Raw(t, testutil.PublicLatest), westEuropeTag)

	if diags, _ := readWestEurope(t, srv.transport(), args); len(diags) != 0 {
		t.Fatalf("priming the cache: %s", describe(diags))
	}
	time.Sleep(20 * time.Millisecond) // past the 1ms TTL
	transport := srv.transport()
	srv.Close() // the network is gone for the next "process"

	diags, state := readWestEurope(t, transport, args)
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
	srv.Handle(publicLatestPath, func(w http.ResponseWriter, r *http.Request) {
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
		map[string]tftypes.Value{"names": stringList(westEuropeTag)})
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
	// No disk cache: sharing must come from the process.
	server, configured := configuredServer(ctx, t, p, map[string]string{"cache_ttl": "0s"})
	if hasErrorDiagnostic(configured) {
		t.Fatalf("configure: %s", describe(configured))
	}
	const dataSource = "azureiprange_service_tags"
	dsType := dataSourceType(ctx, t, server, dataSource)
	requests := make([]*tfprotov6.ReadDataSourceRequest, 10)
	for i := range requests {
		requests[i] = readRequest(t, dsType, dataSource, map[string]tftypes.Value{
			"names": stringList([]string{"AzureCloud.westeurope", "AzureCloud.northeurope", "AzureDevOps"}[i%3]),
		})
	}
	var wg sync.WaitGroup
	failures := make(chan string, len(requests))
	for i, req := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := server.ReadDataSource(ctx, req)
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
	if got := srv.Total(); got != 1 {
		t.Fatalf("ten concurrent reads made %d requests, want 1", got)
	}
}

// Through the real CLI: a configuration with ten data sources downloads the file once in all
// (every later Terraform command is a new provider process served by the disk cache).
func TestTenDataSourcesOneDownload(t *testing.T) {
	t.Parallel()
	srv := newSnapshotServer(t)
	srv.serve(publicLatestPath, testutil.Snapshot(t, testutil.PublicLatest))
	raw := testutil.Raw(t, testutil.PublicLatest)
	regions := []string{"westeurope", "northeurope", "eastus", "westus", "uksouth", "ukwest", "eastasia", "southeastasia", "centralindia", "brazilsouth"}
	var b strings.Builder
	fmt.Fprintf(&b, "provider \"azureiprange\" {\n  cache_dir = %s\n}\n", hclString(t.TempDir()))
	var checks []statecheck.StateCheck
	for _, r := range regions {
		fmt.Fprintf(&b, "data \"azureiprange_service_tags\" %q {\n  names = [\"AzureCloud.%s\"]\n}\n", r, r)
		v4, _ := expectedUnion(t, raw, "AzureCloud."+r)
		checks = append(checks, expectAttr("data.azureiprange_service_tags."+r, "ipv4_cidrs", exactStrings(v4)))
	}
	checks = append(checks, expectAttr("data.azureiprange_service_tags.westeurope", "change_number", knownvalue.Int64Exact(raw.ChangeNumber)))
	expectStateWith(t, factoriesWith(srv.transport()), b.String(), checks...)
	if got := srv.Total(); got != 1 {
		t.Fatalf("ten data sources made %d requests in all, want 1", got)
	}
}
