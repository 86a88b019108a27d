package download

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// detailsMarker introduces the JSON object the Download Center embeds in its pages.
const detailsMarker = "window.__DLCDetails__"

// errNoLink means a page was read but did not name this cloud's file.
var errNoLink = errors.New("no link to the service tags file on the page")

// hrefRE finds href attribute values; the confirmation page is plain HTML.
var hrefRE = regexp.MustCompile(`(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// candidate is one link to a dated file found on a page.
type candidate struct {
	raw  string
	date string // YYYYMMDD from the file name
}

// datedFileDate returns the YYYYMMDD of a file named exactly ServiceTags_<cloud>_<YYYYMMDD>.json.
func datedFileDate(name, cloud string) (string, bool) {
	rest, ok := strings.CutPrefix(name, "ServiceTags_"+cloud+"_")
	if !ok {
		return "", false
	}
	date, ok := strings.CutSuffix(rest, ".json")
	if !ok || len(date) != 8 {
		return "", false
	}
	for _, r := range date {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return date, true
}

// extractDetailsLink finds this cloud's dated file in the window.__DLCDetails__ object of a
// details page and returns its URL, which is guaranteed to share base's scheme and host.
func extractDetailsLink(page []byte, cloud string, base *url.URL) (string, error) {
	var cands []candidate
	found := false
	var decodeErr error
	for rest := page; ; {
		i := bytes.Index(rest, []byte(detailsMarker))
		if i < 0 {
			break
		}
		rest = rest[i+len(detailsMarker):]
		obj, ok := afterAssignment(rest)
		if !ok {
			continue
		}
		// A JSON decoder reads exactly one value, so braces inside strings and whatever
		// follows the object (";</script>…") are handled correctly.
		dec := json.NewDecoder(bytes.NewReader(obj))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			decodeErr = err
			continue
		}
		found = true
		walkURLs(v, func(raw string) {
			if c, ok := matchCandidate(raw, cloud); ok {
				cands = append(cands, c)
			}
		})
	}
	if !found {
		if decodeErr != nil {
			return "", fmt.Errorf("%s on the page is not valid JSON: %w", detailsMarker, decodeErr)
		}
		return "", fmt.Errorf("%w: no %s data", errNoLink, detailsMarker)
	}
	return pickCandidate(cands, cloud, base)
}

// extractConfirmationLink finds this cloud's dated file among the href links of a
// confirmation page, falling back to an embedded window.__DLCDetails__ object.
func extractConfirmationLink(page []byte, cloud string, base *url.URL) (string, error) {
	var cands []candidate
	for _, m := range hrefRE.FindAllSubmatch(page, -1) {
		raw := string(m[1])
		if raw == "" {
			raw = string(m[2])
		}
		if c, ok := matchCandidate(html.UnescapeString(strings.TrimSpace(raw)), cloud); ok {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 && bytes.Contains(page, []byte(detailsMarker)) {
		return extractDetailsLink(page, cloud, base)
	}
	return pickCandidate(cands, cloud, base)
}

// afterAssignment skips `\s*=\s*` and returns the text from the opening brace.
func afterAssignment(b []byte) ([]byte, bool) {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '=' {
		return nil, false
	}
	b = bytes.TrimLeft(b[1:], " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return nil, false
	}
	return b, true
}

// walkURLs calls fn for every string under a "url" key anywhere in v, in a stable order.
func walkURLs(v any, fn func(string)) {
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s, ok := t[k].(string); ok && strings.EqualFold(k, "url") {
				fn(s)
				continue
			}
			walkURLs(t[k], fn)
		}
	case []any:
		for _, e := range t {
			walkURLs(e, fn)
		}
	}
}

// matchCandidate keeps a link whose file name is this cloud's dated file.
func matchCandidate(raw, cloud string) (candidate, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return candidate{}, false
	}
	date, ok := datedFileDate(path.Base(u.Path), cloud)
	if !ok {
		return candidate{}, false
	}
	return candidate{raw: raw, date: date}, true
}

// pickCandidate returns the newest link. Every candidate must be on the download host: one
// pointing elsewhere means the page is not what we think it is, so we fail closed.
func pickCandidate(cands []candidate, cloud string, base *url.URL) (string, error) {
	if len(cands) == 0 {
		return "", fmt.Errorf("%w: nothing named ServiceTags_%s_<date>.json", errNoLink, cloud)
	}
	best := ""
	bestDate := ""
	for _, c := range cands {
		u, err := acceptDownloadURL(c.raw, base)
		if err != nil {
			return "", err
		}
		if c.date > bestDate {
			best, bestDate = u, c.date
		}
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
