package gnmisim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ygot"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

// The Target edits configuration as a generic RFC 7951 JSON tree:
// objects are map[string]any, lists and leaf-lists []any, numbers
// json.Number. Member names may carry a "module:" prefix; lookups compare
// local names, so both qualified and unqualified names from clients work.
// The YANG schema embedded in models/openconfig (the uncompressed tree)
// tells containers, lists (and their keys) and leaves apart. Working on
// JSON rather than on the compressed ygot structs lets every schema path be
// addressed, including containers that path compression removed
// (".../config") and whole lists.

// errNotFound reports a path with no data.
var errNotFound = errors.New("no data at path")

// rootSchema is the schema of the fake root, openconfig.Device.
func rootSchema() *yang.Entry { return oc.SchemaTree["Device"] }

// deviceTree returns d as a JSON tree.
func deviceTree(d *oc.Device) (map[string]any, error) {
	m, err := ygot.ConstructIETFJSON(d, &ygot.RFC7951JSONConfig{AppendModuleName: true})
	if err != nil {
		return nil, fmt.Errorf("encode configuration: %w", err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode configuration: %w", err)
	}
	v, err := decodeJSON(b)
	if err != nil {
		return nil, err
	}
	obj, _ := v.(map[string]any)
	if obj == nil {
		obj = map[string]any{}
	}
	return obj, nil
}

// treeDevice unmarshals a JSON tree into a new Device, refusing anything
// the schema does not know.
func treeDevice(t map[string]any) (*oc.Device, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	d := &oc.Device{}
	if err := oc.Unmarshal(b, d); err != nil {
		return nil, err
	}
	return d, nil
}

// decodeJSON decodes one JSON value, keeping numbers as json.Number.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decode JSON value: %w", err)
	}
	if dec.More() {
		return nil, errors.New("decode JSON value: trailing data")
	}
	return v, nil
}

// localName strips a "module:" prefix.
func localName(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// child returns the schema child of e with the local name, looking through
// choice and case nodes; nil if there is none.
func child(e *yang.Entry, name string) *yang.Entry {
	name = localName(name)
	if c := e.Dir[name]; c != nil && !c.IsChoice() && !c.IsCase() {
		return c
	}
	for _, c := range e.Dir {
		if c.IsChoice() || c.IsCase() {
			if r := child(c, name); r != nil {
				return r
			}
		}
	}
	return nil
}

// member returns the member of obj whose local name is name's.
func member(obj map[string]any, name string) (string, bool) {
	if _, ok := obj[name]; ok {
		return name, true
	}
	ln := localName(name)
	for k := range obj {
		if localName(k) == ln {
			return k, true
		}
	}
	return "", false
}

// scalarString renders a JSON scalar as a path key value.
func scalarString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}

// sameKey compares key values, accepting an identityref with or without
// its module prefix.
func sameKey(a, b string) bool {
	return a == b || localName(a) == b || a == localName(b)
}

// entryMatches reports whether a list entry has the key values.
func entryMatches(entry any, keys map[string]string) bool {
	obj, ok := entry.(map[string]any)
	if !ok {
		return false
	}
	for k, want := range keys {
		m, ok := member(obj, k)
		if !ok || !sameKey(scalarString(obj[m]), want) {
			return false
		}
	}
	return true
}

// findEntry returns the index of the entry with the keys, or -1.
func findEntry(list []any, keys map[string]string) int {
	for i, e := range list {
		if entryMatches(e, keys) {
			return i
		}
	}
	return -1
}

// entryKeys returns the key values of a list entry object, per list schema.
func entryKeys(list *yang.Entry, entry any) (map[string]string, error) {
	obj, ok := entry.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("entry of list %s is not an object", list.Name)
	}
	keys := map[string]string{}
	for _, k := range strings.Fields(list.Key) {
		m, ok := member(obj, k)
		if !ok {
			return nil, fmt.Errorf("entry of list %s has no key %s", list.Name, k)
		}
		keys[k] = scalarString(obj[m])
	}
	return keys, nil
}

// keyValue converts a path key value to the JSON type of the key leaf.
func keyValue(list *yang.Entry, key, val string) any {
	leaf := child(list, key)
	for i := 0; leaf != nil && leaf.Type != nil && leaf.Type.Kind == yang.Yleafref && i < 8; i++ {
		ref, err := util.FindLeafRefSchema(leaf, leaf.Type.Path)
		if err != nil {
			break
		}
		leaf = ref
	}
	if leaf == nil || leaf.Type == nil {
		return val
	}
	if isJSONNumberKind(leaf.Type) {
		if _, err := strconv.ParseFloat(val, 64); err == nil {
			return json.Number(val)
		}
	}
	if leaf.Type.Kind == yang.Ybool {
		if b, err := strconv.ParseBool(val); err == nil {
			return b
		}
	}
	return val
}

// isJSONNumberKind reports whether RFC 7951 encodes the type (or, for a
// union, its first numeric member) as a JSON number.
func isJSONNumberKind(t *yang.YangType) bool {
	switch t.Kind {
	case yang.Yint8, yang.Yint16, yang.Yint32, yang.Yuint8, yang.Yuint16, yang.Yuint32:
		return true
	case yang.Yunion:
		for _, m := range t.Type {
			if isJSONNumberKind(m) {
				return true
			}
		}
	}
	return false
}

// newEntry returns a list entry holding only the keys.
func newEntry(list *yang.Entry, keys map[string]string) map[string]any {
	e := make(map[string]any, len(keys))
	for k, v := range keys {
		e[k] = keyValue(list, k, v)
	}
	return e
}

// pathString renders elems as a gNMI path string.
func pathString(elems []*gpb.PathElem) string {
	s, err := ygot.PathToString(&gpb.Path{Elem: elems})
	if err != nil || s == "" {
		return "/"
	}
	return s
}
