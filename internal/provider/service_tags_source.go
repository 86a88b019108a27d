package provider

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// serviceTagsSource is what Configure hands every data source: the resolved provider settings
// and one loader, so all data sources of a provider process share one download and one parse.
type serviceTagsSource struct {
	settings settings
	loader   *download.Loader
	// environmentErrors are bad AZUREIPRANGE_* values, reported by every read of the file.
	environmentErrors diag.Diagnostics

	mu       sync.Mutex
	reported map[string]bool // load failures already reported in full by one data source
}

func newServiceTagsSource(s settings, version string) *serviceTagsSource {
	s.download.UserAgent = "terraform-provider-azureiprange/" + version
	s.download.Log = func(ctx context.Context, msg string, fields map[string]any) { tflog.Debug(ctx, msg, fields) }
	return &serviceTagsSource{settings: s, loader: download.NewLoader(s.download)}
}

// requestedCloud is the cloud a data source asks for: its own `cloud` argument, else the
// provider's. explicit is false when nobody named a cloud and the default applies.
func (s *serviceTagsSource) requestedCloud(dataSourceCloud types.String) (cloud string, explicit bool, diags diag.Diagnostics) {
	if v := dataSourceCloud.ValueString(); v != "" {
		c, err := servicetags.LookupCloud(v)
		if err != nil {
			diags.AddAttributeError(path.Root("cloud"), "Invalid cloud", err.Error())
		}
		return c, true, diags
	}
	return s.settings.download.Cloud, s.settings.cloudExplicit, nil
}

// load returns the file for cloud, fetching and parsing it at most once per process. A file
// holding another cloud than the one asked for is an error, pinned or not: clouds are never
// mixed silently, and when nobody named a cloud (explicit is false) only a Public file serves.
func (s *serviceTagsSource) load(ctx context.Context, cloud string, explicit bool) (*download.Loaded, diag.Diagnostics) {
	loaded, diags := s.fetch(ctx, cloud)
	if diags.HasError() {
		return nil, diags
	}
	if file := loaded.File; file.Cloud != cloud {
		what := "The downloaded file"
		if s.settings.download.Pinned() {
			what = "The pinned file"
		}
		if !explicit {
			diags.AddError("Service tags file is for another cloud",
				fmt.Sprintf("%s %s holds the %q cloud (change number %d), but no cloud is named, so only a %q file is served. "+
					"To use this file, set cloud = %q in the provider block (or on the data source).",
					what, loaded.Source, file.Cloud, file.ChangeNumber, cloud, file.Cloud))
			return nil, diags
		}
		diags.AddError("Service tags file is for another cloud",
			fmt.Sprintf("%s %s holds the %q cloud (change number %d), but %q was asked for. Clouds are never mixed: "+
				"pin a file of the %q cloud, or ask for %q.", what, loaded.Source, file.Cloud, file.ChangeNumber, cloud, cloud, file.Cloud))
		return nil, diags
	}
	return loaded, diags
}

// fetch returns the file the provider is set up to read for cloud, whatever cloud it holds,
// with the loader's warnings; load checks the cloud.
func (s *serviceTagsSource) fetch(ctx context.Context, cloud string) (*download.Loaded, diag.Diagnostics) {
	var diags diag.Diagnostics
	if s.environmentErrors.HasError() {
		return nil, s.environmentErrors
	}
	loaded, err := s.loader.Load(ctx, cloud)
	if loaded != nil {
		for _, w := range loaded.Warnings {
			diags.AddWarning(w.Summary, w.Detail)
		}
	}
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			diags.AddError("Reading the Azure service tags file was interrupted",
				fmt.Sprintf("Terraform cancelled the read (%v) before the file arrived; no list was returned.", err))
			return nil, diags
		}
		diags.AddError("Cannot read the Azure service tags file", s.onceInFull(err.Error()))
		return nil, diags
	}
	return loaded, diags
}

// onceInFull returns detail the first time a failure is reported and a pointer to it after:
// every data source of a run shares one load, and repeating a many-step discovery failure for
// each of them buried it.
func (s *serviceTagsSource) onceInFull(detail string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reported[detail] {
		return "The same failure as reported in full for another data source of this run: all of them share one read of the file."
	}
	if s.reported == nil {
		s.reported = map[string]bool{}
	}
	s.reported[detail] = true
	return detail
}

// fileReader is what every data source that reads the file embeds: the provider's shared
// source, handed over in Configure.
type fileReader struct {
	source *serviceTagsSource
}

// Configure receives the shared source; data is nil while the provider is not configured
// yet (validation runs before Configure).
func (r *fileReader) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	src, ok := req.ProviderData.(*serviceTagsSource)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("expected *serviceTagsSource, got %T; please report this bug", req.ProviderData))
		return
	}
	r.source = src
}

// configured reports a bug-shaped error when Read runs before Configure delivered the source.
func (r *fileReader) configured(diags *diag.Diagnostics) bool {
	if r.source == nil {
		diags.AddError("Provider not configured", "The azureiprange provider was not configured before this data source was read; please report this bug.")
		return false
	}
	return true
}

// listStrings reads an optional list(string) argument.
func listStrings(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	if l.IsNull() {
		return nil
	}
	var out []string
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}
