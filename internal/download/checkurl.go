package download

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// CheckURL is the rule for service_tags_url: an absolute https URL, or plain http to this
// machine only, where nothing on the network path can tamper with the file. Its messages show
// the URL without credentials.
func CheckURL(raw string) error {
	shown := redactURL(raw)
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the raw URL, credentials included
		}
		return fmt.Errorf("service_tags_url %q is not a valid URL: %w", shown, err)
	}
	if u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("service_tags_url %q must be an absolute https:// URL", shown)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("service_tags_url %q uses plain http to a non-loopback host; use https (http is allowed only for 127.0.0.0/8, ::1 and localhost)", shown)
	default:
		return fmt.Errorf("service_tags_url %q must use https", shown)
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

// redactURL is how a URL is shown, logged, recorded in the cache and hashed into a cache key:
// without user:password and with every query value (an Azure Blob SAS token's sig=…) replaced.
// Only the request itself uses the full URL.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "(a URL that does not parse)"
	case u.Opaque != "":
		return u.Scheme + ":(opaque)"
	case u.User == nil && u.RawQuery == "" && u.Fragment == "" && !u.ForceQuery:
		return raw
	}
	u.User = nil
	u.Fragment, u.RawFragment, u.ForceQuery = "", "", false
	if u.RawQuery != "" {
		params := strings.Split(u.RawQuery, "&")
		for i, p := range params {
			key, _, _ := strings.Cut(p, "=")
			params[i] = key + "=REDACTED"
		}
		u.RawQuery = strings.Join(params, "&")
	}
	return u.String()
}
