package provider

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"go4.org/netipx"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// factoriesWith serves a provider whose downloads go to a local test server.
func factoriesWith(transport download.Options) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"azureiprange": providerserver.NewProtocol6WithError(&AzureIPRangeProvider{version: "test", transport: transport}),
	}
}

// snapshotServer is an https test server standing in for download.microsoft.com and the
// Download Center pages; it counts requests per path.
type snapshotServer struct {
	*httptest.Server
	mu     sync.Mutex
	routes map[string]func(w http.ResponseWriter, r *http.Request)
	hits   map[string]int
}

func newSnapshotServer(t *testing.T) *snapshotServer {
	t.Helper()
	s := &snapshotServer{routes: map[string]func(http.ResponseWriter, *http.Request){}, hits: map[string]int{}}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		h := s.routes[r.URL.Path]
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// serve answers path with body, as a static file with an ETag (so revalidation works).
func (s *snapshotServer) serve(path string, body []byte) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		http.ServeContent(w, r, "", time.Date(2025, 10, 28, 0, 0, 0, 0, time.UTC), strings.NewReader(string(body)))
	})
}

func (s *snapshotServer) handle(path string, h func(http.ResponseWriter, *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

func (s *snapshotServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *snapshotServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.hits {
		n += c
	}
	return n
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

// rawFile is the independent encoding/json view of a snapshot.
type rawFile = testutil.RawFile

func decodeRaw(t *testing.T, snapshot string) rawFile {
	t.Helper()
	return testutil.Raw(t, snapshot)
}

// expectedUnion computes the exact union of the named tags' prefixes with netipx directly.
func expectedUnion(t *testing.T, f rawFile, names ...string) (v4, v6 []string) {
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
