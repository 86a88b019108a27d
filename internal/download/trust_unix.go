//go:build unix

package download

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// openNoFollow makes opening a cache entry fail on a symbolic link.
const openNoFollow = syscall.O_NOFOLLOW

// isLinkRefused reports whether opening with O_NOFOLLOW failed because the path is a link.
func isLinkRefused(err error) bool { return errors.Is(err, syscall.ELOOP) }

// currentUID is the user the cache must belong to; tests that cannot chown replace it.
var currentUID = os.Getuid

// privateReason says why fi is not private to the current user ("" when it is): another
// owner, or write permission for group or others.
func privateReason(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "has no owner information"
	}
	if uid := currentUID(); int64(st.Uid) != int64(uid) {
		return fmt.Sprintf("is owned by uid %d, not by the current user (uid %d)", st.Uid, uid)
	}
	writers := map[fs.FileMode]string{0o022: "group and others", 0o020: "its group", 0o002: "others"}[fi.Mode().Perm()&0o022]
	if writers != "" {
		return fmt.Sprintf("is writable by %s (mode %s)", writers, fi.Mode())
	}
	return ""
}

// ancestorReason says why a folder above the cache lets someone else replace the cache
// folder ("" when none does): it belongs to another user than the current one or root, or
// others may write it without the sticky bit that keeps them from renaming what is not
// theirs (as /tmp has).
func ancestorReason(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "has no owner information"
	}
	if uid := currentUID(); int64(st.Uid) != int64(uid) && st.Uid != 0 {
		return fmt.Sprintf("is owned by uid %d, neither the current user (uid %d) nor root", st.Uid, uid)
	}
	writers := map[fs.FileMode]string{0o022: "group and others", 0o020: "its group", 0o002: "others"}[fi.Mode().Perm()&0o022]
	if writers != "" && fi.Mode()&fs.ModeSticky == 0 {
		return fmt.Sprintf("is writable by %s without the sticky bit (mode %s), who could swap in another cache folder", writers, fi.Mode())
	}
	return ""
}
