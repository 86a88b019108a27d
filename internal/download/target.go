package download

import (
	"cmp"
	"fmt"
	"net/url"
	"strings"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// cloudInfo describes where one Azure cloud's file lives on the Download Center.
type cloudInfo struct {
	name   string // servicetags' canonical name, also the one in ServiceTags_<name>_<date>.json
	id     int    // Download Center id
	prefix string // stable path under the download base, with trailing slash
	latest bool   // whether ServiceTags_<name>_Latest.json exists (Public only)
}

// clouds lists the clouds that publish a file, in the order errors name them.
var clouds = []cloudInfo{
	{name: servicetags.CloudPublic, id: 56519, prefix: "download/7/1/D/71D86715-5596-4529-9B13-DA13A5DE5B63/", latest: true},
	{name: servicetags.CloudAzureGovernment, id: 57063, prefix: "download/6/4/D/64DB03BF-895B-4173-A8B1-BA4AD5D4DF22/"},
	{name: servicetags.CloudChina, id: 57062, prefix: "download/9/D/0/9D03B7E2-4B80-4BF3-9B91-DA8C7D3EE9F9/"},
}

// lookupCloud finds a cloud by its canonical name; the provider canonicalises what users write.
func lookupCloud(name string) (cloudInfo, error) {
	if name == servicetags.CloudAzureGermany {
		return cloudInfo{}, fmt.Errorf("the %q cloud was retired in 2021 and publishes no file to download; "+
			"pin one of its last files with service_tags_file or service_tags_url", name)
	}
	names := make([]string, len(clouds))
	for i, c := range clouds {
		if c.name == name {
			return c, nil
		}
		names[i] = fmt.Sprintf("%q", c.name)
	}
	return cloudInfo{}, fmt.Errorf("unknown cloud %q: expected one of %s", name, strings.Join(names, ", "))
}

// target is what one load is after: the pinned file or URL, or one cloud's discovered file.
type target struct {
	key   string    // memo and cache key
	what  string    // names it in messages
	cloud cloudInfo // when discovering
	url   string    // the pinned URL in full, which a cache entry must record exactly
	// host is where every address a cache entry records must be: the pinned URL's scheme and
	// host (redirects never leave it), or the download base's for a discovered file.
	host *url.URL
}

func (l *Loader) target(cloud string) (target, error) {
	if l.o.File != "" {
		return target{key: "file", what: "service_tags_file " + l.o.File}, nil
	}
	if l.o.URL != "" {
		shown := redactURL(l.o.URL)
		host, err := url.Parse(shown)
		if err != nil {
			return target{}, err
		}
		return target{key: cacheKeyForURL(l.o.URL), what: "service_tags_url " + shown, url: l.o.URL, host: host}, nil
	}
	c, err := lookupCloud(cmp.Or(cloud, l.o.Cloud, servicetags.CloudPublic))
	if err != nil {
		return target{}, err
	}
	return target{key: strings.ToLower(c.name), what: fmt.Sprintf("cloud %q", c.name), cloud: c, host: l.base}, nil
}

// refuses says why a cache entry with this metadata must not serve the target ("" if it may):
// a cache entry that records another address was not written for this target.
func (t target) refuses(m cacheMeta) string {
	if t.url != "" && m.URLDigest != urlDigest(t.url) {
		return fmt.Sprintf("was recorded for %s, not for %s", m.URL, redactURL(t.url))
	}
	for _, recorded := range []string{m.URL, m.Source} {
		if _, err := acceptDownloadURL(recorded, t.host); err != nil {
			return fmt.Sprintf("records %s, but only %s://%s links are trusted", recorded, t.host.Scheme, t.host.Host)
		}
	}
	return ""
}

// checkCloud refuses a discovered file of another cloud than the one looked for, so it is
// never cached under that cloud's name. A pinned URL serves whatever cloud it holds.
func (t target) checkCloud(c *fileCopy) error {
	if t.cloud.name == "" || c.file.Cloud == t.cloud.name {
		return nil
	}
	return fmt.Errorf("the file found for %s at %s holds the %q cloud; clouds are never mixed", t.what, c.meta.Source, c.file.Cloud)
}
