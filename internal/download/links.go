package download

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

// detailsMarker names the JSON object the Download Center embeds in its pages.
const detailsMarker = "window.__DLCDetails__"

var (
	// errNoLink means a page was read but did not name this cloud's file.
	errNoLink = errors.New("no link to the service tags file on the page")
	// detailsRE finds each assignment of the embedded object, up to its opening brace.
	detailsRE = regexp.MustCompile(`window\.__DLCDetails__\s*=\s*\{`)
	// hrefRE finds href attribute values.
	hrefRE = regexp.MustCompile(`(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	// datedRE matches a dated file name: ServiceTags_<cloud>_<YYYYMMDD>.json.
	datedRE = regexp.MustCompile(`^ServiceTags_(.*)_([0-9]{8})\.json$`)
)

// extractLink finds this cloud's newest dated file on a Download Center page, among its href
// links (the confirmation page is plain HTML) and the "url" strings of its embedded
// window.__DLCDetails__ object (the details page), and returns its URL, which is guaranteed to
// share base's scheme and host.
func extractLink(page []byte, cloud string, base *url.URL) (string, error) {
	var links []string
	for _, m := range hrefRE.FindAllSubmatch(page, -1) {
		links = append(links, html.UnescapeString(strings.TrimSpace(string(m[1])+string(m[2]))))
	}
	found, decodeErr := false, error(nil)
	for _, loc := range detailsRE.FindAllIndex(page, -1) {
		// A JSON decoder reads exactly one value, so braces inside strings and whatever
		// follows the object (";</script>…") are handled correctly.
		dec := json.NewDecoder(bytes.NewReader(page[loc[1]-1:]))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			decodeErr = err
			continue
		}
		found = true
		walkURLs(v, func(raw string) { links = append(links, raw) })
	}
	link, err := pickLink(links, cloud, base)
	switch {
	case found || !errors.Is(err, errNoLink):
		return link, err
	case decodeErr != nil:
		return "", fmt.Errorf("%s on the page is not valid JSON: %w", detailsMarker, decodeErr)
	}
	return "", fmt.Errorf("%w, and no %s data", err, detailsMarker)
}

// walkURLs calls fn for every string under a "url" key anywhere in v, in a stable order.
func walkURLs(v any, fn func(string)) {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			if s, ok := t[k].(string); ok && strings.EqualFold(k, "url") {
				fn(s)
			} else {
				walkURLs(t[k], fn)
			}
		}
	case []any:
		for _, e := range t {
			walkURLs(e, fn)
		}
	}
}

// pickLink returns the newest link to this cloud's dated file. Every such link must be on the
// download host: one pointing elsewhere means the page is not what we think it is, so we fail closed.
func pickLink(links []string, cloud string, base *url.URL) (string, error) {
	best, bestDate := "", ""
	for _, raw := range links {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		m := datedRE.FindStringSubmatch(path.Base(u.Path))
		if len(m) != 3 || m[1] != cloud {
			continue
		}
		accepted, err := acceptDownloadURL(raw, base)
		if err != nil {
			return "", err
		}
		if m[2] > bestDate {
			best, bestDate = accepted, m[2]
		}
	}
	if best == "" {
		return "", fmt.Errorf("%w: nothing named ServiceTags_%s_<date>.json", errNoLink, cloud)
	}
	return best, nil
}

// acceptDownloadURL admits a discovered link only on the download base's scheme and host,
// returned in canonical form.
func acceptDownloadURL(raw string, base *url.URL) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("rejected discovered link %q: %w", raw, err)
	}
	if u.Opaque != "" || u.User != nil || !sameOrigin(u, base) || u.Host == "" {
		return "", fmt.Errorf("rejected discovered link %q: only %s://%s links are trusted", raw, base.Scheme, base.Host)
	}
	u.Scheme, u.Host = base.Scheme, base.Host
	return u.String(), nil
}
