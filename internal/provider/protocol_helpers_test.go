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
	ctx := context.Background()
	server := providerserver.NewProtocol6(p)()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
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
		t.Fatal(err)
	}
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &providerConfig})
	if err != nil {
		t.Fatal(err)
	}
	if hasErrorDiagnostic(configured.Diagnostics) {
		return configured.Diagnostics
	}

	dsType := schemas.DataSourceSchemas[dataSource].ValueType().(tftypes.Object)
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
		t.Fatal(err)
	}
	read, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: dataSource, Config: &dsConfig})
	if err != nil {
		t.Fatal(err)
	}
	return append(configured.Diagnostics, read.Diagnostics...)
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
