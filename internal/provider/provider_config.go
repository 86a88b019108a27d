package provider

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// Provider defaults that the download package does not own: it treats a zero cache TTL as
// "no cache" and a zero timeout or stale age as its own default.
const (
	defaultCacheTTL = 6 * time.Hour
	cacheFolderName = "terraform-provider-azureiprange"
)

// providerModel is the provider block as Terraform sends it.
type providerModel struct {
	Cloud           types.String `tfsdk:"cloud"`
	ServiceTagsFile types.String `tfsdk:"service_tags_file"`
	ServiceTagsURL  types.String `tfsdk:"service_tags_url"`
	CacheDir        types.String `tfsdk:"cache_dir"`
	CacheTTL        types.String `tfsdk:"cache_ttl"`
	RequestTimeout  types.String `tfsdk:"request_timeout"`
	MaxStaleAge     types.String `tfsdk:"max_stale_age"`
}

// settings is the provider block after environment fallbacks, defaults and validation.
type settings struct {
	download      download.Options // everything the loader needs, Cloud included
	cloudExplicit bool             // the user named a cloud (argument or environment), rather than the default
}

// resolveSettings applies environment variables and defaults to the provider block and
// validates every argument, on top of base (the transport settings tests point at local
// servers). Unknown values are skipped, so ValidateConfig can check what is known.
//
// A bad value from an AZUREIPRANGE_* variable is in envDiags, apart: it is no mistake of the
// configuration, and reported at validate time it makes Terraform add a second, misleading
// error ("requires explicit configuration") for a configuration without a provider block.
func resolveSettings(m providerModel, base download.Options) (s settings, diags, envDiags diag.Diagnostics) {
	envs := map[string]string{} // argument -> the environment variable its value came from
	diagnosed := map[string]bool{}
	bad := func(attr string, err error) {
		diagnosed[attr] = true
		if env := envs[attr]; env != "" {
			envDiags.AddError("Invalid "+attr,
				fmt.Sprintf("%s (the value comes from the %s environment variable)", err, env))
			return
		}
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr, err.Error())
	}
	fromEnv := func(attr string, v types.String, env string) string {
		if v.IsNull() || v.IsUnknown() {
			if e := os.Getenv(env); e != "" {
				envs[attr] = env
				return e
			}
			return ""
		}
		return v.ValueString()
	}
	s = settings{download: base}
	o := &s.download
	o.Cloud = servicetags.CloudPublic
	if v := fromEnv("cloud", m.Cloud, "AZUREIPRANGE_CLOUD"); v != "" {
		c, err := servicetags.LookupCloud(v)
		if err != nil {
			bad("cloud", err)
		}
		o.Cloud, s.cloudExplicit = c, true
	}
	// A pin in the provider block wins over both pinning variables, so a block pinned to a URL
	// still works where AZUREIPRANGE_SERVICE_TAGS_FILE is set for other configurations.
	if m.ServiceTagsFile.ValueString() != "" || m.ServiceTagsURL.ValueString() != "" {
		o.File, o.URL = m.ServiceTagsFile.ValueString(), m.ServiceTagsURL.ValueString()
	} else if !m.ServiceTagsFile.IsUnknown() && !m.ServiceTagsURL.IsUnknown() {
		o.File = fromEnv("service_tags_file", m.ServiceTagsFile, "AZUREIPRANGE_SERVICE_TAGS_FILE")
		o.URL = fromEnv("service_tags_url", m.ServiceTagsURL, "AZUREIPRANGE_SERVICE_TAGS_URL")
	}

	// An empty pin used to drop the environment variable's pin silently and download instead.
	for attr, v := range map[string]types.String{"service_tags_file": m.ServiceTagsFile, "service_tags_url": m.ServiceTagsURL} {
		if !v.IsNull() && !v.IsUnknown() && strings.TrimSpace(v.ValueString()) == "" {
			bad(attr, fmt.Errorf("%s is empty; leave it out to download the current file (or to use AZUREIPRANGE_%s), or set it",
				attr, strings.ToUpper(attr)))
		}
	}
	if !m.CacheDir.IsNull() && !m.CacheDir.IsUnknown() && m.CacheDir.ValueString() == "" {
		bad("cache_dir", errors.New(`cache_dir is empty; leave it out for the default folder, or set cache_ttl = "0s" to use no cache`))
	}
	o.CacheDir = fromEnv("cache_dir", m.CacheDir, "AZUREIPRANGE_CACHE_DIR")
	if o.CacheDir == "" {
		if base, err := os.UserCacheDir(); err == nil {
			o.CacheDir = filepath.Join(base, cacheFolderName)
		}
	}
	o.CacheTTL = defaultCacheTTL
	durations := []struct {
		attr   string
		value  types.String
		target *time.Duration
		zeroOK bool
	}{
		{"cache_ttl", m.CacheTTL, &o.CacheTTL, true}, // "0s": no cache
		{"request_timeout", m.RequestTimeout, &o.RequestTimeout, false},
		{"max_stale_age", m.MaxStaleAge, &o.MaxStaleAge, true}, // "0s": never a stale copy
	}
	for _, d := range durations {
		if d.value.IsNull() || d.value.IsUnknown() {
			continue
		}
		v, err := parseDuration(d.attr, d.value.ValueString(), d.zeroOK)
		if err != nil {
			bad(d.attr, err)
		}
		*d.target = v
	}
	if !m.MaxStaleAge.IsNull() && !m.MaxStaleAge.IsUnknown() && o.MaxStaleAge == 0 {
		o.MaxStaleAge = -1 // the download package's "never": its zero means the default
	}
	// An invalid cloud left o.Cloud empty above; a valid one without a file (AzureGermany)
	// fails here, as do a bad pin and a cache_ttl longer than max_stale_age.
	var argErr *download.ArgumentError
	if err := o.Validate(); errors.As(err, &argErr) && !diagnosed[argErr.Argument] {
		bad(argErr.Argument, argErr)
	}
	return s, diags, envDiags
}

// parseDuration reads a Go duration ("90s", "6h"); zero is allowed only where it means "off".
func parseDuration(argument, value string, zeroOK bool) (time.Duration, error) {
	d, err := time.ParseDuration(value)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not a duration (or one too long to hold); write it like \"30s\", \"15m\" or \"6h\"", argument, value)
	}
	if d < 0 || (d == 0 && !zeroOK) {
		return 0, fmt.Errorf("%s %q must be greater than zero", argument, value)
	}
	return d, nil
}
