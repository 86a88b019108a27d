package download

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// checkURL is the rule for service_tags_url: an absolute https URL, or plain http to this
// machine only, where nothing on the network path can tamper with the file. Its messages show
// the URL without credentials.
func checkURL(raw string) error {
	_, err := parseSecureURL("service_tags_url", raw)
	return err
}

// parseSecureURL parses raw and applies the https rule of checkURL; name says whose URL it is.
func parseSecureURL(name, raw string) (*url.URL, error) {
	shown := redactURL(raw)
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s %q is not a valid URL: %w", name, shown, withoutURL(err)) // url.Error repeats the raw URL
	case u.Host == "" || u.Opaque != "":
		return nil, fmt.Errorf("%s %q must be an absolute https:// URL", name, shown)
	case strings.EqualFold(u.Scheme, "https"), strings.EqualFold(u.Scheme, "http") && isLoopbackHost(u.Hostname()):
		return u, nil
	}
	return nil, fmt.Errorf("%s %q must use https: plain http is allowed only to this machine (127.0.0.0/8, ::1, localhost)", name, shown)
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
			key, _, _ := strings.Cut(p, "=") // any value may be a token, numbers too
			params[i] = key + "=REDACTED"
		}
		u.RawQuery = strings.Join(params, "&")
	}
	return u.String()
}
