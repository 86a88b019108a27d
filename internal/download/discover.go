package download

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// pageLimit caps the HTML pages discovery reads; real ones are a few hundred KiB.
const pageLimit = 8 << 20

// probeDays is how far back date probing looks: the file is republished about weekly.
const probeDays = 14

// discovery finds this week's file of a cloud on the Download Center. It knows nothing of the
// cache: it hands candidate URLs to the get step it is given and returns the first file that arrives.
type discovery struct {
	o    Options
	http *client
	base *url.URL // the download host; every discovered link must be on it
}

func newDiscovery(o Options, c *client) (*discovery, error) {
	base, err := parseSecureURL("download base", o.Endpoints.DownloadBase)
	if err != nil {
		return nil, err
	}
	return &discovery{o: o, http: c, base: base}, nil
}

// find runs the chain Latest file → details page → confirmation page → date probing.
func (d *discovery) find(ctx context.Context, c cloudInfo, get getFunc) (*fileCopy, error) {
	type step struct {
		name string
		run  func(context.Context) (*fileCopy, error)
	}
	var steps []step
	if c.latest {
		latest := d.stableURL(c, "ServiceTags_"+c.name+"_Latest.json")
		steps = append(steps, step{"latest file", func(ctx context.Context) (*fileCopy, error) { return get(ctx, latest) }})
	}
	details := fmt.Sprintf(d.o.Endpoints.DetailsPage, c.id)
	confirm := fmt.Sprintf(d.o.Endpoints.ConfirmationPage, c.id)
	steps = append(steps,
		step{"details page", func(ctx context.Context) (*fileCopy, error) {
			return d.viaPage(ctx, details, c, get, extractDetailsLink)
		}},
		step{"confirmation page", func(ctx context.Context) (*fileCopy, error) {
			return d.viaPage(ctx, confirm, c, get, extractConfirmationLink)
		}},
		step{"date probing", func(ctx context.Context) (*fileCopy, error) { return d.probeDates(ctx, c, get) }},
	)

	var tried strings.Builder
	for i, s := range steps {
		got, err := s.run(ctx)
		if err == nil {
			d.o.logf(ctx, "service tags: discovery step succeeded", map[string]any{"cloud": c.name, "step": s.name, "url": got.meta.Source})
			return got, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		d.o.logf(ctx, "service tags: discovery step failed", map[string]any{"cloud": c.name, "step": s.name, "error": err.Error()})
		fmt.Fprintf(&tried, "\n  %d. %s: %v", i+1, s.name, err)
	}
	return nil, fmt.Errorf("could not download the Azure service tags file for cloud %q; every discovery step failed:%s\n"+
		"Set service_tags_file (a local copy of the JSON, gzip is fine; or the AZUREIPRANGE_SERVICE_TAGS_FILE environment variable) or service_tags_url (a direct link to it) to pin the file", c.name, tried.String())
}

// stableURL is a file under the cloud's stable folder on the download host.
func (d *discovery) stableURL(c cloudInfo, name string) string {
	return d.o.Endpoints.DownloadBase + "/" + c.prefix + name
}

// viaPage reads a Download Center page, extracts the file link and gets it.
func (d *discovery) viaPage(ctx context.Context, pageURL string, c cloudInfo, get getFunc,
	extract func([]byte, string, *url.URL) (string, error)) (*fileCopy, error) {
	page, err := d.http.get(ctx, pageURL, http.Header{"Accept": {"text/html"}}, pageLimit)
	if err != nil {
		return nil, err
	}
	link, err := extract(page.body, c.name, d.base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", redactURL(pageURL), err)
	}
	d.o.logf(ctx, "service tags: found link on page", map[string]any{"page": redactURL(pageURL), "url": redactURL(link)})
	return get(ctx, link)
}

// probeDates tries ServiceTags_<Cloud>_<YYYYMMDD>.json for today and the days before, newest
// first. A missing date moves on; any other failure (server or network trouble) ends the step
// rather than hammering a host that is down fourteen times.
func (d *discovery) probeDates(ctx context.Context, c cloudInfo, get getFunc) (*fileCopy, error) {
	today := d.o.Now().UTC()
	date := func(i int) string { return today.AddDate(0, 0, -i).Format("20060102") }
	for i := range probeDays {
		got, err := get(ctx, d.stableURL(c, "ServiceTags_"+c.name+"_"+date(i)+".json"))
		if err == nil || !isMiss(err) {
			return got, err
		}
	}
	return nil, fmt.Errorf("no %sServiceTags_%s_<date>.json for any date from %s back to %s",
		d.stableURL(c, ""), c.name, date(0), date(probeDays-1))
}

// isMiss reports whether a probe error just means "no file for this date".
func isMiss(err error) bool {
	var se *statusError
	if errors.As(err, &se) {
		return se.code == http.StatusNotFound || se.code == http.StatusForbidden || se.code == http.StatusGone
	}
	var he *htmlBodyError
	var re *redirectError
	return errors.As(err, &he) || errors.As(err, &re)
}
