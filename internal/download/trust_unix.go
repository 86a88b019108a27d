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
	switch perm := fi.Mode().Perm(); {
	case perm&0o022 == 0o022:
		return fmt.Sprintf("is writable by group and others (mode %s)", fi.Mode())
	case perm&0o020 != 0:
		return fmt.Sprintf("is writable by its group (mode %s)", fi.Mode())
	case perm&0o002 != 0:
		return fmt.Sprintf("is writable by others (mode %s)", fi.Mode())
	}
	return ""
}
