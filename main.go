// Command terraform-provider-azureiprange serves the azureiprange Terraform provider.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/provider"
)

// version is set at build time by goreleaser (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	quietFrameworkLogsUnlessAsked()
	relaxGCUnlessTuned()

	opts := providerserver.ServeOpts{
		Address: "registry.terraform.io/azureiprange/azureiprange",
		Debug:   debug,
	}
	if err := providerserver.Serve(context.Background(), provider.New(version), opts); err != nil {
		log.Fatal(err.Error())
	}
}

// quietFrameworkLogsUnlessAsked keeps the plugin framework's per-element trace and debug lines
// (one per list element when it checks a read's result: thousands per data source here) from
// being formatted and sent to Terraform, which discards them anyway unless TF_LOG or
// TF_LOG_PROVIDER is set. Without this, logging is about half of a read's CPU time. Anyone
// debugging the provider sets one of those variables and gets every line back.
func quietFrameworkLogsUnlessAsked() {
	for _, v := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_AZUREIPRANGE", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK"} {
		if os.Getenv(v) != "" {
			return
		}
	}
	_ = os.Setenv("TF_LOG_SDK_FRAMEWORK", "WARN")
}

// relaxGCUnlessTuned lets the heap grow to five times the live data between collections. The
// provider is a short-lived process whose live heap is mostly the parsed file (about 20 MB);
// every data source read allocates a few MB of short-lived values, and the default (100%)
// would rescan the parsed file every few reads. A GOGC set by the user wins.
func relaxGCUnlessTuned() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}
