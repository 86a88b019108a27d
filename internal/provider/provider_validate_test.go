package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// Mistakes in the provider block fail at `terraform validate` (ValidateProviderConfig), before
// any plan, and name the argument; values still unknown at validate time are left for later.
func TestProviderArgumentsCheckedAtValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		args      map[string]tftypes.Value
		attribute string // "" when the configuration is valid
		want      string
	}{
		{"unknown cloud", strArgs("cloud", "Moon"), "cloud", `"Moon" is not a cloud with a service tags file`},
		{"cache_ttl not a duration", strArgs("cache_ttl", "6 hours"), "cache_ttl", `cache_ttl "6 hours" is not a duration`},
		{"request_timeout zero", strArgs("request_timeout", "0s"), "request_timeout", `request_timeout "0s" must be greater than zero`},
		{"max_stale_age negative", strArgs("max_stale_age", "-1h"), "max_stale_age", `max_stale_age "-1h" must be greater than zero`},
		{"plain http to a remote host", strArgs("service_tags_url", "http://mirror.example/tags.json"), "service_tags_url", "must use https"},
		{"URL with credentials is shown without them", strArgs("service_tags_url", "ftp://user:hunter2@mirror.example/tags.json"),
			"service_tags_url", "must use https"},
		{"file and URL", strArgs("service_tags_file", "a.json", "service_tags_url", "https://mirror.example/t.json"),
			"service_tags_url", "set only one"},
		{"empty service_tags_file", strArgs("service_tags_file", ""), "service_tags_file",
			"service_tags_file is empty; leave it out to download the current file (or to use AZUREIPRANGE_SERVICE_TAGS_FILE)"},
		{"empty service_tags_url", strArgs("service_tags_url", " "), "service_tags_url", "service_tags_url is empty"},
		{"empty cache_dir", strArgs("cache_dir", ""), "cache_dir", `cache_dir is empty; leave it out for the default folder`},
		// A copy used without asking must not be older than one allowed to stand in for a failed download.
		{"cache_ttl longer than max_stale_age", strArgs("cache_ttl", "48h", "max_stale_age", "24h"), "cache_ttl",
			"cache_ttl (48h0m0s) is longer than max_stale_age (24h0m0s)"},
		{"default cache_ttl longer than max_stale_age", strArgs("max_stale_age", "1h"), "cache_ttl", "cache_ttl (6h0m0s) is longer than max_stale_age (1h0m0s)"},
		{"cache_ttl longer than the default max_stale_age", strArgs("cache_ttl", "400h"), "cache_ttl", "is longer than max_stale_age (336h0m0s)"},
		{"retired cloud without a pinned file", strArgs("cloud", "AzureGermany"), "cloud", `"AzureGermany" cloud was retired in 2021`},
		{"retired cloud with a pinned file", strArgs("cloud", "germany", "service_tags_file", "ServiceTags_AzureGermany_20220307.json"), "", ""},
		{"valid", strArgs("cloud", "usgovernment", "cache_ttl", "0s", "max_stale_age", "0s", "service_tags_url", "http://127.0.0.1:8080/t.json"), "", ""},
		{"unknown values wait", map[string]tftypes.Value{"cloud": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
			"cache_ttl": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			diags := validateProviderConfig(t, tt.args)
			if tt.attribute == "" {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostics, got %s", describe(diags))
				}
				return
			}
			d := findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, tt.want)
			if d == nil || d.Attribute == nil || !d.Attribute.Equal(tftypes.NewAttributePath().WithAttributeName(tt.attribute)) {
				t.Fatalf("want an error on %s containing %q, got %s", tt.attribute, tt.want, describe(diags))
			}
			if strings.Contains(d.Detail, "hunter2") {
				t.Errorf("the message shows the password: %s", d.Detail)
			}
		})
	}
}

