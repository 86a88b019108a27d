package provider

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

const pinnedFilePath = "/mirror/ServiceTags_Public_20251028.json"

// faultCase is one row of the fault matrix: a misbehaving server (or cache), what the user
// configured, and the diagnostic they must see when reading AzureCloud.westeurope.
type faultCase struct {
	name string
	// setup installs routes, prepares the cache dir, and may adjust the transport.
	setup func(env *faultEnv)
	// args are provider arguments beyond cache_dir.
	args     func(env *faultEnv) map[string]string
	severity tfprotov6.DiagnosticSeverity // error: read fails; warning: read succeeds and warns
	want     []string                     // fragments of the diagnostic's summary+detail
	// requests, when not zero, is how many requests the server must have seen in all.
	requests int
}

// faultEnv is what a fault case may arrange: the server, the cache dir, the transport.
type faultEnv struct {
	srv       *snapshotServer
	cacheDir  string
	tempDir   string
	transport *download.Options
	fail      func(format string, args ...any)
}

func pinnedURL(env *faultEnv) map[string]string {
	return map[string]string{"service_tags_url": env.srv.URL + pinnedFilePath}
}

func discovery(*faultEnv) map[string]string { return nil }

// TestFaultMatrix drives every failure the provider must survive or report through the
// provider itself: errors must name what happened and leave no list in the state; survivable
// faults must return the full list and say what they fell back on.
func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	full := testutil.Snapshot(t, testutil.PublicLatest)
	china := testutil.Snapshot(t, testutil.China)
	v4, v6 := expectedUnion(t, testutil.Raw(t, testutil.PublicLatest), westEuropeTag)
	wantPrefixes := len(v4) + len(v6)

	cases := []faultCase{
		{
			name: "500 then 200 succeeds through a retry",
			setup: func(env *faultEnv) {
				failures := 1
				env.srv.Handle(pinnedFilePath, func(w http.ResponseWriter, r *http.Request) {
					if failures > 0 {
						failures--
						http.Error(w, "busy", http.StatusInternalServerError)
						return
					}
					_, _ = w.Write(full)
				})
			},
			args: pinnedURL, severity: tfprotov6.DiagnosticSeverityInvalid, requests: 2,
		},
		{
			name: "500 always fails naming the URL and status",
			setup: func(env *faultEnv) {
				env.srv.Handle(pinnedFilePath, func(w http.ResponseWriter, r *http.Request) {
					http.Error(w, "down", http.StatusInternalServerError)
				})
			},
			args: pinnedURL, severity: tfprotov6.DiagnosticSeverityError,
			want: []string{pinnedFilePath, "500", "gave up after 3 attempts"}, requests: 3,
		},
		{
			name:  "404 is not retried",
			setup: func(*faultEnv) {},
			args:  pinnedURL, severity: tfprotov6.DiagnosticSeverityError,
			want: []string{pinnedFilePath, "404"}, requests: 1,
		},
		{
			name: "a server that hangs past request_timeout",
			setup: func(env *faultEnv) {
				env.srv.Handle(pinnedFilePath, func(w http.ResponseWriter, r *http.Request) {
					select {
					case <-r.Context().Done():
					case <-time.After(5 * time.Second):
					}
				})
			},
			args: func(env *faultEnv) map[string]string {
				return map[string]string{"service_tags_url": env.srv.URL + pinnedFilePath, "request_timeout": "150ms"}
			},
			severity: tfprotov6.DiagnosticSeverityError, want: []string{pinnedFilePath, "gave up after 450ms in all (3 × request_timeout)"},
		},
		{
			name: "truncated JSON",
			setup: func(env *faultEnv) {
				env.srv.serve(pinnedFilePath, full[:len(full)/3])
			},
			args: pinnedURL, severity: tfprotov6.DiagnosticSeverityError, want: []string{pinnedFilePath, "truncated"},
		},
		{
			name: "an HTML page instead of JSON",
			setup: func(env *faultEnv) {
				env.srv.serve(pinnedFilePath, []byte("<!DOCTYPE html><html><body>Sign in</body></html>"))
			},
			args: pinnedURL, severity: tfprotov6.DiagnosticSeverityError, want: []string{pinnedFilePath, "HTML"},
		},
		{
			name: "a body over the size cap",
			setup: func(env *faultEnv) {
				env.transport.MaxBytes = 1 << 20
				env.srv.Handle(pinnedFilePath, func(w http.ResponseWriter, r *http.Request) {
					// No Content-Length: the cap must be enforced while streaming.
					for i := 0; i < len(full); i += 64 << 10 {
						_, _ = w.Write(full[i:min(i+64<<10, len(full))])
						w.(http.Flusher).Flush()
					}
				})
			},
			args: pinnedURL, severity: tfprotov6.DiagnosticSeverityError, want: []string{"size limit"},
		},
		{
			name: "a redirect to a foreign host",
			setup: func(env *faultEnv) {
				env.srv.Handle(pinnedFilePath, func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, "https://evil.example/ServiceTags_Public_20251028.json", http.StatusFound)
				})
			},
			args: pinnedURL, severity: tfprotov6.DiagnosticSeverityError, want: []string{"refusing redirect", "evil.example"},
		},
		{
			name: "a details page without a link (and nothing else found)",
			setup: func(env *faultEnv) {
				env.srv.serve("/download/details.aspx", []byte(`<html><script>window.__DLCDetails__={"dlcDetailsView":{"downloadFile":[]}};</script></html>`))
			},
			args:     func(*faultEnv) map[string]string { return map[string]string{"cloud": "AzureGovernment"} },
			severity: tfprotov6.DiagnosticSeverityError, want: []string{"no link", "service_tags_file"},
		},
		{
			name: "a details page linking to a foreign host",
			setup: func(env *faultEnv) {
				env.srv.serve("/download/details.aspx", []byte(`<html><script>window.__DLCDetails__={"dlcDetailsView":{"downloadFile":[{"name":"ServiceTags_AzureGovernment_20260720.json","url":"https://evil.example/ServiceTags_AzureGovernment_20260720.json"}]}};</script></html>`))
			},
			args:     func(*faultEnv) map[string]string { return map[string]string{"cloud": "AzureGovernment"} },
			severity: tfprotov6.DiagnosticSeverityError, want: []string{"rejected discovered link", "evil.example"},
		},
		{
			name: "a file for the wrong cloud",
			setup: func(env *faultEnv) {
				env.srv.serve(pinnedFilePath, china)
			},
			args: func(env *faultEnv) map[string]string {
				return map[string]string{"service_tags_url": env.srv.URL + pinnedFilePath, "cloud": "Public"}
			},
			severity: tfprotov6.DiagnosticSeverityError, want: []string{`holds the "China" cloud`, `"Public" was asked for`},
		},
		{
			name: "a tag with an unparsable prefix",
			setup: func(env *faultEnv) {
				env.srv.serve(pinnedFilePath, []byte(strings.Replace(string(full), `"13.69.0.0/17"`, `"13.69.0.0/33"`, 1)))
			},
			args: pinnedURL, severity: tfprotov6.DiagnosticSeverityError, want: []string{"AzureCloud", "13.69.0.0/33"},
		},
		{
			name: "empty values",
			setup: func(env *faultEnv) {
				env.srv.serve(pinnedFilePath, []byte(`{"changeNumber": 375, "cloud": "Public", "values": []}`))
			},
			args: pinnedURL, severity: tfprotov6.DiagnosticSeverityError, want: []string{"values"},
		},
		{
			name: "a corrupt cache file is ignored",
			setup: func(env *faultEnv) {
				env.srv.serve(publicLatestPath, full)
				for _, name := range []string{"servicetags-public.json", "servicetags-public.meta.json"} {
					if err := os.WriteFile(filepath.Join(env.cacheDir, name), []byte("{garbage"), 0o600); err != nil {
						env.fail("writing a corrupt cache file: %v", err)
					}
				}
			},
			args: discovery, severity: tfprotov6.DiagnosticSeverityInvalid, requests: 1,
		},
		{
			name: "an unusable cache dir works, with a warning",
			setup: func(env *faultEnv) {
				env.srv.serve(publicLatestPath, full)
			},
			args: func(env *faultEnv) map[string]string {
				// A regular file where a folder should be: unwritable even for root.
				blocker := filepath.Join(env.tempDir, "blocker")
				if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
					env.fail("writing the blocker file: %v", err)
				}
				return map[string]string{"cache_dir": filepath.Join(blocker, "cache")}
			},
			severity: tfprotov6.DiagnosticSeverityWarning, want: []string{"disk cache folder", "cannot be used", "every run downloads it again"},
		},
		{
			name:     "network down without a cache",
			setup:    func(env *faultEnv) { env.srv.Close() },
			args:     discovery,
			severity: tfprotov6.DiagnosticSeverityError, want: []string{"Cannot read the Azure service tags file", "service_tags_file"},
		},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newSnapshotServer(t)
			transport := srv.transport()
			env := &faultEnv{srv: srv, cacheDir: t.TempDir(), tempDir: t.TempDir(), transport: &transport, fail: t.Fatalf}
			tc.setup(env)
			args := map[string]string{"cache_dir": env.cacheDir}
			for k, v := range tc.args(env) {
				args[k] = v
			}
			diags, state := readWestEurope(t, transport, args)
			assertFault(t, tc, diags, state, wantPrefixes)
			if tc.requests != 0 {
				if got := srv.Total(); got != tc.requests {
					t.Errorf("server saw %d requests, want %d", got, tc.requests)
				}
			}
		})
	}
}

func assertFault(t *testing.T, tc faultCase, diags []*tfprotov6.Diagnostic, state tftypes.Value, wantPrefixes int) {
	t.Helper()
	switch tc.severity {
	case tfprotov6.DiagnosticSeverityError:
		if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, tc.want...) == nil {
			t.Fatalf("want an error containing %q, got %s", tc.want, describe(diags))
		}
		if n := listLength(t, state, "address_prefixes"); n != -1 {
			t.Fatalf("a failed read left a list of %d prefixes in the state", n)
		}
	case tfprotov6.DiagnosticSeverityWarning:
		if hasErrorDiagnostic(diags) || findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, tc.want...) == nil {
			t.Fatalf("want success with a warning containing %q, got %s", tc.want, describe(diags))
		}
		fallthrough
	default:
		if tc.severity != tfprotov6.DiagnosticSeverityWarning && len(diags) != 0 {
			t.Fatalf("want no diagnostics, got %s", describe(diags))
		}
		if n := listLength(t, state, "address_prefixes"); n != wantPrefixes {
			t.Fatalf("state holds %d prefixes, want the full %d", n, wantPrefixes)
		}
	}
}
