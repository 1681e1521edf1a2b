package profiles

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// NETCONF error-tags of a Refusal (RFC 6241 appendix A).
const (
	TagUnknownElement   = "unknown-element"
	TagUnknownNamespace = "unknown-namespace"
	TagInvalidValue     = "invalid-value"
)

// Refusal is a node of a payload that the release would refuse.
type Refusal struct {
	// Path is the data path of the node, with list keys
	// ("/system/aaa/authentication/users/user[username=ops]/config/ssh-key").
	Path string
	// Module is the YANG module of the refused node.
	Module string
	// Tag is the NETCONF error-tag the device answers with.
	Tag string
	// Reason says why, naming the release and, for a deviation, the
	// deviation module file and line.
	Reason string
	// Source is the deviation's file:line, when a deviation removed the node.
	Source string
}

// Error is Path and Reason.
func (r *Refusal) Error() string { return r.Path + ": " + r.Reason }

// CheckXML checks payload nodes (the children of a NETCONF <config>, or the
// elements ocxml.Marshal returns) against the writable schema (the native
// schema for elements in the namespace of a native module): every element
// must exist in an advertised module at the release's revision, not removed
// by a deviation, and every leaf value must fit the leaf's type where the
// profile records it (integer ranges, enumerations, booleans). It returns
// every refusal, in document order. Leaves carrying a delete or remove
// operation are checked for existence only.
func (p *Profile) CheckXML(nodes []*xmltree.Element) []*Refusal {
	c := checker{p: p}
	for _, e := range nodes {
		root := p.Schema
		if p.Native != nil && p.IsNativeNamespace(e.Name.Space) {
			root = p.Native
		}
		c.element(e, root, "", "", "")
	}
	return c.out
}

type checker struct {
	p   *Profile
	out []*Refusal
}

// element checks e, a child of parent (schema node) whose namespace is ns.
// data is the data path down to parent, schema its schema path (local names).
func (c *checker) element(e *xmltree.Element, parent *Node, ns, data, schema string) {
	name := e.Name.Local
	dataPath, schemaPath := data+"/"+name, schema+"/"+name
	space := e.Name.Space
	if space == "" {
		space = ns
	}
	mod := c.p.ModuleByNamespace(space)
	if mod == nil {
		c.refuse(dataPath, space, TagUnknownNamespace, fmt.Sprintf("namespace %s is not advertised by %s", space, c.p.ID()), "")
		return
	}
	var n *Node
	if parent != nil {
		n = parent.Children[name]
	}
	if n == nil || (space != ns && n.Module != "" && n.Module != mod.Name) {
		if c.p.emptiedBelow(schemaPath) && len(e.Children) > 0 && c.p.deviation(schemaPath) == nil {
			// Deviations removed everything below: name each refused leaf.
			for _, ch := range e.Children {
				c.element(ch, nil, space, dataPath, schemaPath)
			}
			return
		}
		c.missing(dataPath, schemaPath, mod)
		return
	}
	if n.IsLeaf() {
		c.leaf(e, n, dataPath, schemaPath, mod.Name)
		return
	}
	if len(n.Keys) > 0 {
		dataPath += keyPredicate(e, n.Keys)
	}
	for _, ch := range e.Children {
		c.element(ch, n, space, dataPath, schemaPath)
	}
}

func keyPredicate(e *xmltree.Element, keys []string) string {
	var b strings.Builder
	for _, k := range keys {
		for _, ch := range e.Children {
			if ch.Name.Local == k {
				fmt.Fprintf(&b, "[%s=%s]", k, ch.Text)
			}
		}
	}
	return b.String()
}

// missing explains a node that is not in the writable schema: removed by a
// deviation, or not in the module as the release publishes it.
func (c *checker) missing(dataPath, schemaPath string, mod *Module) {
	if u := c.p.deviation(schemaPath); u != nil {
		c.refuse(dataPath, mod.Name, TagUnknownElement,
			fmt.Sprintf("not supported by %s (deviate not-supported at %s)", c.p.ID(), u.Source), u.Source)
		return
	}
	rev := mod.Name
	if mod.Revision != "" {
		rev += "@" + mod.Revision
	}
	c.refuse(dataPath, mod.Name, TagUnknownElement,
		fmt.Sprintf("not in the writable schema of %s as %s publishes it", rev, c.p.ID()), "")
}

func (c *checker) refuse(path, module, tag, reason, source string) {
	c.out = append(c.out, &Refusal{Path: path, Module: module, Tag: tag, Reason: reason, Source: source})
}

func (c *checker) leaf(e *xmltree.Element, n *Node, path, schemaPath, module string) {
	if len(e.Children) > 0 {
		c.refuse(path, module, TagUnknownElement, "a leaf cannot have child elements", "")
		return
	}
	if op := operation(e); op == "delete" || op == "remove" {
		return
	}
	if msg := checkValue(n.Type, strings.TrimSpace(e.Text)); msg != "" {
		source := ""
		if u := c.p.retyped[schemaPath]; u != nil {
			source = u.Source
			msg += fmt.Sprintf(" (%s replaces the type: deviate replace at %s)", c.p.ID(), u.Source)
		}
		c.refuse(path, module, TagInvalidValue, msg, source)
	}
}

