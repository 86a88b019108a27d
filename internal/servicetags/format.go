package servicetags

import (
	"fmt"
	"strings"
)

// quoteList renders values as "a", "b", "c".
func quoteList(values []string) string {
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", v)
	}
	return b.String()
}
