//go:build !unix

package download

import "io/fs"

// openNoFollow is 0 where the system has no O_NOFOLLOW; readPrivateFile still refuses links
// through lstat.
const openNoFollow = 0

// isLinkRefused is false: without O_NOFOLLOW, opening never fails for being a link.
func isLinkRefused(error) bool { return false }

// privateReason skips the ownership and mode test on Windows (and other non-Unix systems): file
// access there is governed by ACLs, not by owner and mode bits, and the default cache folder
// under %LocalAppData% is private to the user already. Links are still refused.
func privateReason(fs.FileInfo) string { return "" }

// ancestorReason skips the folders above the cache for the same reason as privateReason.
func ancestorReason(fs.FileInfo) string { return "" }
