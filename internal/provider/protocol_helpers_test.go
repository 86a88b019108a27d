package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

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
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		tb.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	providerValues := map[string]tftypes.Value{}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	for name, typ := range providerType.AttributeTypes {
		if v, ok := providerArgs[name]; ok {
			providerValues[name] = tftypes.NewValue(typ, v)
		} else {
			providerValues[name] = tftypes.NewValue(typ, nil)
		}
	}
	providerConfig, err := tfprotov6.NewDynamicValue(providerType, tftypes.NewValue(providerType, providerValues))
	if err != nil {
		tb.Fatal(err)
	}
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &providerConfig})
	if err != nil {
		tb.Fatal(err)
	}
	return server, configured.Diagnostics
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
	values := map[string]tftypes.Value{}
	for name, typ := range dsType.AttributeTypes {
		if v, ok := dsArgs[name]; ok {
			values[name] = v
		} else {
			values[name] = tftypes.NewValue(typ, nil)
		}
	}
	dsConfig, err := tfprotov6.NewDynamicValue(dsType, tftypes.NewValue(dsType, values))
	if err != nil {
		tb.Fatal(err)
	}
	return &tfprotov6.ReadDataSourceRequest{TypeName: dataSource, Config: &dsConfig}
}

// listLength returns the length of a list attribute of an object value, or -1 when the value
// or the attribute is null: "no list at all".
func listLength(t *testing.T, v tftypes.Value, attr string) int {
	t.Helper()
	if v.Type() == nil || v.IsNull() {
		return -1
	}
	var obj map[string]tftypes.Value
	if err := v.As(&obj); err != nil {
		t.Fatal(err)
	}
	a, ok := obj[attr]
	if !ok || a.IsNull() {
		return -1
	}
	var elems []tftypes.Value
	if err := a.As(&elems); err != nil {
		t.Fatal(err)
	}
	return len(elems)
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
