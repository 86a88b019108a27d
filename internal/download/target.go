package download

import (
	"cmp"
	"fmt"
	"net/url"
	"strings"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// target is what one load is after: the pinned file or URL, or one cloud's discovered file.
type target struct {
	key   string    // memo and cache key
	what  string    // names it in messages
	cloud cloudInfo // when discovering
	// refuses says why a cache entry with this metadata must not serve the target ("" if it may).
	refuses func(cacheMeta) string
}

func (l *Loader) target(cloud string) (target, error) {
	if l.o.File != "" {
		return target{key: "file", what: "service_tags_file " + l.o.File}, nil
	}
	if l.o.URL != "" {
		shown := redactURL(l.o.URL)
		return target{key: cacheKeyForURL(shown), what: "service_tags_url " + shown, refuses: func(m cacheMeta) string {
			if m.URL != shown {
				return fmt.Sprintf("was recorded for %s, not for %s", m.URL, shown)
			}
			return sameHostReason(m.Source, shown)
		}}, nil
	}
	c, err := lookupCloud(cmp.Or(cloud, l.o.Cloud, servicetags.CloudPublic))
	if err != nil {
		return target{}, err
	}
	return target{key: strings.ToLower(c.name), what: fmt.Sprintf("cloud %q", c.name), cloud: c, refuses: func(m cacheMeta) string {
		return cmp.Or(l.discovery.refuses(m.URL), l.discovery.refuses(m.Source))
	}}, nil
}

// checkCloud refuses a discovered file of another cloud than the one looked for, so it is
// never cached under that cloud's name. A pinned URL serves whatever cloud it holds.
func (t target) checkCloud(c *fileCopy) error {
	if t.cloud.name == "" || c.file.Cloud == t.cloud.name {
		return nil
	}
	return fmt.Errorf("the file found for %s at %s holds the %q cloud; clouds are never mixed", t.what, c.meta.Source, c.file.Cloud)
}

// sameHostReason says why a recorded source is not on the host of the URL asked for ("" if it is):
// redirects never leave the host, so a cache entry whose source does was not written by us.
func sameHostReason(source, asked string) string {
	s, err := url.Parse(source)
	a, err2 := url.Parse(asked)
	if err != nil || err2 != nil || !sameOrigin(s, a) {
		return fmt.Sprintf("records the source %s, which is not on the host of %s", source, asked)
	}
	return ""
}
