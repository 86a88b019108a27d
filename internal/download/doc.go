// Package download delivers Microsoft's "Azure IP Ranges and Service Tags" JSON file to the
// provider: from a pinned local file, a pinned URL, or by discovering this week's file on the
// Microsoft Download Center, with retries, a size cap, an optional disk cache and an in-process
// memo shared by concurrent callers.
//
// The package fails closed: whenever it is unsure that it holds a complete, genuine JSON file it
// returns an error rather than an empty or partial body. It has no Terraform dependency; debug
// logging goes through Options.Log.
package download
