// Package cidrset parses, merges and compacts sets of IP prefixes.
//
// It is pure Go and knows nothing about Terraform: the provider's functions and data
// sources call it to turn long address lists (such as an Azure service tag) into the
// shortest exact form (Merge) or into an optimal lossy cover that fits a product's entry
// limit (Compact).
//
// # Compaction
//
// Compact returns at most limit prefixes containing every input address, and among all
// such covers the exact optimum of, in this order:
//
//  1. untrusted extra addresses: those outside the input and outside the trusted
//     prefixes (typically the whole cloud, where widening is far cheaper than into the
//     internet);
//  2. extra addresses in total: those outside the input;
//  3. the number of entries.
//
// Without trusted prefixes the first two criteria are the same count.
//
// The optimum is found by a dynamic program over the compressed binary trie of the
// merged input: its leaves are the merged prefixes, its inner nodes the longest common
// prefixes where the leaves branch. Every node either becomes one prefix of the answer or
// splits its budget between its two children. This is exact because any prefix of an
// optimal cover can shrink to the smallest prefix holding the leaves it covers, which is
// a trie node, and shrinking removes addresses without adding any, trusted or not, so
// neither count grows. The costs of disjoint prefixes add up, and the lexicographic order
// of the three criteria is compatible with addition, so the best cover of a node combines
// the best covers of its children. All counts are exact integers (128 bits for IPv6).
//
// # Shapes
//
// Cover computes the same optimum for other entry shapes (Shape). PrefixesWithout(n) never
// uses length n (Azure Storage refuses /31): a trie node of that length can only be taken
// whole as its parent-length prefix, and an input prefix of that length is split into its
// halves; when the node's trie parent has exactly that parent length, the widened prefix is
// the parent itself, which the parent's own whole cover always beats, so no two chosen
// prefixes overlap. Ranges (Azure SQL firewall rules) close the gaps between the merged
// input's runs that cost least in criteria order; that greedy choice is exact because every
// gap closed saves one entry and costs its own addresses, independently of the others.
//
// Cover fails closed: an empty input is an error, because an empty allow-list disables the
// restriction, and so is an input or a result covering every unicast address of its family
// (IPv4 0.0.0.0-223.255.255.255, IPv6 2000::/3), which as an allow-list admits the internet.
package cidrset
