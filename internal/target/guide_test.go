package target

import (
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/cidrset"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/devops"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the measured table of templates/guides/fit.md.tmpl")

// guidePath is the fit guide's template; its measured table sits between these markers.
var guidePath = filepath.Join(testutil.RepoRoot(), "templates", "guides", "fit.md.tmpl")

const tableStart, tableEnd = "<!-- measured-table:start -->\n", "<!-- measured-table:end -->"

// TestGuideTable keeps the guide's table true: every Azure DevOps geography, with its capacity
// fallback, fitted to every target on the 2025-10-28 file with trusted = AzureCloud. Run
// `go test ./internal/target -run GuideTable -update` after a change that moves a figure.
func TestGuideTable(t *testing.T) {
	file, err := servicetags.Parse(testutil.Snapshot(t, testutil.PublicLatest))
	if err != nil {
		t.Fatal(err)
	}
	cloud, ok := file.LookupTag("AzureCloud")
	if !ok {
		t.Fatal("no AzureCloud tag")
	}
	var b strings.Builder
	b.WriteString("| organisation geography (+ fallback) | merged |")
	for _, tg := range targets {
		fmt.Fprintf(&b, " `%s` (%d) |", tg.Name, tg.Limit)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(targets)) + "\n")
	for _, geo := range []string{"United States", "Europe", "United Kingdom", "Asia Pacific", "Australia", "Brazil", "Canada", "India"} {
		plan, err := devops.Resolve(devops.Query{Geography: geo, IncludeCapacityFallback: true})
		if err != nil {
			t.Fatal(err)
		}
		label, fallbacks := geo, []string{}
		var agents []netip.Prefix
		for _, r := range plan.Regions {
			if r.Fallback != "" && !slices.Contains(fallbacks, r.Fallback) {
				fallbacks = append(fallbacks, r.Fallback)
				label += " + " + r.Fallback
			}
			if fileRegion, ok := file.ResolveRegion(r.Name); ok {
				if tag, ok := file.LookupTag("AzureCloud." + fileRegion); ok {
					for _, p := range tag.Prefixes {
						if p.Addr().Is4() {
							agents = append(agents, p)
						}
					}
				}
			}
		}
		fmt.Fprintf(&b, "| %s |", label)
		for i, tg := range targets {
			f, err := tg.Fit(t.Context(), agents, 0, cloud.Prefixes)
			if err != nil {
				t.Fatalf("%s to %s: %v", label, tg.Name, err)
			}
			if i == 0 {
				fmt.Fprintf(&b, " %d |", len(cidrset.Merge(agents)))
			}
			fmt.Fprintf(&b, " %d · %s |", f.Report.OutputCount, thousands(f.Report.UntrustedExtraAddresses.String()))
		}
		b.WriteString("\n")
	}
	table := b.String()
	raw, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	guide := string(raw)
	i, j := strings.Index(guide, tableStart), strings.Index(guide, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q section", guidePath, tableStart, tableEnd)
	}
	if got := guide[i+len(tableStart) : j]; got != table {
		if *update {
			if err := os.WriteFile(guidePath, []byte(guide[:i+len(tableStart)]+table+guide[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the guide's measured table is stale; run go test ./internal/target -run GuideTable -update. Want:\n%s", table)
	}
}

// thousands writes a decimal integer with comma separators.
func thousands(s string) string {
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
