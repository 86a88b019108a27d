package download

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// untrustedError is a cache folder or entry that someone other than the current user could
// have written: it is ignored with a warning, never used.
type untrustedError struct {
	path   string
	reason string // "is a symbolic link", "is owned by uid 1001, not by the current user (uid 0)", …
}

func (e *untrustedError) Error() string { return e.path + " " + e.reason }

// openCacheDir creates the folder (private) when it is missing and returns a cache only for a
// folder the current user owns and no one else may write; otherwise the error is an
// *untrustedError, or why the folder cannot be created or read.
func openCacheDir(dir string, maxBytes int64) (*diskCache, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil { // private when created; an existing one is checked below
		return nil, err
	}
	fi, err := os.Stat(dir) // a symlinked cache folder is fine: its target is what gets checked
	if err != nil {
		return nil, err
	}
	if reason := privateReason(fi); reason != "" {
		return nil, &untrustedError{path: dir, reason: reason}
	}
	// Whoever may rename entries of a folder above could put another cache folder (an older
	// copy of the victim's, say) in the place of this one: check every folder up to the root.
	resolved, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	if resolved, err = filepath.Abs(resolved); err != nil {
		return nil, err
	}
	for parent := filepath.Dir(resolved); ; parent = filepath.Dir(parent) {
		pfi, err := os.Stat(parent)
		if err != nil {
			return nil, err
		}
		if reason := ancestorReason(pfi); reason != "" {
			return nil, &untrustedError{path: dir, reason: "sits in " + parent + ", which " + reason}
		}
		if filepath.Dir(parent) == parent {
			return &diskCache{dir: dir, maxBytes: maxBytes}, nil
		}
	}
}

// readPrivateFile reads one cache file under the cap, refusing anything but a regular file of
// the current user that no one else may write. Links are never followed: the file is opened
// with O_NOFOLLOW where the system has it (lstat elsewhere), and what was opened is checked,
// so another process atomically replacing the entry meanwhile is no race.
func readPrivateFile(path string, limit int64) ([]byte, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return nil, &untrustedError{path: path, reason: "is a symbolic link"}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNoFollow, 0)
	if isLinkRefused(err) { // a link that appeared after the lstat
		return nil, &untrustedError{path: path, reason: "is a symbolic link"}
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	reason := privateReason(fi)
	if !fi.Mode().IsRegular() {
		reason = fmt.Sprintf("is not a regular file (mode %s)", fi.Mode())
	}
	if reason != "" {
		return nil, &untrustedError{path: path, reason: reason}
	}
	return readCapped(f, limit, fi.Size())
}
