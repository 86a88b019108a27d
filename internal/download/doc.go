// Package download delivers Microsoft's "Azure IP Ranges and Service Tags" file to the
// provider, parsed: from a pinned local file, a pinned URL, or by discovering this week's file
// on the Microsoft Download Center. A Loader does it in four steps: resolve the URL (pinned, or
// by discovery), get it (revalidating the disk cache's copy where it can), parse it with
// servicetags.Parse, and commit it to the cache. Nothing leaves the package unparsed.
//
// The package fails closed: a body that is cut, oversized, HTML or otherwise not a complete
// file is an error, never a shorter list. The disk cache is trusted only when its folder and
// entries belong to the current user and no one else may write them; URLs are shown, logged
// and recorded without credentials. It has no Terraform dependency; debug logging goes
// through Options.Log.
package download
