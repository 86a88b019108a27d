package servicetags

import "fmt"

// UnknownError reports a selector value that names nothing in the file.
type UnknownError struct {
	// Argument is the selector kind: "names", "services" or "regions".
	Argument string
	// Value is the value as given.
	Value string
	// Suggestions are the closest valid values, best first; possibly empty.
	Suggestions []string
	// Cloud and ChangeNumber identify the file that was searched.
	Cloud        string
	ChangeNumber int64
}

// maxSuggestions is how many "closest" values an UnknownError offers.
const maxSuggestions = 3

// Error implements error, e.g. `names: no service tag named "AzureCloud.westeuropa" in
// this file (cloud Public, change 375); closest: "AzureCloud.westeurope", ...`.
func (e *UnknownError) Error() string {
	what := map[string]string{"names": "service tag", "services": "service", "regions": "region"}[e.Argument]
	if what == "" {
		what = "value"
	}
	msg := fmt.Sprintf("%s: no %s named %q in this file (cloud %s, change %d)", e.Argument, what, e.Value, e.Cloud, e.ChangeNumber)
	if len(e.Suggestions) > 0 {
		msg += "; closest: " + quoteList(e.Suggestions)
	}
	return msg
}

// unknown builds the UnknownError for value, suggesting from candidates.
func (f *File) unknown(argument, value string, candidates []string) *UnknownError {
	return &UnknownError{
		Argument:     argument,
		Value:        value,
		Suggestions:  Suggest(value, candidates, maxSuggestions),
		Cloud:        f.Cloud,
		ChangeNumber: f.ChangeNumber,
	}
}
