package ocxml

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/models/openconfig"
)

// The managed schema has no empty, decimal64 or binary leaves; these cases
// cover their codecs directly.
func TestParseScalar(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		typ     reflect.Type
		want    any
		wantErr string
	}{
		{"empty leaf", "", yangEmptyType, openconfig.YANGEmpty(true), ""},
		{"empty leaf with text", "x", yangEmptyType, nil, `empty leaf has text "x"`},
		{"decimal", "-2.25", reflect.TypeFor[float64](), -2.25, ""},
		{"decimal exponent", "1e3", reflect.TypeFor[float64](), nil, `"1e3" is not a decimal64`},
		{"decimal infinity", "Inf", reflect.TypeFor[float64](), nil, `"Inf" is not a decimal64`},
		{"binary", "AQI=", binaryType, openconfig.Binary{1, 2}, ""},
		{"binary garbage", "!!", binaryType, nil, `"!!" is not a binary (base64)`},
		{"unsigned with plus", "+5", reflect.TypeFor[uint8](), uint8(5), ""},
		{"negative unsigned", "-1", reflect.TypeFor[uint32](), nil, `"-1" is not a uint32`},
		{"int8 minimum", "-128", reflect.TypeFor[int8](), int8(-128), ""},
		{"int8 overflow", "128", reflect.TypeFor[int8](), nil, `"128" is not a int8`},
		{"boolean is case sensitive", "True", reflect.TypeFor[bool](), nil, `"True" is not a boolean`},
		{"string", "a b", reflect.TypeFor[string](), "a b", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := parseScalar(tc.text, tc.typ)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("parseScalar error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseScalar: %v", err)
			}
			if diff := cmp.Diff(tc.want, v.Interface()); diff != "" {
				t.Errorf("parseScalar (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	m, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	f64 := func(f float64) *float64 { return &f }
	tests := []struct {
		name   string
		v      any
		want   string
		wantOK bool
	}{
		{"empty set", openconfig.YANGEmpty(true), "", true},
		{"empty unset", openconfig.YANGEmpty(false), "", false},
		{"decimal integral", f64(1), "1.0", true},
		{"decimal fraction", f64(0.5), "0.5", true},
		{"decimal negative", f64(-2.25), "-2.25", true},
		{"binary", openconfig.Binary{1, 2}, "AQI=", true},
		{"union uint", openconfig.UnionUint16(10), "10", true},
		{"enumeration", openconfig.OpenconfigVlanTypes_VlanModeType_TRUNK, "TRUNK", true},
		{"unset enumeration", openconfig.OpenconfigVlanTypes_VlanModeType_UNSET, "", false},
		{"nil pointer", (*string)(nil), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, ok, err := m.formatValue(reflect.ValueOf(tc.v))
			if err != nil || got != tc.want || ok != tc.wantOK {
				t.Errorf("formatValue = %q, %v, %v; want %q, %v, nil", got, ok, err, tc.want, tc.wantOK)
			}
		})
	}
}
