package download

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// pageLimit caps the HTML pages discovery reads; real ones are a few hundred KiB.
const pageLimit = 8 << 20

// probeDays is how far back date probing looks: the file is republished about weekly.
const probeDays = 14

// discover finds this week's file of a cloud on the Download Center, running the chain Latest
// file → details page → confirmation page → date probing. It knows nothing of the cache: it
// hands candidate URLs to the get step it is given and returns the first file that arrives.
func (l *Loader) discover(ctx context.Context, c cloudInfo, get getFunc) (*fileCopy, error) {
	steps := []struct {
		name string
		run  func() (*fileCopy, error)
	}{
		{"latest file", func() (*fileCopy, error) { return get(ctx, l.stableURL(c, "ServiceTags_"+c.name+"_Latest.json")) }},
		{fmt.Sprintf("details page (Download Center id %d)", c.id), func() (*fileCopy, error) { return l.viaPage(ctx, l.o.Endpoints.DetailsPage, c, get) }},
		{fmt.Sprintf("confirmation page (id %d)", c.id), func() (*fileCopy, error) { return l.viaPage(ctx, l.o.Endpoints.ConfirmationPage, c, get) }},
		{"date probing", func() (*fileCopy, error) { return l.probeDates(ctx, c, get) }},
	}
	if !c.latest {
		steps = steps[1:] // only Public publishes a Latest file
	}
	var tried strings.Builder
	for i, s := range steps {
		got, err := s.run()
		if err == nil {
			l.o.Log(ctx, "service tags: discovery step succeeded", map[string]any{"cloud": c.name, "step": s.name, "url": got.meta.Source})
			return got, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		l.o.Log(ctx, "service tags: discovery step failed", map[string]any{"cloud": c.name, "step": s.name, "error": err.Error()})
		fmt.Fprintf(&tried, "\n  %d. %s: %v", i+1, s.name, err)
	}
	return nil, fmt.Errorf("could not download the Azure service tags file for cloud %q; every discovery step failed:%s\n"+
		"Set service_tags_file (a local copy of the JSON, gzip is fine; or the AZUREIPRANGE_SERVICE_TAGS_FILE environment variable) or service_tags_url (a direct link to it) to pin the file", c.name, tried.String())
}

// stableURL is a file under the cloud's stable folder on the download host.
func (l *Loader) stableURL(c cloudInfo, name string) string {
	return l.o.Endpoints.DownloadBase + "/" + c.prefix + name
}

// viaPage reads the cloud's Download Center page (pattern takes its id), extracts the file link and gets it.
func (l *Loader) viaPage(ctx context.Context, pattern string, c cloudInfo, get getFunc) (*fileCopy, error) {
	pageURL := fmt.Sprintf(pattern, c.id)
	page, err := l.http.get(ctx, pageURL, http.Header{"Accept": {"text/html"}}, pageLimit)
	if err != nil {
		return nil, err
	}
	link, err := extractLink(page.body, c.name, l.base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", redactURL(pageURL), err)
	}
	l.o.Log(ctx, "service tags: found link on page", map[string]any{"page": redactURL(pageURL), "url": redactURL(link)})
	return get(ctx, link)
}

// probeDates tries ServiceTags_<Cloud>_<YYYYMMDD>.json for today and the days before, newest
// first. A missing date moves on; any other failure (server or network trouble) ends the step
// rather than hammering a host that is down fourteen times.
func (l *Loader) probeDates(ctx context.Context, c cloudInfo, get getFunc) (*fileCopy, error) {
	today := l.o.Now().UTC()
	date := func(i int) string { return today.AddDate(0, 0, -i).Format("20060102") }
	for i := range probeDays {
		got, err := get(ctx, l.stableURL(c, "ServiceTags_"+c.name+"_"+date(i)+".json"))
		if err == nil || !isMiss(err) {
			return got, err
		}
	}
	return nil, fmt.Errorf("no %sServiceTags_%s_<date>.json for any date from %s back to %s",
		l.stableURL(c, ""), c.name, date(0), date(probeDays-1))
}

// isMiss reports whether a probe error just means "no file for this date".
func isMiss(err error) bool {
	if se, ok := errors.AsType[*statusError](err); ok {
		return se.code == http.StatusNotFound || se.code == http.StatusForbidden || se.code == http.StatusGone
	}
	return errors.Is(err, errHTMLBody) || errors.Is(err, errLeavesHost)
}
