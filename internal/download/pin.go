package download

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"
)

// readPinnedFile serves service_tags_file: read from disk under the size cap, checked like a download.
func (f *fetcher) readPinnedFile(ctx context.Context, path string) (*Result, error) {
	start := time.Now()
	body, err := readFileCapped(path, f.o.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("reading service_tags_file %s: %w", path, err)
	}
	if err := checkJSONBody(body, f.o.MaxBytes, "service_tags_file "+path); err != nil {
		return nil, err
	}
	f.o.logf(ctx, "service tags: read pinned file", map[string]any{
		"source": path, "bytes": len(body), "duration_ms": time.Since(start).Milliseconds(),
	})
	return &Result{Body: body, Source: path}, nil
}

// validatePinnedURL accepts https anywhere and plain http only on this machine, where nothing
// on the network path can tamper with the file.
func validatePinnedURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("service_tags_url %q is not a valid URL: %w", raw, err)
	}
	if u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("service_tags_url %q must be an absolute https:// URL", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("service_tags_url %q uses plain http to a non-loopback host; use https (http is allowed only for 127.0.0.0/8, ::1 and localhost)", raw)
	default:
		return fmt.Errorf("service_tags_url %q must use https", raw)
	}
}

// isLoopbackHost reports whether host is localhost or a loopback IP literal.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
