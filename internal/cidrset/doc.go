// Package cidrset parses, merges and compacts sets of IP prefixes.
//
// It is pure Go and knows nothing about Terraform: the provider's functions and data
// sources call it to turn long address lists (such as an Azure service tag) into the
// shortest exact form (Merge) or into an optimal lossy cover that fits a product's
// entry limit (Compact).
package cidrset
