package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setState builds what State.Set would from the same model; a model that does not match the
// schema is an error diagnostic, never a partial state.
func TestSetState(t *testing.T) {
	t.Parallel()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"name":  schema.StringAttribute{Computed: true},
		"count": schema.Int64Attribute{Computed: true},
		"cidrs": schema.ListAttribute{Computed: true, ElementType: types.StringType},
		"none":  schema.ListAttribute{Computed: true, ElementType: types.StringType},
		"items": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}},
		}},
		"flag": schema.BoolAttribute{Optional: true},
	}}
	type item struct {
		ID string `tfsdk:"id"`
	}
	type embedded struct {
		Flag types.Bool `tfsdk:"flag"`
	}
	type model struct {
		Name  string   `tfsdk:"name"`
		Count int64    `tfsdk:"count"`
		CIDRs []string `tfsdk:"cidrs"`
		None  []string `tfsdk:"none"`
		Items []item   `tfsdk:"items"`
		embedded
	}
	m := model{Name: "a", Count: 3, CIDRs: []string{"10.0.0.0/8"}, Items: []item{{"x"}}, embedded: embedded{types.BoolNull()}}

	ours := tfsdk.State{Schema: s}
	if diags := setState(t.Context(), &ours, &m); diags.HasError() {
		t.Fatal(diags)
	}
	framework := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(t.Context()), nil)}
	if diags := framework.Set(t.Context(), &m); diags.HasError() {
		t.Fatal(diags)
	}
	if !ours.Raw.Equal(framework.Raw) {
		t.Fatalf("setState built %v, State.Set %v", ours.Raw, framework.Raw)
	}

	type missing struct {
		Name string `tfsdk:"name"`
	}
	if diags := setState(t.Context(), &tfsdk.State{Schema: s}, &missing{"a"}); !diags.HasError() ||
		!strings.Contains(diags[0].Detail(), "sets 1 of the 6 attributes") {
		t.Fatalf("a model missing attributes: %v", diags)
	}
	type unknownField struct {
		model
		Extra string `tfsdk:"extra"`
	}
	if diags := setState(t.Context(), &tfsdk.State{Schema: s}, &unknownField{model: m}); !diags.HasError() ||
		!strings.Contains(diags[0].Detail(), "extra: no such attribute") {
		t.Fatalf("a field the schema lacks: %v", diags)
	}
}
