package download

import (
	"fmt"
	"time"
)

// Warning is a problem that did not stop a load; the provider shows each as a warning
// diagnostic. Every one means something changed or is wrong: none is routine.
type Warning struct {
	// Summary is the diagnostic's one-line title, e.g. "Service tags: using a stale cached copy".
	Summary string
	// Detail says what happened, what was done about it and what the user can do.
	Detail string
}

// warn adds a warning to a load's result.
func (out *Loaded) warn(summary, format string, args ...any) {
	out.Warnings = append(out.Warnings, Warning{Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

func (out *Loaded) warnUntrustedFolder(e *untrustedError) {
	out.warn("Service tags: cache folder not trusted", "The service tags cache folder %s, so someone else could plant a file in it. "+
		"The cache is ignored and nothing is written to it; the file is downloaded instead. "+
		"Make the folder yours and private (chmod 700), keep the folders above it writable only by you or root "+
		"(or sticky, as /tmp is), or set cache_dir to a folder only you can write.", e)
}

func (out *Loaded) warnUntrustedEntry(e *untrustedError) {
	out.warn("Service tags: cache entry not trusted", "The cached file %s, so it may not be what was downloaded. "+
		"It is ignored and the file is downloaded again; a successful download replaces it.", e)
}

// warnCacheUnusable is for a cache folder that cannot be opened at all, before anything was read.
func (out *Loaded) warnCacheUnusable(dir string, err error) {
	out.warn("Service tags: disk cache not usable", "The service tags disk cache folder %s cannot be used (%v). "+
		"The file is read without it, so every run downloads it again. Point cache_dir at a folder you can write, "+
		`or set cache_ttl = "0s" to use no cache.`, dir, err)
}

// warnCacheWrite is for a cache that could not store the file just read.
func (out *Loaded) warnCacheWrite(dir string, err error) {
	out.warn("Service tags: disk cache not written", "The file was read, but could not write the service tags disk cache in %s (%v); "+
		"continuing without caching, so the next run downloads it again.", dir, err)
}

func (out *Loaded) warnStale(what string, cause error, cached *fileCopy, age, limit time.Duration) {
	out.warn("Service tags: using a stale cached copy", "Could not get a fresh copy of the service tags for %s: %v\n"+
		"The read goes on using the cached copy downloaded %s from %s; ranges Microsoft published since then are missing. "+
		"Copies older than max_stale_age (%s) are refused.", what, cause, humanAge(age), cached.meta.Source, humanDuration(limit))
}

func (out *Loaded) warnRollback(got, cached *fileCopy, now time.Time) {
	out.warn("Service tags: older file than the cached one", "The file downloaded from %s has change number %d, lower than the change number %d of the cached copy "+
		"from %s (downloaded %s). Microsoft may have republished an older file, or the source serves an out-of-date one. "+
		"The downloaded file is used and replaces the cached copy; check the source if this persists.",
		got.meta.Source, got.file.ChangeNumber, cached.file.ChangeNumber, cached.meta.Source, humanAge(now.Sub(cached.meta.FetchedAt)))
}

// staleRefused is the error when the download failed and the cached copy is too old to use.
func staleRefused(cause error, cached *fileCopy, age, limit time.Duration) error {
	why := fmt.Sprintf("was downloaded %s, longer ago than max_stale_age (%s)", humanAge(age), humanDuration(limit))
	switch {
	case limit < 0:
		why = fmt.Sprintf(`was downloaded %s, and max_stale_age = "0s" allows no stale copy`, humanAge(age))
	case age < 0:
		why = "has a download time in the future, so its age is unknown"
	}
	return fmt.Errorf("%w\nThe cached copy from %s %s, so it is not used: it may lack ranges Microsoft has published since. "+
		"Restore network access to the source, raise max_stale_age, or set service_tags_file to a local copy of the file",
		cause, cached.meta.Source, why)
}

// humanAge renders how long ago something happened the way a person would say it: "3 days ago".
func humanAge(d time.Duration) string {
	if d < 0 {
		return "at an unknown time (its timestamp is in the future)"
	}
	return humanDuration(d) + " ago"
}

// humanDuration renders a duration in its largest sensible unit: "5 hours", "14 days".
func humanDuration(d time.Duration) string {
	n, unit := d/(24*time.Hour), "day"
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		n, unit = d/time.Minute, "minute"
	case d < 48*time.Hour:
		n, unit = d/time.Hour, "hour"
	}
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