// A value from the environment is checked like an argument, and the message says where it
// came from. It is reported by the reads of the file, not at validate or Configure: it is no
// mistake of the configuration (see TestEnvironmentMistakeFailsTheReadNotConfigure). A pin in
// the provider block wins over the pinning variables (no conflict).
func TestProviderEnvironment(t *testing.T) {
	readTags := func() []*tfprotov6.Diagnostic {
		t.Helper()
		return readDiagnostics(t, New("test")().(*AzureIPRangeProvider), nil, "azureiprange_service_tags",
			map[string]tftypes.Value{"names": stringList("AzureCloud")})
	}
	t.Setenv("AZUREIPRANGE_CLOUD", "Moon")
	if diags := validateProviderConfig(t, nil); len(diags) != 0 {
		t.Fatalf("validate reported the environment's mistake: %s", describe(diags))
	}
	if findDiagnostic(readTags(), tfprotov6.DiagnosticSeverityError, `"Moon" is not a cloud`, "comes from the AZUREIPRANGE_CLOUD environment variable") == nil {
		t.Fatalf("want the cloud error naming the variable, got %s", describe(readTags()))
	}
	t.Setenv("AZUREIPRANGE_CLOUD", "")
	t.Setenv("AZUREIPRANGE_SERVICE_TAGS_FILE", "/somewhere/ServiceTags_Public_20251028.json")
	if diags := validateProviderConfig(t, strArgs("service_tags_url", "https://mirror.example/t.json")); len(diags) != 0 {
		t.Fatalf("a URL pinned in the block must win over AZUREIPRANGE_SERVICE_TAGS_FILE, got %s", describe(diags))
	}
	t.Setenv("AZUREIPRANGE_SERVICE_TAGS_URL", "http://mirror.example/t.json")
	if findDiagnostic(readTags(), tfprotov6.DiagnosticSeverityError, "both set; set only one") == nil {
		t.Fatalf("both pinning variables set: want a conflict, got %s", describe(readTags()))
	}
}

// A relative service_tags_file that does not exist names the directory it was resolved
// against: the one Terraform runs in, not the module's.
func TestRelativeServiceTagsFileNamesTheDirectory(t *testing.T) {
	t.Parallel()
	diags := readDiagnostics(t, New("test")().(*AzureIPRangeProvider), map[string]string{
		"service_tags_file": "snapshots/ServiceTags_Public_20251028.json", "cache_dir": t.TempDir(),
	}, "azureiprange_service_tags", map[string]tftypes.Value{"names": stringList("AzureCloud")})
	wd := testutil.RepoRoot() + "/internal/provider" // go test runs in the package folder
	if findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, "snapshots/ServiceTags_Public_20251028.json",
		"resolved against "+wd, "path.root") == nil {
		t.Fatalf("no error naming the working directory: %s", describe(diags))
	}
}

// validateProviderConfig sends the provider block to ValidateProviderConfig, as
// `terraform validate` does (unset arguments are null).
func validateProviderConfig(t *testing.T, args map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	ctx := t.Context()
	server := providerserver.NewProtocol6(New("test")())()
	resp, err := server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: providerConfig(ctx, t, server, args)})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// strArgs builds string provider arguments from name, value pairs.
func strArgs(pairs ...string) map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for i := 0; i+1 < len(pairs); i += 2 {
		out[pairs[i]] = tftypes.NewValue(tftypes.String, pairs[i+1])
	}
	return out
}

// azureiprange_compact checks its arguments at `terraform validate` without compacting: a bad
// element fails there; the compaction, and what only it can find, waits for the read.
func TestCompactDataSourceValidate(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	server := providerserver.NewProtocol6(New("test")())()
	const dataSource = "azureiprange_compact"
	typ := dataSourceType(ctx, t, server, dataSource)
	validate := func(cidrs ...string) []*tfprotov6.Diagnostic {
		t.Helper()
		config := objectConfig(t, typ, map[string]tftypes.Value{"cidrs": stringList(cidrs...), "limit": tftypes.NewValue(tftypes.Number, 1)})
		resp, err := server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: dataSource, Config: config})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Diagnostics
	}
	if d := validate("10.0.0.0/8", "10.0.0.300/24"); findDiagnostic(d, tfprotov6.DiagnosticSeverityError, `element 1 ("10.0.0.300/24")`) == nil {
		t.Fatalf("a bad element must fail at validate, got %s", describe(d))
	}
	// Limit 1 over two far-apart prefixes would be 0.0.0.0/0: found by compacting, at read.
	if d := validate("10.0.0.0/8", "200.0.0.0/8"); len(d) != 0 {
		t.Fatalf("validate must not compact, got %s", describe(d))
	}
}
