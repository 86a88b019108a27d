package servicetags

import "strings"

func cmpString(a, b string) int { return strings.Compare(a, b) }
