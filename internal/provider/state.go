package provider

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setState writes model, a struct with `tfsdk` tags like the ones the framework's State.Set
// takes, into state. The data sources return thousands of strings, and State.Set's reflection
// (Go value → framework value → tftypes value, with equality checks on the way) made a read of
// the Europe selection about 2.5 times dearer, some 10 ms of CPU in every plan with one data
// source (BenchmarkReadServiceTagsEurope, README). This builds the tftypes value directly.
//
// Fields may be framework values (types.String, types.List, …), string, int64, []string, or
// slices of such structs for nested attributes; embedded structs contribute their fields.
func setState(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	var diags diag.Diagnostics
	typ, ok := state.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		diags.AddError("Internal error", "the data source schema is not an object; please report this bug")
		return diags
	}
	v, err := objectValue(ctx, typ, reflect.ValueOf(model).Elem())
	if err != nil {
		diags.AddError("Internal error", fmt.Sprintf("building the state: %v; please report this bug", err))
		return diags
	}
	state.Raw = v
	return diags
}

// objectValue converts a tagged struct to an object of type typ.
func objectValue(ctx context.Context, typ tftypes.Object, s reflect.Value) (tftypes.Value, error) {
	attrs := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	if err := collectFields(ctx, typ, s, attrs); err != nil {
		return tftypes.Value{}, err
	}
	if len(attrs) != len(typ.AttributeTypes) {
		return tftypes.Value{}, fmt.Errorf("%s sets %d of the %d attributes", s.Type(), len(attrs), len(typ.AttributeTypes))
	}
	return tftypes.NewValue(typ, attrs), nil
}

// collectFields adds each tagged field of s, and of the structs it embeds, to attrs.
func collectFields(ctx context.Context, typ tftypes.Object, s reflect.Value, attrs map[string]tftypes.Value) error {
	for i := range s.NumField() {
		f, field := s.Type().Field(i), s.Field(i)
		if f.Anonymous {
			if err := collectFields(ctx, typ, field, attrs); err != nil {
				return err
			}
			continue
		}
		name := f.Tag.Get("tfsdk")
		v, err := value(ctx, typ.AttributeTypes[name], field)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		attrs[name] = v
	}
	return nil
}

// value converts one field to a value of type typ.
func value(ctx context.Context, typ tftypes.Type, field reflect.Value) (tftypes.Value, error) {
	if typ == nil {
		return tftypes.Value{}, fmt.Errorf("no such attribute in the schema")
	}
	if a, ok := field.Interface().(attr.Value); ok {
		return a.ToTerraformValue(ctx)
	}
	switch field.Kind() {
	case reflect.String:
		return tftypes.NewValue(typ, field.String()), nil
	case reflect.Int64:
		return tftypes.NewValue(typ, field.Int()), nil
	case reflect.Slice:
		list, ok := typ.(tftypes.List)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("a Go slice for %s", typ)
		}
		if field.IsNil() {
			return tftypes.NewValue(typ, nil), nil
		}
		elems := make([]tftypes.Value, field.Len())
		for i := range elems {
			var err error
			if obj, isObject := list.ElementType.(tftypes.Object); isObject {
				elems[i], err = objectValue(ctx, obj, field.Index(i))
			} else {
				elems[i], err = value(ctx, list.ElementType, field.Index(i))
			}
			if err != nil {
				return tftypes.Value{}, err
			}
		}
		return tftypes.NewValue(typ, elems), nil
	}
	return tftypes.Value{}, fmt.Errorf("unsupported Go type %s", field.Type())
}
