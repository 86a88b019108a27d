package download

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

// pinnedOptions fetches f's path as a pinned URL, so only that path is involved.
func pinnedOptions(f *fakeMS, path string) Options {
	o := f.options()
	o.URL = f.URLOf(path)
	return o
}

func TestRetry500Then200(t *testing.T) {
	t.Parallel()
	body := testutil.Snapshot(t, testutil.China)
	f := newFakeMS(t)
	var n atomic.Int64
	f.Handle("/tags.json", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		jsonFile(body, "")(w, r)
	})
	wantFile(t, mustLoad(t, pinnedOptions(f, "/tags.json")), testutil.China)
	wantCount(t, f, "/tags.json", 2)
}

func TestRetry429Then200(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	var n atomic.Int64
	f.Handle("/tags.json", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "3600") // capped by RetryWaitMax
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		jsonFile(testutil.Snapshot(t, testutil.China), "")(w, r)
	})
	start := time.Now()
	if _, err := load(t, pinnedOptions(f, "/tags.json")); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 2*time.Second {
		t.Error("Retry-After was not capped")
	}
	wantCount(t, f, "/tags.json", 2)
}

func TestServerErrorAlwaysFails(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/tags.json", status(http.StatusInternalServerError))
	o := pinnedOptions(f, "/tags.json")
	_, err := load(t, o)
	mustContain(t, err, o.URL, "500 Internal Server Error", "3 attempts")
	wantCount(t, f, "/tags.json", 3) // RetryMax 2
}

func TestNotFoundIsNotRetried(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	o := pinnedOptions(f, "/missing.json")
	_, err := load(t, o)
	mustContain(t, err, o.URL, "404")
	var se *statusError
	if !errors.As(err, &se) || se.code != http.StatusNotFound {
		t.Errorf("want a statusError 404, got %T", err)
	}
	wantCount(t, f, "/missing.json", 1)
}

// A server that hangs on every attempt (RequestTimeout 100ms): each attempt ends at the
// request timeout, and all of them share one budget.
func TestHangingServer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		retryMax int
		want     []string      // in the error, besides the URL
		within   time.Duration // how long the load may take at most
		requests int           // attempts that reach the server; 0: not checked (timing decides)
	}{
		// Timeouts are retried.
		{"request timeout", 1, []string{"Timeout", "2 attempts"}, 2 * time.Second, 2},
		// Retries and discovery steps share one budget of 3 × RequestTimeout: a server that hangs on
		// every attempt costs that much at most (about 300ms), not RetryMax+1 timeouts plus backoff.
		{"overall timeout bounds retries", 10, []string{"gave up after 300ms in all"}, time.Second, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeMS(t)
			f.Handle("/hang.json", hang)
			o := pinnedOptions(f, "/hang.json")
			o.RequestTimeout = 100 * time.Millisecond
			o.RetryMax = tc.retryMax
			start := time.Now()
			_, err := load(t, o)
			mustContain(t, err, append([]string{o.URL}, tc.want...)...)
			if d := time.Since(start); d > tc.within {
				t.Errorf("took %v, want at most %v: the timeout was not applied", d, tc.within)
			}
			if tc.requests != 0 {
				wantCount(t, f, "/hang.json", tc.requests)
			}
		})
	}
}

func TestTruncatedBody(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/tags.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "1000")
		_, _ = w.Write([]byte(`{"values":[`)) // then the connection closes
	})
	o := pinnedOptions(f, "/tags.json")
	_, err := load(t, o)
	mustContain(t, err, o.URL, "unexpected EOF")
	wantCount(t, f, "/tags.json", 3) // a cut-off transfer is transient, so retried
}

func TestOversizeBodyStreamed(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	var wrote atomic.Int64
	f.Handle("/big.json", func(w http.ResponseWriter, r *http.Request) {
		// No Content-Length: the cap must hold while streaming.
		chunk := []byte("{" + strings.Repeat(" ", 1023))
		fl, ok := w.(http.Flusher)
		if !ok {
			panic("no flusher")
		}
		for i := 0; i < 4096 && r.Context().Err() == nil; i++ {
			n, err := w.Write(chunk)
			wrote.Add(int64(n))
			if err != nil {
				return
			}
			fl.Flush()
		}
	})
	o := pinnedOptions(f, "/big.json")
	o.MaxBytes = 4096
	_, err := load(t, o)
	mustContain(t, err, o.URL, "size limit", "4096")
	wantCount(t, f, "/big.json", 1) // too large is permanent
	if wrote.Load() >= 4096*1024 {
		t.Error("the client read the whole stream instead of stopping at the cap")
	}
}

