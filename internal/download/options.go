package download

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Defaults applied by Options when a field is left at its zero value.
const (
	DefaultRequestTimeout = 60 * time.Second
	DefaultMaxBytes       = 64 << 20
	DefaultRetryMax       = 3
	DefaultMinRetryWait   = 1 * time.Second
	DefaultMaxRetryWait   = 10 * time.Second
	DefaultUserAgent      = "terraform-provider-azureiprange"
)

// Endpoints are the Microsoft addresses discovery talks to. Tests point them at local servers.
type Endpoints struct {
	// DownloadBase is where the stable download paths hang off, e.g. "https://download.microsoft.com".
	// Links discovered on pages are accepted only when they share its scheme and host.
	DownloadBase string
	// DetailsPage is a fmt pattern taking the Download Center id, e.g.
	// "https://www.microsoft.com/download/details.aspx?id=%d".
	DetailsPage string
	// ConfirmationPage is a fmt pattern taking the Download Center id, e.g.
	// "https://www.microsoft.com/download/confirmation.aspx?id=%d".
	ConfirmationPage string
}

// DefaultEndpoints returns Microsoft's real addresses.
func DefaultEndpoints() Endpoints {
	return Endpoints{
		DownloadBase:     "https://download.microsoft.com",
		DetailsPage:      "https://www.microsoft.com/download/details.aspx?id=%d",
		ConfirmationPage: "https://www.microsoft.com/download/confirmation.aspx?id=%d",
	}
}

// Options configure Fetch and Loader. Zero values pick the documented defaults.
type Options struct {
	// Cloud is "Public", "AzureGovernment" or "China"; it selects what discovery looks for and
	// is ignored when the file is pinned (File or URL).
	Cloud string
	// File pins a local file (service_tags_file).
	File string
	// URL pins a download address (service_tags_url). http:// is allowed only for loopback hosts.
	URL string
	// CacheDir is the disk cache folder; "" disables the disk cache.
	CacheDir string
	// CacheTTL is how long a cached copy is used without asking the network; 0 disables the cache.
	CacheTTL time.Duration
	// RequestTimeout bounds each HTTP request including reading its body; default 60s.
	RequestTimeout time.Duration
	// MaxBytes caps every body, enforced while streaming; default 64 MiB.
	MaxBytes int64
	// UserAgent is sent with every request, e.g. "terraform-provider-azureiprange/1.2.3".
	UserAgent string
	// Endpoints default to DefaultEndpoints field by field.
	Endpoints Endpoints
	// HTTPClient is the base client (its Transport is reused); nil means a fresh default client.
	// It is copied, never modified.
	HTTPClient *http.Client
	// RetryMax is how many times a request is retried after a 5xx, 429, timeout or connection
	// error (never after another 4xx); 0 means the default 3, a negative value disables retries.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff between retries; defaults 1s and 10s.
	RetryWaitMin, RetryWaitMax time.Duration
	// Now is the clock, for cache ages and date probing; nil means time.Now.
	Now func() time.Time
	// Log receives debug messages (the provider passes tflog.Debug); nil is silent.
	Log func(ctx context.Context, msg string, fields map[string]any)
}

// Pinned reports whether the file is pinned (a local file or an exact URL), which disables discovery.
func (o Options) Pinned() bool {
	return o.File != "" || o.URL != ""
}

// withDefaults returns a copy with every zero field filled in, or an error for contradictory input.
func (o Options) withDefaults() (Options, error) {
	if o.File != "" && o.URL != "" {
		return o, fmt.Errorf("service_tags_file and service_tags_url are mutually exclusive; set only one")
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	switch {
	case o.RetryMax == 0:
		o.RetryMax = DefaultRetryMax
	case o.RetryMax < 0:
		o.RetryMax = 0
	}
	if o.RetryWaitMin <= 0 {
		o.RetryWaitMin = DefaultMinRetryWait
	}
	if o.RetryWaitMax <= 0 {
		o.RetryWaitMax = DefaultMaxRetryWait
	}
	if o.RetryWaitMax < o.RetryWaitMin {
		o.RetryWaitMax = o.RetryWaitMin
	}
	if strings.TrimSpace(o.UserAgent) == "" {
		o.UserAgent = DefaultUserAgent
	}
	def := DefaultEndpoints()
	if o.Endpoints.DownloadBase == "" {
		o.Endpoints.DownloadBase = def.DownloadBase
	}
	if o.Endpoints.DetailsPage == "" {
		o.Endpoints.DetailsPage = def.DetailsPage
	}
	if o.Endpoints.ConfirmationPage == "" {
		o.Endpoints.ConfirmationPage = def.ConfirmationPage
	}
	o.Endpoints.DownloadBase = strings.TrimRight(o.Endpoints.DownloadBase, "/")
	for _, p := range []string{o.Endpoints.DetailsPage, o.Endpoints.ConfirmationPage} {
		// Exactly one %d and no other verb: the Download Center id is the only argument.
		if strings.Count(p, "%d") != 1 || strings.Count(p, "%") != 1 {
			return o, fmt.Errorf("endpoint pattern %q must contain exactly one %%d for the Download Center id", p)
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// cacheEnabled reports whether the disk cache is in use.
// overallTimeoutFactor sizes the budget of one whole fetch (every retry and discovery step)
// in request timeouts.
const overallTimeoutFactor = 3

// overallTimeout is the budget of one whole fetch.
func (o Options) overallTimeout() time.Duration {
	return overallTimeoutFactor * o.RequestTimeout
}

func (o Options) cacheEnabled() bool {
	return o.CacheDir != "" && o.CacheTTL > 0
}

// logf sends a debug message to the hook, if any.
func (o Options) logf(ctx context.Context, msg string, fields map[string]any) {
	if o.Log != nil {
		o.Log(ctx, msg, fields)
	}
}
