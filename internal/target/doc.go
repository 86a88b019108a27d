// Package target knows the Azure consumers of IP allow-lists: for each, the azurerm
// argument it feeds, its entry limit, the families and shape of entries it accepts, whether
// it takes public addresses only, and an entry value with a special meaning (a sentinel).
// Fit turns a prefix list into entries that one consumer accepts as they are, written in
// its own syntax, at the exact optimum that internal/cidrset computes for the target's
// shape. It has no Terraform imports.
package target
