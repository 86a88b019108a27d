package servicetags

import "testing"

func TestLookupCloud(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Public", CloudPublic}, {"public", CloudPublic}, {" PUBLIC ", CloudPublic}, {"AzureCloud", CloudPublic}, {"azurecloud", CloudPublic},
		{"AzureGovernment", CloudAzureGovernment}, {"usgovernment", CloudAzureGovernment}, {"USGovernment", CloudAzureGovernment},
		{"AzureUSGovernment", CloudAzureGovernment}, {"\tazuregovernment\n", CloudAzureGovernment},
		{"China", CloudChina}, {"china", CloudChina}, {"AzureChinaCloud", CloudChina},
		{"AzureGermany", CloudAzureGermany}, {"germany", CloudAzureGermany}, {"AzureGermanCloud", CloudAzureGermany},
	} {
		in, want := tt.in, tt.want
		if got, err := LookupCloud(in); got != want || err != nil {
			t.Errorf("LookupCloud(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	const valid = `; use "Public", "AzureGovernment" or "China" (case-insensitive; azurerm's "public", "usgovernment" and "china" work too), ` +
		`or "AzureGermany" with a pinned file of that retired cloud`
	for _, in := range []string{"", "USGov", "Pub lic", "Mars", "German"} {
		got, err := LookupCloud(in)
		if want := `"` + in + `" is not a cloud with a service tags file` + valid; got != "" || err == nil || err.Error() != want {
			t.Errorf("LookupCloud(%q) = %q, %v; want the error %s", in, got, err, want)
		}
	}
}

// TestLookupCloudNamesParse: every cloud LookupCloud returns is one a file may carry.
func TestLookupCloudNamesParse(t *testing.T) {
	for _, c := range cloudAliases {
		if _, err := Parse([]byte(fileJSON(c, 1, tagJSON("A", "", "4.0.0.0/12")))); err != nil {
			t.Errorf("cloud %q: %v", c, err)
		}
	}
}
