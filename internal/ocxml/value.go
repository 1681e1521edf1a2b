package ocxml

import (
	"encoding/base64"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/ytypes"

	"github.com/switchyard/switchyard/models/openconfig"
)

var (
	yangEmptyType = reflect.TypeFor[openconfig.YANGEmpty]()
	binaryType    = reflect.TypeFor[openconfig.Binary]()
)

// unionGoType returns the Go type that simple unions use for a member of
// YANG built-in type k, or nil. Enumerations and identities use their
// generated types instead.
func unionGoType(k yang.TypeKind) reflect.Type {
	switch k {
	case yang.Yint8:
		return reflect.TypeFor[openconfig.UnionInt8]()
	case yang.Yint16:
		return reflect.TypeFor[openconfig.UnionInt16]()
	case yang.Yint32:
		return reflect.TypeFor[openconfig.UnionInt32]()
	case yang.Yint64:
		return reflect.TypeFor[openconfig.UnionInt64]()
	case yang.Yuint8:
		return reflect.TypeFor[openconfig.UnionUint8]()
	case yang.Yuint16:
		return reflect.TypeFor[openconfig.UnionUint16]()
	case yang.Yuint32:
		return reflect.TypeFor[openconfig.UnionUint32]()
	case yang.Yuint64:
		return reflect.TypeFor[openconfig.UnionUint64]()
	case yang.Ydecimal64:
		return reflect.TypeFor[openconfig.UnionFloat64]()
	case yang.Ystring:
		return reflect.TypeFor[openconfig.UnionString]()
	case yang.Ybool:
		return reflect.TypeFor[openconfig.UnionBool]()
	case yang.Ybinary:
		return binaryType
	case yang.Yempty:
		return yangEmptyType
	}
	return nil
}

// formatValue returns the canonical XML text of leaf value v and, for an
// identity, its defining module. ok is false when v is unset (nil, the zero
// enumeration value, or a false empty leaf).
func (m *model) formatValue(v reflect.Value) (text, module string, ok bool, err error) {
	if k := v.Kind(); k == reflect.Pointer || k == reflect.Interface {
		if v.IsNil() {
			return "", "", false, nil
		}
		return m.formatValue(v.Elem())
	}
	switch t := v.Type(); {
	case isEnum(t):
		return m.formatEnum(v)
	case t == yangEmptyType:
		return "", "", v.Bool(), nil
	case t == binaryType:
		return base64.StdEncoding.EncodeToString(v.Bytes()), "", true, nil
	}
	switch v.Kind() {
	case reflect.String:
		return v.String(), "", true, nil
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), "", true, nil
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), "", true, nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10), "", true, nil
	case reflect.Float64:
		s, err := formatDecimal(v.Float())
		return s, "", err == nil, err
	}
	return "", "", false, fmt.Errorf("unsupported Go type %s", v.Type())
}

// formatDecimal writes f in the canonical decimal64 form of RFC 7950 §9.3.2:
// no exponent, at least one digit on each side of the point.
func formatDecimal(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("%v is not a decimal64", f)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s, nil
}

