package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/download"
)

// westEuropeTag is the tag readWestEurope reads.
const westEuropeTag = "AzureCloud.westeurope"

// readDiagnostics configures the provider and reads one data source over the plugin protocol,
// returning every diagnostic. terraform-plugin-testing does not expose warnings, so tests that
// assert a warning (missing region, stale cache) talk to the provider server directly.
func readDiagnostics(t *testing.T, p *AzureIPRangeProvider, providerArgs map[string]string, dataSource string, dsArgs map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	diags, _ := readDataSource(t.Context(), t, p, providerArgs, dataSource, dsArgs)
	return diags
}

// readDataSource is readDiagnostics with a caller's context, also returning the state the
// provider answered with (a null value when it answered none).
func readDataSource(ctx context.Context, t *testing.T, p *AzureIPRangeProvider, providerArgs map[string]string, dataSource string, dsArgs map[string]tftypes.Value) ([]*tfprotov6.Diagnostic, tftypes.Value) {
	t.Helper()
	server, configured := configuredServer(ctx, t, p, providerArgs)
	if hasErrorDiagnostic(configured) {
		return configured, tftypes.Value{}
	}
	dsType := dataSourceType(ctx, t, server, dataSource)
	read, err := server.ReadDataSource(ctx, readRequest(t, dsType, dataSource, dsArgs))
	if err != nil {
		t.Fatal(err)
	}
	state := tftypes.NewValue(dsType, nil)
	if read.State != nil {
		if state, err = read.State.Unmarshal(dsType); err != nil {
			t.Fatalf("decoding the returned state: %v", err)
		}
	}
	return append(configured, read.Diagnostics...), state
}

// configuredServer starts a provider server and configures it with providerArgs (unset
// arguments are null), returning the configuration's diagnostics.
func configuredServer(ctx context.Context, tb testing.TB, p *AzureIPRangeProvider, providerArgs map[string]string) (tfprotov6.ProviderServer, []*tfprotov6.Diagnostic) {
	tb.Helper()
	server := providerserver.NewProtocol6(p)()
	args := map[string]tftypes.Value{}
	for name, v := range providerArgs {
		args[name] = stringValue(v)
	}
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: providerConfig(ctx, tb, server, args)})
	if err != nil {
		tb.Fatal(err)
	}
	return server, configured.Diagnostics
}

// providerConfig is a provider block for server's schema holding args, as ConfigureProvider
// and ValidateProviderConfig receive it.
func providerConfig(ctx context.Context, tb testing.TB, server tfprotov6.ProviderServer, args map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		tb.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	return objectConfig(tb, schemas.Provider.ValueType().(tftypes.Object), args)
}

// dataSourceType is the object type of a data source's configuration and state.
func dataSourceType(ctx context.Context, tb testing.TB, server tfprotov6.ProviderServer, dataSource string) tftypes.Object {
	tb.Helper()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || schemas.DataSourceSchemas[dataSource] == nil {
		tb.Fatalf("GetProviderSchema: no data source %q (%v)", dataSource, err)
	}
	return schemas.DataSourceSchemas[dataSource].ValueType().(tftypes.Object)
}

// readRequest is a ReadDataSource request for the data source of type dsType, configuring
// dsArgs (unset arguments are null).
func readRequest(tb testing.TB, dsType tftypes.Object, dataSource string, dsArgs map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	tb.Helper()
	return &tfprotov6.ReadDataSourceRequest{TypeName: dataSource, Config: objectConfig(tb, dsType, dsArgs)}
}

// objectConfig is a block of type typ holding args, every other attribute null: what
// Terraform sends for a provider or data source block that sets only args.
func objectConfig(tb testing.TB, typ tftypes.Object, args map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	values := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
		if v, ok := args[name]; ok {
			values[name] = v
		}
	}
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		tb.Fatal(err)
	}
	return &config
}

// readWestEurope reads AzureCloud.westeurope through a fresh provider process (sharing only
// the disk cache with earlier ones) configured with args: the read of every test that is
// about where the file comes from rather than what is selected from it.
func readWestEurope(t *testing.T, transport download.Options, args map[string]string) ([]*tfprotov6.Diagnostic, tftypes.Value) {
	t.Helper()
	p := &AzureIPRangeProvider{version: "test", transport: transport}
	return readDataSource(t.Context(), t, p, args, "azureiprange_service_tags", map[string]tftypes.Value{"names": stringList(westEuropeTag)})
}

// listLength returns the length of a list attribute of an object value, or -1 when the value
// or the attribute is null: "no list at all".
func listLength(t *testing.T, v tftypes.Value, attr string) int {
	t.Helper()
	a := stateAttr(t, v, attr)
	if a.IsNull() {
		return -1
	}
	var elems []tftypes.Value
	if err := a.As(&elems); err != nil {
		t.Fatal(err)
	}
	return len(elems)
}

// stateAttr is one attribute of a returned state; a null value when there is no state.
func stateAttr(t *testing.T, state tftypes.Value, attr string) tftypes.Value {
	t.Helper()
	if state.Type() == nil || state.IsNull() {
		return tftypes.NewValue(tftypes.String, nil)
	}
	var obj map[string]tftypes.Value
	if err := state.As(&obj); err != nil {
		t.Fatal(err)
	}
	return obj[attr]
}

// stateStrings is a list(string) attribute of the state; nil when it or the state is null.
func stateStrings(t *testing.T, state tftypes.Value, attr string) []string {
	t.Helper()
	v := stateAttr(t, state, attr)
	if v.IsNull() {
		return nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(elems))
	for i, e := range elems {
		if err := e.As(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// stateString is a string or number attribute of the state, as text; "" when null.
func stateString(t *testing.T, state tftypes.Value, attr string) string {
	t.Helper()
	v := stateAttr(t, state, attr)
	if v.IsNull() {
		return ""
	}
	if v.Type().Is(tftypes.Number) {
		var n big.Float
		if err := v.As(&n); err != nil {
			t.Fatal(err)
		}
		return n.Text('f', -1)
	}
	var s string
	if err := v.As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func hasErrorDiagnostic(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// findDiagnostic returns the first diagnostic of the severity whose summary and detail contain
// every fragment.
func findDiagnostic(diags []*tfprotov6.Diagnostic, severity tfprotov6.DiagnosticSeverity, fragments ...string) *tfprotov6.Diagnostic {
	for _, d := range diags {
		text := d.Summary + "\n" + d.Detail
		ok := d.Severity == severity
		for _, f := range fragments {
			ok = ok && strings.Contains(text, f)
		}
		if ok {
			return d
		}
	}
	return nil
}

func stringValue(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func stringList(values ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = stringValue(v)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
}

// describe renders diagnostics for a failure message.
func describe(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("\n  [" + d.Severity.String() + "] " + d.Summary + ": " + d.Detail)
	}
	if b.Len() == 0 {
		return "no diagnostics"
	}
	return b.String()
}
