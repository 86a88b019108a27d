package servicetags

import (
	"cmp"
	"fmt"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/suggest"
)

// UnknownError reports a selector value that names nothing in the file.
type UnknownError struct {
	Argument     string   // the selector kind: "names", "services" or "regions"
	Value        string   // the value as given
	Suggestions  []string // the closest valid values, best first; possibly empty
	Cloud        string   // Cloud and ChangeNumber name the file that was searched
	ChangeNumber int64
}

// Error implements error, e.g. `names: no service tag named "AzureCloud.westeuropa" in
// this file (cloud Public, change 375); closest: "AzureCloud.westeurope", ...`.
func (e *UnknownError) Error() string {
	what := map[string]string{"names": "service tag", "services": "service", "regions": "region"}[e.Argument]
	msg := fmt.Sprintf("%s: no %s named %q in this file (cloud %s, change %d)",
		e.Argument, cmp.Or(what, "value"), e.Value, e.Cloud, e.ChangeNumber)
	if len(e.Suggestions) > 0 {
		msg += "; closest: " + suggest.Quote(e.Suggestions)
	}
	return msg
}

// unknown builds the UnknownError for value, suggesting the closest three candidates.
func (f *File) unknown(argument, value string, candidates []string) *UnknownError {
	return &UnknownError{Argument: argument, Value: value, Suggestions: suggest.Closest(value, candidates, 3),
		Cloud: f.Cloud, ChangeNumber: f.ChangeNumber}
}