// parseValue parses text as a value of Go type t, the type of a leaf field
// or of a leaf-list element. f supplies the union members.
func (m *model) parseValue(text string, t reflect.Type, f *field, res resolver) (reflect.Value, error) {
	switch {
	case t.Kind() == reflect.Pointer:
		v, err := m.parseValue(text, t.Elem(), f, res)
		if err != nil {
			return reflect.Value{}, err
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(v)
		return p, nil
	case t.Kind() == reflect.Interface:
		return m.parseUnion(text, t, f, res)
	case isEnum(t):
		return m.parseEnum(text, t, res)
	}
	return parseScalar(text, t)
}

// parseScalar parses text as a value of the non-enumeration scalar type t.
func parseScalar(text string, t reflect.Type) (reflect.Value, error) {
	var (
		v   any
		err error
	)
	switch {
	case t == yangEmptyType:
		if text != "" {
			return reflect.Value{}, fmt.Errorf("empty leaf has text %q", text)
		}
		v = true
	case t == binaryType:
		v, err = base64.StdEncoding.DecodeString(text)
	default:
		v, err = parseKind(text, t.Kind())
	}
	if err != nil {
		return reflect.Value{}, fmt.Errorf("%q is not a %s", text, yangTypeName(t))
	}
	return reflect.ValueOf(v).Convert(t), nil
}

// parseKind parses text by the lexical rules of the YANG built-in type that
// Go kind k represents.
func parseKind(text string, k reflect.Kind) (any, error) {
	switch k {
	case reflect.String:
		return text, nil
	case reflect.Bool:
		switch text {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, strconv.ErrSyntax
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.ParseInt(text, 10, bitSize(k))
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.ParseUint(strings.TrimPrefix(text, "+"), 10, bitSize(k))
	case reflect.Float64:
		f, err := strconv.ParseFloat(text, 64)
		if err == nil && (math.IsNaN(f) || math.IsInf(f, 0) || strings.ContainsAny(text, "eEnNxX")) {
			err = strconv.ErrSyntax
		}
		return f, err
	}
	return nil, fmt.Errorf("unsupported kind %s", k)
}

func bitSize(k reflect.Kind) int {
	switch k {
	case reflect.Int8, reflect.Uint8:
		return 8
	case reflect.Int16, reflect.Uint16:
		return 16
	case reflect.Int32, reflect.Uint32:
		return 32
	}
	return 64
}

// yangTypeName names the YANG built-in type behind Go type t, for messages.
func yangTypeName(t reflect.Type) string {
	switch {
	case t == yangEmptyType:
		return "empty"
	case t == binaryType:
		return "binary (base64)"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Float64:
		return "decimal64"
	}
	return t.Kind().String()
}

// parseUnion parses text as the first member of f's union that accepts it
// (RFC 7950 §9.12). A value whose prefix names a known module tries the
// identity members first, so that prefix:IDENTITY written by Marshal is not
// taken for a string member.
func (m *model) parseUnion(text string, iface reflect.Type, f *field, res resolver) (reflect.Value, error) {
	members := f.members
	if p, _, ok := strings.Cut(text, ":"); ok {
		if mod, err := res.module(p, m); err == nil && mod != "" {
			members = identitiesFirst(members)
		}
	}
	for _, mt := range members {
		if v, ok := m.parseMember(text, mt, iface, f, res); ok {
			return v, nil
		}
	}
	names := make([]string, len(f.members))
	for i, mt := range f.members {
		names[i] = mt.Name
	}
	return reflect.Value{}, fmt.Errorf("%q is not a valid value of any union member (%s)", text, strings.Join(names, ", "))
}

// identitiesFirst returns members with the identityref members moved to the front.
func identitiesFirst(members []*yang.YangType) []*yang.YangType {
	out := make([]*yang.YangType, 0, len(members))
	for _, mt := range members {
		if mt.Kind == yang.Yidentityref {
			out = append(out, mt)
		}
	}
	for _, mt := range members {
		if mt.Kind != yang.Yidentityref {
			out = append(out, mt)
		}
	}
	return out
}

// parseMember parses text as union member type mt.
func (m *model) parseMember(text string, mt *yang.YangType, iface reflect.Type, f *field, res resolver) (reflect.Value, bool) {
	if mt.Kind == yang.Yenum || mt.Kind == yang.Yidentityref {
		for _, et := range f.enumTypes {
			ei := m.enums[et]
			if ei.identity != (mt.Kind == yang.Yidentityref) {
				continue
			}
			if ev, err := ei.lookup(text, res, m); err == nil {
				return reflect.ValueOf(ev.value).Convert(et), true
			}
		}
		return reflect.Value{}, false
	}
	gt := unionGoType(mt.Kind)
	if gt == nil || !gt.Implements(iface) {
		return reflect.Value{}, false
	}
	v, err := parseScalar(text, gt)
	if err != nil || checkRestrictions(mt, v) != nil {
		return reflect.Value{}, false
	}
	return v, true
}

// checkRestrictions checks v against the range, length and pattern
// restrictions of YANG type mt.
func checkRestrictions(mt *yang.YangType, v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		return ytypes.ValidateStringRestrictions(mt, v.String())
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return ytypes.ValidateIntRestrictions(mt, v.Int())
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return ytypes.ValidateUintRestrictions(mt, v.Uint())
	case reflect.Float64:
		return ytypes.ValidateDecimalRestrictions(mt, v.Float())
	}
	return nil
}
