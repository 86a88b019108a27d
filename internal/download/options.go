package download

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Defaults applied when an Options field is left at its zero value; the provider documents them.
const (
	DefaultRequestTimeout = 60 * time.Second
	DefaultMaxStaleAge    = 14 * 24 * time.Hour
)

const (
	defaultMaxBytes     = 64 << 20
	defaultRetryMax     = 3
	defaultMinRetryWait = 1 * time.Second
	defaultMaxRetryWait = 10 * time.Second
	defaultUserAgent    = "terraform-provider-azureiprange"
	// overallTimeoutFactor sizes the budget of one whole download (every retry and discovery
	// step) in request timeouts, so a black-holed network fails in minutes, not a quarter hour.
	overallTimeoutFactor = 3
)

// Endpoints are the Microsoft addresses discovery talks to. Tests point them at local servers.
type Endpoints struct {
	// DownloadBase is where the stable download paths hang off, e.g. "https://download.microsoft.com".
	// Discovered links (and cache entries of discovered files) are accepted only on its scheme and host.
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

// Options configure a Loader. Zero values pick the documented defaults.
type Options struct {
	// Cloud is the default cloud of Load: servicetags.CloudPublic (also when empty),
	// CloudAzureGovernment or CloudChina. It is ignored when the file is pinned.
	Cloud string
	// File pins a local file (service_tags_file).
	File string
	// URL pins a download address (service_tags_url); see CheckURL.
	URL string
	// CacheDir is the disk cache folder; "" disables the disk cache.
	CacheDir string
	// CacheTTL is how long a cached copy is used without asking the network; 0 disables the cache.
	CacheTTL time.Duration
	// MaxStaleAge is the oldest cached copy used when the network fails; zero means
	// DefaultMaxStaleAge, a negative value never uses a stale copy.
	MaxStaleAge time.Duration
	// RequestTimeout bounds each HTTP request including reading its body; zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// MaxBytes caps every body (after gzip decompression), enforced while reading; zero means 64 MiB.
	MaxBytes int64
	// UserAgent is sent with every request, e.g. "terraform-provider-azureiprange/1.2.3".
	UserAgent string
	// Endpoints default to DefaultEndpoints field by field.
	Endpoints Endpoints
	// HTTPClient is the base client (its Transport is reused); nil means one on
	// http.DefaultTransport. It is copied, never modified.
	HTTPClient *http.Client
	// RetryMax is how many times a request is retried after a 5xx, 429, timeout or connection
	// error (never after another 4xx); 0 means 3, a negative value disables retries.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff between retries; defaults 1s and 10s.
	RetryWaitMin, RetryWaitMax time.Duration
	// Now is the clock, for cache ages and date probing; nil means time.Now.
	Now func() time.Time
	// Log receives debug messages (the provider passes tflog.Debug); nil is silent. URLs in
	// messages and fields never carry credentials.
	Log func(ctx context.Context, msg string, fields map[string]any)
}

// Pinned reports whether the file is pinned (a local file or an exact URL), which disables discovery.
func (o Options) Pinned() bool {
	return o.File != "" || o.URL != ""
}

// ArgumentError is a mistake in one of the settings a user writes; Argument names it as the
// provider block does ("service_tags_url", "service_tags_file", "cloud").
type ArgumentError struct {
	Argument string
	Err      error
}

// Error implements error.
func (e *ArgumentError) Error() string { return e.Err.Error() }

// Validate checks the settings a user writes (service_tags_file, service_tags_url, cloud), so
// the provider can report mistakes at `terraform validate`, before any download. The error is
// an *ArgumentError.
func (o Options) Validate() error {
	if o.File != "" && o.URL != "" {
		return &ArgumentError{"service_tags_url", errors.New("service_tags_file and service_tags_url are both set; set only one")}
	}
	if o.URL != "" {
		if err := checkURL(o.URL); err != nil {
			return &ArgumentError{"service_tags_url", err}
		}
	}
	// A copy used without asking must never be older than one allowed to stand in for a
	// failed download: the longer cache_ttl would serve ranges max_stale_age calls too old.
	if stale := cmp.Or(o.MaxStaleAge, DefaultMaxStaleAge); o.CacheTTL > 0 && stale > 0 && o.CacheTTL > stale {
		return &ArgumentError{"cache_ttl", fmt.Errorf("cache_ttl (%s) is longer than max_stale_age (%s): a cached copy would be used "+
			"without asking the server when it is already too old to stand in for a failed download; set cache_ttl to %s or less, "+
			"or max_stale_age to %s or more", o.CacheTTL, stale, stale, o.CacheTTL)}
	}
	if !o.Pinned() && o.Cloud != "" {
		if _, err := lookupCloud(o.Cloud); err != nil {
			return &ArgumentError{"cloud", err}
		}
	}
	return nil
}

// withDefaults validates o and returns a copy with every zero field filled in.
func (o Options) withDefaults() (Options, error) {
	if err := o.Validate(); err != nil {
		return o, err
	}
	o.RequestTimeout = positiveOr(o.RequestTimeout, DefaultRequestTimeout)
	o.MaxStaleAge = cmp.Or(o.MaxStaleAge, DefaultMaxStaleAge) // a negative value stays: never use a stale copy
	o.MaxBytes = positiveOr(o.MaxBytes, defaultMaxBytes)
	o.RetryMax = max(cmp.Or(o.RetryMax, defaultRetryMax), 0)
	o.RetryWaitMin = positiveOr(o.RetryWaitMin, defaultMinRetryWait)
	o.RetryWaitMax = max(positiveOr(o.RetryWaitMax, defaultMaxRetryWait), o.RetryWaitMin)
	if strings.TrimSpace(o.UserAgent) == "" {
		o.UserAgent = defaultUserAgent
	}
	def := DefaultEndpoints()
	e := &o.Endpoints
	e.DownloadBase = strings.TrimRight(cmp.Or(e.DownloadBase, def.DownloadBase), "/")
	e.DetailsPage = cmp.Or(e.DetailsPage, def.DetailsPage)
	e.ConfirmationPage = cmp.Or(e.ConfirmationPage, def.ConfirmationPage)
	for _, p := range []string{o.Endpoints.DetailsPage, o.Endpoints.ConfirmationPage} {
		// Exactly one %d and no other verb: the Download Center id is the only argument.
		if strings.Count(p, "%d") != 1 || strings.Count(p, "%") != 1 {
			return o, fmt.Errorf("endpoint pattern %q must contain exactly one %%d for the Download Center id", p)
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = func(context.Context, string, map[string]any) {}
	}
	return o, nil
}

// positiveOr replaces a zero or negative value with def.
func positiveOr[T int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