func TestOversizeContentLengthRejectedEarly(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/big.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(10000))
		_, _ = w.Write(bytes.Repeat([]byte(" "), 10000))
	})
	o := pinnedOptions(f, "/big.json")
	o.MaxBytes = 100
	_, err := load(t, o)
	mustContain(t, err, "announced 10000 bytes")
	wantCount(t, f, "/big.json", 1)
}

func TestHTMLInsteadOfJSON(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/tags.json", htmlPage("\ufeff  <!DOCTYPE html><html><body>Sign in</body></html>"))
	o := pinnedOptions(f, "/tags.json")
	_, err := load(t, o)
	mustContain(t, err, o.URL, "HTML page came back where the service tags JSON was expected")
}

func TestEmptyAndNonJSONBodies(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{"empty": "", "spaces": " \n\t", "array": "[1,2]", "text": "hello"} {
		t.Run(name, func(t *testing.T) {
			f := newFakeMS(t)
			f.Handle("/tags.json", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) })
			o := pinnedOptions(f, "/tags.json")
			_, err := load(t, o)
			mustContain(t, err, o.URL)
		})
	}
}

func TestBOMBodyAccepted(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/tags.json", jsonFile(append([]byte("\ufeff\n"), testutil.Snapshot(t, testutil.China)...), ""))
	if _, err := load(t, pinnedOptions(f, "/tags.json")); err != nil {
		t.Fatal(err)
	}
}

func TestUserAgentSent(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	var ua atomic.Value
	f.Handle("/tags.json", func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		_, _ = w.Write(testutil.Snapshot(t, testutil.China))
	})
	if _, err := load(t, pinnedOptions(f, "/tags.json")); err != nil {
		t.Fatal(err)
	}
	if got := ua.Load(); got != "terraform-provider-azureiprange/test" {
		t.Errorf("User-Agent = %v", got)
	}
}

func TestCancelMidDownload(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000000")
		_, _ = w.Write([]byte(`{"values":[`))
		fl, ok := w.(http.Flusher)
		if !ok {
			panic("no flusher")
		}
		fl.Flush()
		close(started)
		for r.Context().Err() == nil {
			_, _ = w.Write([]byte(" "))
			fl.Flush()
			time.Sleep(10 * time.Millisecond)
		}
	}))
	defer srv.Close()

	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		<-started
		time.Sleep(50 * time.Millisecond)
		cancel()
	}()
	o := Options{URL: srv.URL + "/tags.json", HTTPClient: srv.Client(), RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond}
	start := time.Now()
	_, err := NewLoader(o).Load(ctx, "")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancellation took %v", d)
	}
}

func TestCancelledContextBeforeStart(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := NewLoader(Options{Cloud: "Public"}).Load(ctx, "")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
}

// A host that does not resolve is not retried: an offline machine gets its error at once.
func TestUnknownHostIsNotRetried(t *testing.T) {
	t.Parallel()
	// The dialer answers as a resolver would for a missing name, without asking any resolver.
	notFound := &http.Transport{DialContext: func(_ context.Context, _, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}}
	}}
	o := Options{
		URL:          "https://no-such-host.invalid/ServiceTags_Public_20251028.json",
		HTTPClient:   &http.Client{Transport: notFound},
		RetryWaitMin: time.Second, RetryWaitMax: time.Second,
	}
	start := time.Now()
	_, err := load(t, o)
	mustContain(t, err, "no-such-host.invalid")
	if strings.Contains(err.Error(), "attempts") {
		t.Errorf("a missing host was retried: %v", err)
	}
	if d := time.Since(start); d > 900*time.Millisecond {
		t.Errorf("took %v; a missing host must fail without backoff", d)
	}
}

// hang answers nothing until the client gives up (or 5 s pass, so a broken test still ends).
func hang(_ http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}

// When the budget runs out while waiting to retry, the error keeps what went wrong: a short
// request_timeout used to show only "context deadline exceeded".
func TestBudgetKeepsTheCause(t *testing.T) {
	t.Parallel()
	f := newFakeMS(t)
	f.Handle("/busy.json", status(http.StatusInternalServerError))
	o := pinnedOptions(f, "/busy.json")
	o.RequestTimeout = 100 * time.Millisecond
	o.RetryMax, o.RetryWaitMin, o.RetryWaitMax = 5, time.Second, time.Second // the wait outlasts the 300ms budget
	_, err := load(t, o)
	mustContain(t, err, "gave up after 300ms in all", "500 Internal Server Error", "the time ran out before the next attempt")

	refused := pinnedOptions(f, "/x.json")
	refused.URL = "https://127.0.0.1:1/x.json" // nothing listens on port 1
	refused.RequestTimeout = 100 * time.Millisecond
	refused.RetryMax, refused.RetryWaitMin, refused.RetryWaitMax = 5, time.Second, time.Second
	_, err = load(t, refused)
	mustContain(t, err, "connection refused", "the time ran out before the next attempt")
}
