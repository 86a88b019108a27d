package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// Defaults for the provider block.
const (
	defaultCloud          = "Public"
	defaultCacheTTL       = 6 * time.Hour
	defaultRequestTimeout = 60 * time.Second
	cacheFolderName       = "terraform-provider-azureiprange"
)

// providerModel is the provider block as Terraform sends it.
type providerModel struct {
	Cloud           types.String `tfsdk:"cloud"`
	ServiceTagsFile types.String `tfsdk:"service_tags_file"`
	ServiceTagsURL  types.String `tfsdk:"service_tags_url"`
	CacheDir        types.String `tfsdk:"cache_dir"`
	CacheTTL        types.String `tfsdk:"cache_ttl"`
	RequestTimeout  types.String `tfsdk:"request_timeout"`
}

// settings is the provider block after environment fallbacks, defaults and validation.
type settings struct {
	cloud          string
	cloudExplicit  bool // the user named a cloud (argument or environment), rather than the default
	file           string
	url            string
	cacheDir       string
	cacheTTL       time.Duration
	requestTimeout time.Duration
}

// argumentError is a configuration problem tied to one provider argument.
type argumentError struct {
	path    path.Path
	summary string
	detail  string
}

// resolveSettings applies environment variables and defaults and validates every argument.
func resolveSettings(m providerModel) (settings, []argumentError) {
	var errs []argumentError
	bad := func(attr, summary string, err error) {
		errs = append(errs, argumentError{path: path.Root(attr), summary: summary, detail: err.Error()})
	}
	s := settings{cloud: defaultCloud, cacheTTL: defaultCacheTTL, requestTimeout: defaultRequestTimeout}

	if v := stringOrEnv(m.Cloud, "AZUREIPRANGE_CLOUD"); v != "" {
		c, err := servicetags.LookupCloud(v)
		if err != nil {
			bad("cloud", "Invalid cloud", err)
		}
		s.cloud, s.cloudExplicit = c, true
	}
	s.file = stringOrEnv(m.ServiceTagsFile, "AZUREIPRANGE_SERVICE_TAGS_FILE")
	s.url = stringOrEnv(m.ServiceTagsURL, "AZUREIPRANGE_SERVICE_TAGS_URL")
	if s.file != "" && s.url != "" {
		bad("service_tags_url", "Conflicting pins",
			fmt.Errorf("service_tags_file (%q) and service_tags_url (%q) are both set (by argument or AZUREIPRANGE_* environment variable); set only one", s.file, s.url))
	}

	s.cacheDir = stringOrEnv(m.CacheDir, "AZUREIPRANGE_CACHE_DIR")
	if s.cacheDir == "" {
		if base, err := os.UserCacheDir(); err == nil {
			s.cacheDir = filepath.Join(base, cacheFolderName)
		}
	}
	if v := m.CacheTTL.ValueString(); v != "" {
		d, err := parseDuration("cache_ttl", v, true)
		if err != nil {
			bad("cache_ttl", "Invalid cache_ttl", err)
		}
		s.cacheTTL = d
	}
	if v := m.RequestTimeout.ValueString(); v != "" {
		d, err := parseDuration("request_timeout", v, false)
		if err != nil {
			bad("request_timeout", "Invalid request_timeout", err)
		}
		s.requestTimeout = d
	}
	return s, errs
}

// stringOrEnv prefers the configured value, then the environment variable.
func stringOrEnv(v types.String, env string) string {
	if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
		return v.ValueString()
	}
	return os.Getenv(env)
}

// parseDuration reads a Go duration ("90s", "6h"); zero is allowed only where it means "off".
func parseDuration(argument, value string, zeroOK bool) (time.Duration, error) {
	d, err := time.ParseDuration(value)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not a duration; write it like \"30s\", \"15m\" or \"6h\"", argument, value)
	}
	if d < 0 || (d == 0 && !zeroOK) {
		return 0, fmt.Errorf("%s %q must be greater than zero", argument, value)
	}
	return d, nil
}
