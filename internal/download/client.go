package download

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// response is a 200 (with its whole body) or a 304. URLs in it are redacted for showing.
type response struct {
	status       int
	finalURL     string // after same-host redirects, redacted
	etag         string
	lastModified string
	body         []byte
}

// statusError is an HTTP status the client does not accept; code tells a 404 from the rest.
type statusError struct {
	code   int
	status string
}

func (e *statusError) Error() string { return "HTTP " + e.status }

// errLeavesHost refuses a redirect that would leave the host the request started on.
var errLeavesHost = errors.New("it leaves the original host")

// client performs GETs with retries, a per-request timeout, redirect checks and a body cap.
type client struct {
	o     Options
	retry *retryablehttp.Client
}

// newClient builds the retrying client on a copy of the caller's client, so the caller's
// timeout and redirect policy are left alone.
func newClient(o Options) *client {
	var hc http.Client // nil Transport: the default one, shared by every load in the process
	if o.HTTPClient != nil {
		hc = *o.HTTPClient
	}
	hc.Timeout = o.RequestTimeout // covers the body too, since get reads it inside the attempt
	hc.CheckRedirect = checkRedirect
	return &client{o: o, retry: &retryablehttp.Client{
		HTTPClient:   &hc,
		Logger:       nil, // the Log hook reports retries, with URLs redacted
		RetryWaitMin: o.RetryWaitMin,
		RetryWaitMax: o.RetryWaitMax,
		RetryMax:     o.RetryMax,
		CheckRetry:   retryPolicy,
		Backoff:      cappedBackoff,
		ErrorHandler: giveUp,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			if attempt > 0 {
				o.Log(req.Context(), "service tags: retrying request", map[string]any{"url": redactURL(req.URL.String()), "attempt": attempt + 1})
			}
		},
	}}
}

// checkRedirect keeps every hop on the scheme and host of the first request: a download that
// ends up somewhere else is not the file we asked for.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if !sameOrigin(req.URL, via[0].URL) {
		return fmt.Errorf("refusing redirect from %s to %s: %w", redactURL(via[len(via)-1].URL.String()), redactURL(req.URL.String()), errLeavesHost)
	}
	return nil
}

// sameOrigin compares scheme and host (including any port), ignoring case.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

// retryPolicy is go-retryablehttp's default (5xx, 429, connection errors and timeouts; never
// other 4xx), except that cancellation and permanent failures stop at once.
func retryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	// A host name that does not exist (no network, no DNS, a typo in a mirror URL) will not
	// appear within seconds: fail now rather than after every backoff.
	dnsErr, dns := errors.AsType[*net.DNSError](err)
	if errors.Is(err, errTooLarge) || errors.Is(err, errLeavesHost) || dns && dnsErr.IsNotFound {
		return false, err
	}
	retry, perr := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	if last, ok := ctx.Value(lastCauseKey{}).(*error); ok && retry {
		switch {
		case err != nil:
			*last = withoutURL(err)
		case resp != nil:
			*last = &statusError{code: resp.StatusCode, status: resp.Status}
		}
	}
	return retry, perr
}

// lastCauseKey holds, in a request's context, why its latest attempt failed: when the time
// runs out during the wait before the next one, the client returns only the context's error,
// and "context deadline exceeded" hid the refused connection or the 500 that caused it.
type lastCauseKey struct{}

// cappedBackoff is the default exponential backoff, but never longer than maxWait even when
// the server sends a long Retry-After: terraform plan should not hang for an hour.
func cappedBackoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	return min(retryablehttp.DefaultBackoff(minWait, maxWait, attempt, resp), maxWait)
}

// giveUp turns the final failed attempt into an error that keeps the status or the cause,
// without the url.Error around it (it repeats the URL, credentials included).
func giveUp(resp *http.Response, err error, attempts int) (*http.Response, error) {
	if resp != nil {
		drainAndClose(resp)
	}
	if err == nil { // retries ran out on a status; without a response there is always an error
		err = &statusError{code: resp.StatusCode, status: resp.Status}
	}
	err = withoutURL(err)
	if attempts > 1 {
		err = fmt.Errorf("%w (gave up after %d attempts)", err, attempts)
	}
	return nil, err
}

// withoutURL is the cause inside a url.Error.
func withoutURL(err error) error {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		return ue.Err
	}
	return err
}

// drainAndClose reads a little of an unwanted body so the connection can be reused.
func drainAndClose(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}

// get fetches rawURL (credentials and all) and returns 200 (body read in full, at most limit
// bytes) or 304; any other outcome is an error naming the redacted URL.
func (c *client) get(ctx context.Context, rawURL string, hdr http.Header, limit int64) (*response, error) {
	start := time.Now()
	shown := redactURL(rawURL)
	var lastCause error
	ctx = context.WithValue(ctx, lastCauseKey{}, &lastCause)
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", shown, withoutURL(err))
	}
	maps.Copy(req.Header, hdr)
	req.Header.Set("User-Agent", c.o.UserAgent)

	var body []byte
	// Reading the body inside the attempt lets a cut-off body or a timeout mid-body be
	// retried like any other transient failure.
	req.SetResponseHandler(func(resp *http.Response) (err error) {
		if resp.StatusCode != http.StatusOK {
			return nil
		}
		defer resp.Body.Close()
		if body, err = readCapped(resp.Body, limit, resp.ContentLength); err != nil {
			return fmt.Errorf("reading body: %w", err)
		}
		return nil
	})

	resp, err := c.retry.Do(req) // giveUp guarantees a nil response with any error
	if err != nil && lastCause != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return nil, fmt.Errorf("GET %s: %w, and the time ran out before the next attempt: %w", shown, lastCause, err)
	}
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", shown, err)
	}
	defer drainAndClose(resp) // for 200 the handler has read and closed it already
	out := &response{status: resp.StatusCode, finalURL: redactURL(resp.Request.URL.String()),
		etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified"), body: body}
	c.o.Log(ctx, "service tags: HTTP response", map[string]any{
		"url": shown, "final_url": out.finalURL, "status": out.status,
		"bytes": len(body), "duration_ms": time.Since(start).Milliseconds(),
	})
	if out.status != http.StatusOK && out.status != http.StatusNotModified {
		return nil, fmt.Errorf("GET %s: %w", shown, &statusError{code: resp.StatusCode, status: resp.Status})
	}
	return out, nil
}
