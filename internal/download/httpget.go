package download

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// response is what get hands back: the status (200 or 304) and, for 200, the whole body.
type response struct {
	URL          string // the address requested
	FinalURL     string // after same-host redirects
	Status       int
	ETag         string
	LastModified string
	Body         []byte
}

// statusError is an HTTP status get does not accept. Its fields let callers tell a 404 from the rest.
type statusError struct {
	URL      string
	Code     int
	Status   string
	Attempts int
}

func (e *statusError) Error() string {
	msg := fmt.Sprintf("GET %s: HTTP %s", e.URL, e.Status)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (gave up after %d attempts)", e.Attempts)
	}
	return msg
}

// redirectError refuses a redirect that would leave the host the request started on.
type redirectError struct{ From, To string }

func (e *redirectError) Error() string {
	return fmt.Sprintf("refusing redirect from %s to %s: it leaves the original host", e.From, e.To)
}

// attemptsError keeps the cause while saying how often it was tried.
type attemptsError struct {
	Attempts int
	Err      error
}

func (e *attemptsError) Error() string {
	return fmt.Sprintf("%v (gave up after %d attempts)", e.Err, e.Attempts)
}

func (e *attemptsError) Unwrap() error { return e.Err }

// getter performs GETs with retries, a per-request timeout, redirect checks and a body cap.
type getter struct {
	o      Options
	client *retryablehttp.Client
}

// newGetter builds the retrying client on a copy of the caller's client, so the caller's
// timeout and redirect policy are left alone.
func newGetter(o Options) *getter {
	var hc http.Client
	if o.HTTPClient != nil {
		hc = *o.HTTPClient
	} else {
		hc = http.Client{Transport: sharedTransport()}
	}
	hc.Timeout = o.RequestTimeout // covers the body too, since get reads it inside the attempt
	hc.CheckRedirect = checkRedirect
	g := &getter{o: o}
	g.client = &retryablehttp.Client{
		HTTPClient:   &hc,
		Logger:       nil, // our own Log hook reports retries
		RetryWaitMin: o.RetryWaitMin,
		RetryWaitMax: o.RetryWaitMax,
		RetryMax:     o.RetryMax,
		CheckRetry:   retryPolicy,
		Backoff:      cappedBackoff,
		ErrorHandler: giveUp,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			if attempt > 0 {
				o.logf(req.Context(), "service tags: retrying request", map[string]any{"url": req.URL.String(), "attempt": attempt + 1})
			}
		},
	}
	return g
}

// sharedTransport is the clean default transport (proxy settings from the environment, no
// global state shared with other code), one per process so connections are reused across fetches.
var sharedTransport = sync.OnceValue(func() *http.Transport {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		return t.Clone()
	}
	return &http.Transport{Proxy: http.ProxyFromEnvironment}
})

// checkRedirect keeps every hop on the scheme and host of the first request: a download that
// ends up somewhere else is not the file we asked for.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	first := via[0].URL
	if !sameOrigin(req.URL, first) {
		return &redirectError{From: via[len(via)-1].URL.String(), To: req.URL.String()}
	}
	return nil
}

// sameOrigin compares scheme and host (including any port), ignoring case.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

// retryPolicy is go-retryablehttp's default (5xx, 429, connection errors and timeouts; never
// other 4xx), except that cancellation and our own permanent failures stop at once.
func retryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		var re *redirectError
		if errors.Is(err, errTooLarge) || errors.As(err, &re) {
			return false, err
		}
		// A host name that does not exist (no network, no DNS, a typo in a mirror URL) will
		// not appear within seconds: fail now rather than after every backoff.
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
			return false, err
		}
	}
	return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
}

// cappedBackoff is the default exponential backoff, but never longer than max even when the
// server sends a long Retry-After: terraform plan should not hang for an hour.
func cappedBackoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	d := retryablehttp.DefaultBackoff(minWait, maxWait, attempt, resp)
	if d > maxWait {
		d = maxWait
	}
	return d
}

// giveUp turns the final failed attempt into an error that keeps the status or the cause.
func giveUp(resp *http.Response, err error, attempts int) (*http.Response, error) {
	if resp != nil {
		drainAndClose(resp.Body)
	}
	if err == nil && resp != nil {
		return nil, &statusError{Code: resp.StatusCode, Status: resp.Status, Attempts: attempts}
	}
	if err == nil {
		err = errors.New("request failed")
	}
	if attempts > 1 {
		return nil, &attemptsError{Attempts: attempts, Err: err}
	}
	return nil, err
}

// drainAndClose reads a little of an unwanted body so the connection can be reused.
func drainAndClose(body io.ReadCloser) {
	if body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	_ = body.Close()
}

// get fetches rawURL. It returns a response only for 200 (body read in full, at most limit
// bytes) and 304; any other outcome is an error naming the URL.
func (g *getter) get(ctx context.Context, rawURL string, hdr http.Header, limit int64) (*response, error) {
	start := time.Now()
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", g.o.UserAgent)

	var out response
	// Reading the body inside the attempt lets a truncated body or a timeout mid-body be
	// retried like any other transient failure.
	req.SetResponseHandler(func(resp *http.Response) error {
		out = response{
			URL:          rawURL,
			FinalURL:     resp.Request.URL.String(),
			Status:       resp.StatusCode,
			ETag:         resp.Header.Get("ETag"),
			LastModified: resp.Header.Get("Last-Modified"),
		}
		if resp.StatusCode != http.StatusOK {
			return nil
		}
		defer resp.Body.Close()
		b, err := readCapped(resp.Body, limit, resp.ContentLength)
		if err != nil {
			return fmt.Errorf("reading body: %w", err)
		}
		out.Body = b
		return nil
	})

	resp, err := g.client.Do(req) // giveUp guarantees a nil response with any error
	if err != nil {
		var se *statusError
		if errors.As(err, &se) {
			se.URL = rawURL
			return nil, se
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			// url.Error repeats the method and URL; keep only the cause, plus any attempts count.
			var ae *attemptsError
			if errors.As(err, &ae) {
				err = &attemptsError{Attempts: ae.Attempts, Err: ue.Err}
			} else {
				err = ue.Err
			}
		}
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	// For 200 the handler has already read and closed the body; closing twice is harmless.
	defer func() {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		_ = resp.Body.Close()
	}()
	g.o.logf(ctx, "service tags: HTTP response", map[string]any{
		"url": rawURL, "final_url": out.FinalURL, "status": resp.StatusCode,
		"bytes": len(out.Body), "duration_ms": time.Since(start).Milliseconds(),
	})
	switch resp.StatusCode {
	case http.StatusOK, http.StatusNotModified:
		return &out, nil
	default:
		return nil, &statusError{URL: rawURL, Code: resp.StatusCode, Status: resp.Status, Attempts: 1}
	}
}