func operation(e *xmltree.Element) string {
	for _, a := range e.Attrs {
		if a.Name.Local == "operation" {
			return a.Value
		}
	}
	return ""
}

// deviation returns the not-supported deviation that removes schemaPath or
// its nearest ancestor that one removes, or nil.
func (p *Profile) deviation(schemaPath string) *Unsupported {
	for path := schemaPath; path != ""; {
		if u := p.deviated[path]; u != nil {
			return u
		}
		i := strings.LastIndexByte(path, '/')
		if i <= 0 {
			return nil
		}
		path = path[:i]
	}
	return nil
}

// emptiedBelow reports whether a not-supported deviation targets a node
// strictly below schemaPath: the node itself may have lost all its
// writable children to deviations.
func (p *Profile) emptiedBelow(schemaPath string) bool { return p.emptied[schemaPath] }

// localPath strips module prefixes: "/a:x/y/b:z" becomes "/x/y/z".
func localPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if _, local, ok := strings.Cut(s, ":"); ok {
			parts[i] = local
		}
	}
	return strings.Join(parts, "/")
}

// checkValue checks v against a type descriptor of the profile format:
// "uint16 1..4094|4096", "enumeration A|B", "boolean", or a bare type name
// (not checked further). It returns "" when v fits.
func checkValue(typ, v string) string {
	kind, spec, _ := strings.Cut(typ, " ")
	switch {
	case kind == "boolean":
		if v != "true" && v != "false" {
			return fmt.Sprintf("%q is not a boolean", v)
		}
	case kind == "enumeration" && spec != "":
		if !slices.Contains(strings.Split(spec, "|"), v) {
			return fmt.Sprintf("%q is not one of %s", v, strings.ReplaceAll(spec, "|", ", "))
		}
	case kind == "identityref" && spec != "":
		return checkIdentity(spec, v)
	case isInteger(kind):
		return checkInteger(kind, spec, v)
	}
	return ""
}

// checkIdentity checks an identityref value against the identities the
// leaf takes (spec: "module:NAME|…"). The value's prefix is an XML
// namespace prefix (any name) or, in RFC 7951, the module: the
// identity's name decides.
func checkIdentity(spec, v string) string {
	name := v
	if _, n, ok := strings.Cut(v, ":"); ok {
		name = n
	}
	for id := range strings.SplitSeq(spec, "|") {
		if _, idName, _ := strings.Cut(id, ":"); idName == name {
			return ""
		}
	}
	return fmt.Sprintf("%q is not one of the identities %s", v, strings.ReplaceAll(spec, "|", ", "))
}

func isInteger(kind string) bool {
	switch kind {
	case "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64":
		return true
	}
	return false
}

func checkInteger(kind, spec, v string) string {
	n, ok := new(big.Int).SetString(v, 10)
	if !ok {
		return fmt.Sprintf("%q is not a %s", v, kind)
	}
	if spec == "" {
		spec = builtinRange[kind]
	}
	for r := range strings.SplitSeq(spec, "|") {
		lo, hi, found := strings.Cut(r, "..")
		if !found {
			hi = lo
		}
		l, okl := new(big.Int).SetString(lo, 10)
		h, okh := new(big.Int).SetString(hi, 10)
		if (!okl || n.Cmp(l) >= 0) && (!okh || n.Cmp(h) <= 0) {
			return ""
		}
	}
	return fmt.Sprintf("%s is out of range %s for %s", v, strings.ReplaceAll(spec, "|", ", "), kind)
}

var builtinRange = map[string]string{
	"int8": "-128..127", "int16": "-32768..32767", "int32": "-2147483648..2147483647",
	"int64": "-9223372036854775808..9223372036854775807", "uint8": "0..255", "uint16": "0..65535",
	"uint32": "0..4294967295", "uint64": "0..18446744073709551615",
}

// CheckPath checks one gNMI-style data path ("/system/aaa/server-groups/
// server-group[name=X]/servers/server[address=Y]/tacacs/config/secret-key")
// for existence in the writable schema. Modules are not compared (the path
// names none); it returns nil when the path exists.
func (p *Profile) CheckPath(path string) *Refusal {
	n := p.Schema
	schema := ""
	mod := ""
	for _, name := range splitDataPath(path) {
		schema += "/" + name
		next := n.Children[name]
		if next == nil {
			m := &Module{Name: mod}
			if mm := p.Module(mod); mm != nil {
				m = mm
			}
			c := checker{p: p}
			c.missing(path, schema, m)
			return c.out[0]
		}
		if next.Module != "" {
			mod = next.Module
		}
		n = next
	}
	return nil
}

// splitDataPath returns the element names of a data path, without keys;
// key values may contain '/' (prefixes), so brackets are skipped whole.
func splitDataPath(path string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	for _, c := range strings.TrimPrefix(path, "/") {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth > 0:
		case c == '/':
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(c)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	for i, s := range out {
		if _, local, ok := strings.Cut(s, ":"); ok {
			out[i] = local
		}
	}
	return out
}
