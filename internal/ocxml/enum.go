package ocxml

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/openconfig/ygot/ygot"
)

// enumInfo describes a generated enumeration type: a YANG enumeration, or
// the identities of an identityref (whose values carry a defining module).
type enumInfo struct {
	name     string // Go type name, for messages
	identity bool
	byValue  map[int64]enumValue
	byName   map[string][]enumValue
	names    []string // sorted YANG names, for messages
}

type enumValue struct {
	value  int64
	name   string
	module string // defining module of an identity; empty for enumerations
}

var goEnumType = reflect.TypeFor[ygot.GoEnum]()

// isEnum reports whether t is a generated enumeration type.
func isEnum(t reflect.Type) bool {
	return t.Kind() == reflect.Int64 && t.Implements(goEnumType)
}

// addEnum records the enumeration type t in m.enums.
func (m *model) addEnum(t reflect.Type) error {
	if _, ok := m.enums[t]; ok {
		return nil
	}
	ge, ok := reflect.Zero(t).Interface().(ygot.GoEnum)
	if !ok {
		return fmt.Errorf("%s is not a GoEnum", t)
	}
	defs, ok := ge.ΛMap()[t.Name()]
	if !ok {
		return fmt.Errorf("enumeration %s has no ΛMap entry", t.Name())
	}
	ei := &enumInfo{name: t.Name(), byValue: map[int64]enumValue{}, byName: map[string][]enumValue{}}
	for v, d := range defs {
		ev := enumValue{value: v, name: d.Name, module: d.DefiningModule}
		if d.DefiningModule != "" {
			ei.identity = true
		}
		ei.byValue[v] = ev
		ei.byName[d.Name] = append(ei.byName[d.Name], ev)
		ei.names = append(ei.names, d.Name)
	}
	slices.Sort(ei.names)
	ei.names = slices.Compact(ei.names)
	m.enums[t] = ei
	return nil
}

// formatEnum returns the YANG name of enumeration value v and, for an
// identity, its defining module. ok is false for the zero (unset) value.
func (m *model) formatEnum(v reflect.Value) (name, module string, ok bool, err error) {
	if v.Int() == 0 {
		return "", "", false, nil
	}
	ei := m.enums[v.Type()]
	if ei == nil {
		return "", "", false, fmt.Errorf("unknown enumeration type %s", v.Type())
	}
	ev, found := ei.byValue[v.Int()]
	if !found {
		return "", "", false, fmt.Errorf("%d is not a value of %s", v.Int(), ei.name)
	}
	return ev.name, ev.module, true, nil
}

// parseEnum parses text as a value of enumeration type t. For identities
// the prefix, if any, is resolved with res.
func (m *model) parseEnum(text string, t reflect.Type, res resolver) (reflect.Value, error) {
	ei := m.enums[t]
	if ei == nil {
		return reflect.Value{}, fmt.Errorf("unknown enumeration type %s", t)
	}
	ev, err := ei.lookup(text, res, m)
	if err != nil {
		return reflect.Value{}, err
	}
	return reflect.ValueOf(ev.value).Convert(t), nil
}

// lookup finds the value named text.
func (ei *enumInfo) lookup(text string, res resolver, m *model) (enumValue, error) {
	if !ei.identity {
		if vs := ei.byName[text]; len(vs) == 1 {
			return vs[0], nil
		}
		// Some devices qualify enumeration values like identities
		// (oc-vlan-types:TRUNK); accept a prefix that names a known module.
		if prefix, name, ok := strings.Cut(text, ":"); ok {
			if mod, err := res.module(prefix, m); err == nil && mod != "" && len(ei.byName[name]) == 1 {
				return ei.byName[name][0], nil
			}
		}
		return enumValue{}, fmt.Errorf("%q is not one of %s", text, listNames(ei.names))
	}
	prefix, name, hasPrefix := strings.Cut(text, ":")
	if !hasPrefix {
		prefix, name = "", text
	}
	module := ""
	if hasPrefix {
		var err error
		if module, err = res.module(prefix, m); err != nil {
			return enumValue{}, err
		}
	}
	for _, ev := range ei.byName[name] {
		if module == "" || ev.module == module {
			return ev, nil
		}
	}
	return enumValue{}, fmt.Errorf("%q is not an identity of %s (one of %s)", text, ei.name, listNames(ei.names))
}

// listNames joins names for a message, eliding the middle of long lists.
func listNames(names []string) string {
	if len(names) > 8 {
		return strings.Join(names[:8], ", ") + ", ..."
	}
	return strings.Join(names, ", ")
}

// resolver looks an identity prefix up in the namespace declarations in
// scope at a leaf, innermost first; a nil resolver knows none. xmltree drops
// declarations when it parses, so they are often absent; see module.
type resolver func(prefix string) (ns string, ok bool)

// module returns the module that prefix stands for: the module whose
// namespace an in-scope declaration binds prefix to, else the module whose
// prefix or name is prefix, else "" (unknown, so any module matches).
func (res resolver) module(prefix string, m *model) (string, error) {
	if res != nil {
		if ns, ok := res(prefix); ok {
			mod, known := m.moduleByNS[ns]
			if !known {
				return "", fmt.Errorf("prefix %q is bound to namespace %q, which defines no identities here", prefix, ns)
			}
			return mod, nil
		}
	}
	return m.moduleByPrefix[prefix], nil
}
