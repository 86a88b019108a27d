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
// A URL that does not parse, or whose credentials hold an unescaped /, ? or #, is refused
// without quoting any of it: the parser's own message names the piece it tripped on, which is
// then part of the password.
func parseSecureURL(name, raw string) (*url.URL, error) {
	shown := redactURL(raw)
	u, err := url.Parse(raw)
	switch {
	case err != nil || strayAt(raw, u):
		return nil, fmt.Errorf("%s is not a valid URL (it is not shown, as it may hold a password); a / ? # or @ in "+
			"the user name or password must be percent-encoded: %%2F %%3F %%23 %%40", name)
	case u.Host == "" || u.Opaque != "":
		return nil, fmt.Errorf("%s %q must be an absolute https:// URL", name, shown)
	case strings.EqualFold(u.Scheme, "https"), strings.EqualFold(u.Scheme, "http") && isLoopbackHost(u.Hostname()):
		return u, nil
	}
	return nil, fmt.Errorf("%s %q must use https: plain http is allowed only to this machine (127.0.0.0/8, ::1, localhost)", name, shown)
}

// strayAt reports an @ that the parser did not take as the end of user:password, such as the
// one of "https://user:12/34@host/" (whose host parses as "user", port 12): it means a
// password with an unescaped / ? or #, which the rest of the URL would show.
func strayAt(raw string, u *url.URL) bool {
	return u != nil && u.User == nil && strings.Contains(raw, "@")
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
// without user:password, with every query value (an Azure Blob SAS token's sig=…) and every
// query part without a name (?SECRETTOKEN) replaced. Microsoft's own public pages and files
// carry no secret and are shown as they are. Only the request itself uses the full URL.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil || strayAt(raw, u):
		return "(a URL that does not parse)"
	case u.Opaque != "":
		return u.Scheme + ":(opaque)"
	case u.User == nil && u.RawQuery == "" && u.Fragment == "" && !u.ForceQuery:
		return raw
	case u.User == nil && microsoftHosts[strings.ToLower(u.Host)]:
		return raw
	}
	u.User = nil
	u.Fragment, u.RawFragment, u.ForceQuery = "", "", false
	if u.RawQuery != "" {
		params := strings.Split(u.RawQuery, "&")
		for i, p := range params {
			if key, _, ok := strings.Cut(p, "="); ok { // any value may be a token, numbers too
				params[i] = key + "=REDACTED"
			} else {
				params[i] = "REDACTED" // a bare token
			}
		}
		u.RawQuery = strings.Join(params, "&")
	}
	return u.String()
}

// microsoftHosts serve the public Download Center pages and files discovery reads.
var microsoftHosts = map[string]bool{"download.microsoft.com": true, "www.microsoft.com": true}
