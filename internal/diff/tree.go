package diff

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models/openconfig"
)

// treeJSON returns d in RFC 7951 form (module-qualified identityref
// values) as decoded by encoding/json. A nil d is an empty tree.
func treeJSON(d *openconfig.Device) (map[string]any, error) {
	if d == nil {
		return map[string]any{}, nil
	}
	m, err := ygot.ConstructIETFJSON(d, &ygot.RFC7951JSONConfig{AppendModuleName: true})
	if err != nil {
		return nil, err
	}
	out, err := decoded(m)
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
}

// decoded returns v as encoding/json would decode its encoding, converting
// the common types directly (much faster than a round trip).
func decoded(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, float64:
		return x, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			d, err := decoded(e)
			if err != nil {
				return nil, err
			}
			out[k] = d
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			d, err := decoded(e)
			if err != nil {
				return nil, err
			}
			out[i] = d
		}
		return out, nil
	case uint8:
		return float64(x), nil
	case uint16:
		return float64(x), nil
	case uint32:
		return float64(x), nil
	case int8:
		return float64(x), nil
	case int16:
		return float64(x), nil
	case int32:
		return float64(x), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// stripPrefix removes the "module:" prefix of an RFC 7951 member name or
// identityref value.
func stripPrefix(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// childSchema returns the schema of the data node name below sch, looking
// through choice and case nodes.
func childSchema(sch *yang.Entry, name string) *yang.Entry {
	if c := sch.Dir[name]; c != nil && !c.IsChoice() && !c.IsCase() {
		return c
	}
	for _, c := range sch.Dir {
		if c.IsChoice() || c.IsCase() {
			if e := childSchema(c, name); e != nil {
				return e
			}
		}
	}
	return nil
}

// keyInfo describes one key of a list.
type keyInfo struct {
	name     string
	identity bool // an identityref: its path value has no module prefix
}

// schemaKeys returns the keys of list sch, sorted by name.
func schemaKeys(sch *yang.Entry) []keyInfo {
	names := strings.Fields(sch.Key)
	ks := make([]keyInfo, 0, len(names))
	for _, n := range names {
		ks = append(ks, keyInfo{name: n, identity: isIdentityKey(sch, n)})
	}
	sortKeyInfos(ks)
	return ks
}

func sortKeyInfos(ks []keyInfo) {
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j].name < ks[j-1].name; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
}

// isIdentityKey reports whether key k of list sch is an identityref,
// following the OpenConfig leafref from the key to config/k.
func isIdentityKey(sch *yang.Entry, k string) bool {
	e := sch.Dir[k]
	if e == nil || e.Type == nil {
		return false
	}
	t := e.Type
	if t.Kind == yang.Yleafref {
		if c := sch.Dir["config"]; c != nil && c.Dir[k] != nil && c.Dir[k].Type != nil {
			t = c.Dir[k].Type
		}
	}
	return t.Kind == yang.Yidentityref
}

// entryElem returns the path element of list entry m of list name.
func entryElem(name string, keys []keyInfo, m map[string]any) (elem, error) {
	e := elem{name: name, keys: make([]keyVal, 0, len(keys))}
	cfg, _ := m["config"].(map[string]any)
	for _, k := range keys {
		v, ok := m[k.name]
		if !ok {
			v, ok = cfg[k.name]
		}
		if !ok {
			return elem{}, fmt.Errorf("%s entry without key %s", name, k.name)
		}
		s := scalarString(v)
		if k.identity {
			s = stripPrefix(s)
		}
		e.keys = append(e.keys, keyVal{k: k.name, v: s})
	}
	return e, nil
}

// scalarString formats a decoded JSON scalar as a path key value.
func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// configKeys returns the keys of entry m that are repeated in its config
// container: the list-level key leaves are then implied by the entry's
// path and not reported as changes.
func configKeys(keys []keyInfo, m map[string]any) []string {
	cfg, _ := m["config"].(map[string]any)
	var skip []string
	for _, k := range keys {
		if _, ok := cfg[k.name]; ok {
			skip = append(skip, k.name)
		}
	}
	return skip
}
