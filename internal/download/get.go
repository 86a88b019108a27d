package download

import (
	"cmp"
	"context"
	"fmt"
	"net/http"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// fileCopy is one service tags file in hand: its JSON body, what the cache records about it,
// and, once parsed, the file. A downloaded copy is pending until it is parsed and committed.
type fileCopy struct {
	meta        cacheMeta
	body        []byte
	file        *servicetags.File
	notModified bool // a 304: body and file are the cached copy's
}

// getFunc is the get step as discovery sees it: fetch the file at one candidate URL.
type getFunc func(ctx context.Context, rawURL string) (*fileCopy, error)

// getter returns the get step for one load: when a candidate is the cached copy's URL, the
// request carries its validators, and a 304 answers with the cached copy.
func (l *Loader) getter(cached *fileCopy) getFunc {
	return func(ctx context.Context, rawURL string) (*fileCopy, error) {
		shown := redactURL(rawURL)
		hdr := http.Header{"Accept": {"application/json"}}
		if cached != nil && cached.meta.URLDigest == urlDigest(rawURL) {
			if cached.meta.ETag != "" {
				hdr.Set("If-None-Match", cached.meta.ETag)
			}
			if cached.meta.LastModified != "" {
				hdr.Set("If-Modified-Since", cached.meta.LastModified)
			}
		}
		resp, err := l.http.get(ctx, rawURL, hdr, l.o.MaxBytes)
		if err != nil {
			return nil, err
		}
		now := l.o.Now()
		if resp.status == http.StatusNotModified {
			if hdr.Get("If-None-Match") == "" && hdr.Get("If-Modified-Since") == "" {
				return nil, fmt.Errorf("GET %s: HTTP 304 Not Modified to a request that was not conditional", shown)
			}
			m := cached.meta // fetched now, with any validators the server sent
			m.FetchedAt, m.ETag, m.LastModified = now, cmp.Or(resp.etag, m.ETag), cmp.Or(resp.lastModified, m.LastModified)
			return &fileCopy{meta: m, body: cached.body, file: cached.file, notModified: true}, nil
		}
		what := shown
		if resp.finalURL != shown {
			what += " (redirected to " + resp.finalURL + ")"
		}
		body, err := decodeBody(resp.body, l.o.MaxBytes, what)
		if err != nil {
			return nil, err
		}
		meta := cacheMeta{URL: shown, URLDigest: urlDigest(rawURL), Source: resp.finalURL, ETag: resp.etag,
			LastModified: resp.lastModified, FetchedAt: now}
		return &fileCopy{meta: meta, body: body}, nil
	}
}
