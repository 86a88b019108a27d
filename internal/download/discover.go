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

// stepFailure records why one discovery step did not produce the file.
type stepFailure struct {
	Step string
	Err  error
}

// discoveryError lists every step and why it failed, so the user can see what was tried.
type discoveryError struct {
	Cloud    string
	Failures []stepFailure
}

func (e *discoveryError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "could not download the Azure service tags file for cloud %q; every discovery step failed:", e.Cloud)
	for i, f := range e.Failures {
		fmt.Fprintf(&b, "\n  %d. %s: %v", i+1, f.Step, f.Err)
	}
	b.WriteString("\nSet service_tags_file (a local copy of the JSON) or service_tags_url (a direct link to it) to pin the file.")
	return b.String()
}

// Unwrap exposes the step errors to errors.Is / errors.As.
func (e *discoveryError) Unwrap() []error {
	errs := make([]error, len(e.Failures))
	for i, f := range e.Failures {
		errs[i] = f.Err
	}
	return errs
}

// discover runs the discovery chain for one cloud and returns the first file that arrives
// (200 with a checked body, or 304 when the found URL is the cached one).
func (f *fetcher) discover(ctx context.Context, c cloudInfo, cached *cacheEntry) (*response, error) {
	type step struct {
		name string
		run  func(context.Context) (*response, error)
	}
	var steps []step
	if c.Latest {
		latest := f.stableURL(c, "ServiceTags_"+c.Name+"_Latest.json")
		steps = append(steps, step{"latest file", func(ctx context.Context) (*response, error) {
			return f.fetchFile(ctx, latest, cached)
		}})
	}
	details := fmt.Sprintf(f.o.Endpoints.DetailsPage, c.ID)
	confirm := fmt.Sprintf(f.o.Endpoints.ConfirmationPage, c.ID)
	steps = append(steps,
		step{"details page", func(ctx context.Context) (*response, error) {
			return f.viaPage(ctx, details, c, cached, extractDetailsLink)
		}},
		step{"confirmation page", func(ctx context.Context) (*response, error) {
			return f.viaPage(ctx, confirm, c, cached, extractConfirmationLink)
		}},
		step{"date probing", func(ctx context.Context) (*response, error) {
			return f.probeDates(ctx, c, cached)
		}},
	)

	derr := &discoveryError{Cloud: c.Name}
	for _, s := range steps {
		resp, err := s.run(ctx)
		if err == nil {
			f.o.logf(ctx, "service tags: discovery step succeeded", map[string]any{"cloud": c.Name, "step": s.name, "url": resp.FinalURL})
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		f.o.logf(ctx, "service tags: discovery step failed", map[string]any{"cloud": c.Name, "step": s.name, "error": err.Error()})
		derr.Failures = append(derr.Failures, stepFailure{Step: s.name, Err: err})
	}
	return nil, derr
}

// stableURL is a file under the cloud's stable folder on the download host.
func (f *fetcher) stableURL(c cloudInfo, name string) string {
	return f.o.Endpoints.DownloadBase + "/" + c.Prefix + name
}

// viaPage reads a Download Center page, extracts the file link and downloads it.
func (f *fetcher) viaPage(ctx context.Context, pageURL string, c cloudInfo, cached *cacheEntry,
	extract func([]byte, string, *url.URL) (string, error)) (*response, error) {
	page, err := f.g.get(ctx, pageURL, http.Header{"Accept": {"text/html"}}, pageLimit)
	if err != nil {
		return nil, err
	}
	link, err := extract(page.Body, c.Name, f.base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pageURL, err)
	}
	f.o.logf(ctx, "service tags: found link on page", map[string]any{"page": pageURL, "url": link})
	return f.fetchFile(ctx, link, cached)
}

// probeDates tries ServiceTags_<Cloud>_<YYYYMMDD>.json for today and the days before, newest
// first. A missing date moves on; any other failure (server or network trouble) ends the step
// rather than hammering a host that is down fourteen times.
func (f *fetcher) probeDates(ctx context.Context, c cloudInfo, cached *cacheEntry) (*response, error) {
	today := f.o.Now().UTC()
	first, last := "", ""
	for i := 0; i < probeDays; i++ {
		date := today.AddDate(0, 0, -i).Format("20060102")
		if first == "" {
			first = date
		}
		last = date
		resp, err := f.fetchFile(ctx, f.stableURL(c, "ServiceTags_"+c.Name+"_"+date+".json"), cached)
		if err == nil {
			return resp, nil
		}
		if !isMiss(err) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("no %sServiceTags_%s_<date>.json for any date from %s back to %s", f.stableURL(c, ""), c.Name, first, last)
}

// isMiss reports whether a probe error just means "no file for this date".
func isMiss(err error) bool {
	var se *statusError
	if errors.As(err, &se) {
		return se.Code == http.StatusNotFound || se.Code == http.StatusForbidden || se.Code == http.StatusGone
	}
	var he *htmlBodyError
	var re *redirectError
	return errors.As(err, &he) || errors.As(err, &re)
}

// fetchFile downloads the JSON file at u. When u is the cached copy's address the request is
// conditional, and a 304 comes back as a response with Status 304 and no body.
func (f *fetcher) fetchFile(ctx context.Context, u string, cached *cacheEntry) (*response, error) {
	hdr := http.Header{"Accept": {"application/json"}}
	conditional := false
	if cached != nil && cached.meta.URL == u {
		if cached.meta.ETag != "" {
			hdr.Set("If-None-Match", cached.meta.ETag)
			conditional = true
		}
		if cached.meta.LastModified != "" {
			hdr.Set("If-Modified-Since", cached.meta.LastModified)
			conditional = true
		}
	}
	resp, err := f.g.get(ctx, u, hdr, f.o.MaxBytes)
	if err != nil {
		return nil, err
	}
	if resp.Status == http.StatusNotModified {
		if !conditional {
			return nil, fmt.Errorf("GET %s: HTTP 304 Not Modified to a request that was not conditional", u)
		}
		return resp, nil
	}
	name := u
	if resp.FinalURL != u {
		name = u + " (redirected to " + resp.FinalURL + ")"
	}
	if err := checkJSONBody(resp.Body, f.o.MaxBytes, name); err != nil {
		return nil, err
	}
	return resp, nil
}
