package provider

import (
	"os"
	"os/exec"
	"testing"
)

// testProviderFactories serves the provider in-process to the real Terraform CLI. Its
// endpoints are a closed loopback port, so a test that forgets to pin a file or point at a
// local server fails instead of reaching Microsoft.
var testProviderFactories = factoriesWith(offlineTransport())

// TestMain refuses to run when no Terraform CLI is configured: terraform-plugin-testing would
// otherwise try to download one, which this offline project must never do.
func TestMain(m *testing.M) {
	// The user's own settings must not leak into the tests.
	for _, env := range []string{"AZUREIPRANGE_CLOUD", "AZUREIPRANGE_SERVICE_TAGS_FILE", "AZUREIPRANGE_SERVICE_TAGS_URL", "AZUREIPRANGE_CACHE_DIR"} {
		_ = os.Unsetenv(env)
	}
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		if path, err := exec.LookPath("terraform"); err == nil {
			_ = os.Setenv("TF_ACC_TERRAFORM_PATH", path)
		}
	}
	os.Exit(m.Run())
}
