package provider

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"go4.org/netipx"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// offlineTransport points discovery at a closed loopback port, so a read that does not pin
// its file, or a test that forgets to, fails instead of reaching Microsoft.
func offlineTransport() download.Options {
	return download.Options{
		Endpoints: download.Endpoints{
			DownloadBase:     "https://127.0.0.1:9",
			DetailsPage:      "https://127.0.0.1:9/details.aspx?id=%d",
			ConfirmationPage: "https://127.0.0.1:9/confirmation.aspx?id=%d",
		},
		RetryMax: -1,
	}
}

// factoriesWith serves a provider whose downloads go to a local test server.
func factoriesWith(transport download.Options) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"azureiprange": providerserver.NewProtocol6WithError(&AzureIPRangeProvider{version: "test", transport: transport}),
	}
}

// snapshotServer stands in for download.microsoft.com and the Download Center pages.
type snapshotServer struct {
	*testutil.RouteServer
}

func newSnapshotServer(t *testing.T) *snapshotServer {
	t.Helper()
	return &snapshotServer{testutil.NewRouteServer(t)}
}

// serve answers path with body, as a static file with an ETag (so revalidation works).
func (s *snapshotServer) serve(path string, body []byte) {
	s.Handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		http.ServeContent(w, r, "", time.Date(2025, 10, 28, 0, 0, 0, 0, time.UTC), strings.NewReader(string(body)))
	})
}

// transport points every download endpoint at the test server, with short retry waits.
func (s *snapshotServer) transport() download.Options {
	return download.Options{
		Endpoints: download.Endpoints{
			DownloadBase:     s.URL,
			DetailsPage:      s.URL + "/download/details.aspx?id=%d",
			ConfirmationPage: s.URL + "/download/confirmation.aspx?id=%d",
		},
		HTTPClient:   s.Client(),
		RetryMax:     2,
		RetryWaitMin: 5 * time.Millisecond,
		RetryWaitMax: 20 * time.Millisecond,
	}
}

const publicLatestPath = "/download/7/1/D/71D86715-5596-4529-9B13-DA13A5DE5B63/ServiceTags_Public_Latest.json"

// expectedUnion computes the exact union of the named tags' prefixes with netipx directly.
func expectedUnion(t *testing.T, f testutil.RawFile, names ...string) (v4, v6 []string) {
	t.Helper()
	var b netipx.IPSetBuilder
	found := 0
	for _, v := range f.Values {
		for _, n := range names {
			if strings.EqualFold(v.Name, n) {
				found++
				for _, p := range v.Properties.AddressPrefixes {
					b.AddPrefix(netip.MustParsePrefix(p))
				}
			}
		}
	}
	if found != len(names) {
		t.Fatalf("expected %d tags %v in the file, found %d", len(names), names, found)
	}
	set, err := b.IPSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Prefixes() {
		if p.Addr().Is4() {
			v4 = append(v4, p.String())
		} else {
			v6 = append(v6, p.String())
		}
	}
	return v4, v6
}

// exactStrings is a knownvalue check for an exact list of strings (an empty list included).
func exactStrings(values ...[]string) knownvalue.Check {
	checks := []knownvalue.Check{}
	for _, list := range values {
		for _, v := range list {
			checks = append(checks, knownvalue.StringExact(v))
		}
	}
	return knownvalue.ListExact(checks)
}

// hclString quotes a Go string for HCL (paths on Windows would need escaping too).
func hclString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// errorPattern lets a space in an expected message match Terraform's line wrapping.
func errorPattern(s string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + regexp.MustCompile(` +`).ReplaceAllString(s, `\s+`))
}

// expectAttr checks one top-level attribute of a data source in the state. Most CLI tests
// check several attributes of one data source; this keeps each check to the attribute's name
// and its expected value.
func expectAttr(address, attribute string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New(attribute), check)
}

// expectState runs config through the real Terraform CLI against the in-process provider
// (whose downloads go nowhere: pin a file) and checks the state it leaves. Every CLI test of
// the data sources is this one step.
func expectState(t *testing.T, config string, checks ...statecheck.StateCheck) {
	t.Helper()
	expectStateWith(t, testProviderFactories, config, checks...)
}

// expectStateWith is expectState against other providers, such as factoriesWith's.
func expectStateWith(t *testing.T, factories map[string]func() (tfprotov6.ProviderServer, error), config string, checks ...statecheck.StateCheck) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

// expectConfigError runs config through the real Terraform CLI against the in-process
// provider and expects it to fail with a message matching want (see errorPattern). The error
// tables of every data source are this one step.
func expectConfigError(t *testing.T, config, want string) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ExpectError: errorPattern(want)}},
	})
}

// configError is one row of a data source's error table: a whole configuration and the
// pattern of the error it must fail with.
type configError struct{ name, config, want string }

// expectConfigErrors runs every row of an error table as its own parallel subtest, with
// expectConfigError.
func expectConfigErrors(t *testing.T, rows []configError) {
	t.Helper()
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			expectConfigError(t, row.config, row.want)
		})
	}
}
