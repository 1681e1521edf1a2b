package inventory

import (
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
	"go.yaml.in/yaml/v3"
)

// kind is the shape of a Value.
type kind int

const (
	kindNull kind = iota
	kindScalar
	kindMap
	kindList
)

func (k kind) String() string {
	return [...]string{"null", "a scalar value", "a mapping", "a list"}[k]
}

// value is a YAML node that remembers which file it came from. Maps keep
// their key order. Values read from files are never modified after load;
// merging builds new values.
type value struct {
	kind   kind
	tag    string // resolved YAML tag of scalars (!!str, !!int, ...)
	text   string
	fields []field
	items  []*value
	rng    diag.Range
	// origin is the layer a merged value came from; nil for loaded values.
	origin *layer
}

// field is one key of a mapping.
type field struct {
	key    string
	keyRng diag.Range
	val    *value
}

// get returns the value of key, or nil.
func (v *value) get(key string) *value {
	if v == nil || v.kind != kindMap {
		return nil
	}
	for i := range v.fields {
		if v.fields[i].key == key {
			return v.fields[i].val
		}
	}
	return nil
}

// pos returns the range of v; the zero Range for nil (a declaration built
// in Go rather than loaded).
func (v *value) pos() diag.Range {
	if v == nil {
		return diag.Range{}
	}
	return v.rng
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 64

// maxValues bounds the values one file may expand to (aliases included),
// so a few lines of anchors cannot expand to gigabytes.
const maxValues = 1 << 20

// sizer computes how many values a document expands to once aliases are
// followed, without expanding them: each node's size is computed once.
// Sizes cut short by the depth limit (where a recursive alias would loop,
// and which fromNode reports) are not remembered, so an anchor first met
// too deep is counted in full where an alias uses it higher up; visits
// bounds the work those uncached walks can do.
type sizer struct {
	memo   map[*yaml.Node]int
	visits int
}

// expandedSize returns the number of values n expands to, or a number
// larger than maxValues once that is certain.
func expandedSize(n *yaml.Node) int {
	if !hasAlias(n, 0) {
		return 0 // a tree: fromNode's budget bounds it
	}
	s := &sizer{memo: map[*yaml.Node]int{}}
	size, _ := s.size(n, 0)
	return max(size, s.visits)
}

// hasAlias reports whether the tree below n has an alias (or is deeper
// than maxDepth, which fromNode reports).
func hasAlias(n *yaml.Node, depth int) bool {
	if n.Kind == yaml.AliasNode || depth > maxDepth {
		return true
	}
	for _, ch := range n.Content {
		if hasAlias(ch, depth+1) {
			return true
		}
	}
	return false
}

func (s *sizer) size(n *yaml.Node, depth int) (size int, cut bool) {
	if s.visits++; s.visits > maxValues {
		return 1, true
	}
	if depth > maxDepth {
		return 1, true
	}
	if size, ok := s.memo[n]; ok {
		return size, false
	}
	size = 1
	children := n.Content
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		children = []*yaml.Node{n.Alias}
	}
	for _, ch := range children {
		sz, c := s.size(ch, depth+1)
		size, cut = size+sz, cut || c
		if size > maxValues || s.visits > maxValues {
			break
		}
	}
	if !cut {
		s.memo[n] = size
	}
	return size, cut
}

// converter turns yaml.Node trees of one file into values.
type converter struct {
	file   string
	ds     *diag.Diagnostics
	budget int
}

// fromNode converts a parsed YAML node into a value, reporting nesting
// deeper than maxDepth, alias bombs and non-string keys.
func (c *converter) fromNode(n *yaml.Node, depth int) *value {
	file, ds := c.file, c.ds
	rng := diag.Range{File: file, Line: n.Line, Col: n.Column}
	if depth > maxDepth {
		ds.Errorf(rng, "nesting deeper than %d levels", maxDepth)
		return &value{rng: rng}
	}
	if c.budget--; c.budget == 0 {
		ds.Errorf(rng, "document expands to more than %d values (alias expansion?)", maxValues)
	}
	if c.budget < 0 {
		return &value{rng: rng}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &value{rng: rng}
		}
		return c.fromNode(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return &value{rng: rng}
		}
		v := c.fromNode(n.Alias, depth+1)
		v.rng = rng // problems are reported where the alias is used
		return v
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return &value{kind: kindNull, rng: rng}
		}
		return &value{kind: kindScalar, tag: n.Tag, text: n.Value, rng: rng}
	case yaml.SequenceNode:
		v := &value{kind: kindList, rng: rng, items: make([]*value, 0, len(n.Content))}
		for _, ch := range n.Content {
			v.items = append(v.items, c.fromNode(ch, depth+1))
		}
		return v
	case yaml.MappingNode:
		return c.mapFromNode(n, depth)
	}
	return &value{rng: rng}
}

func (c *converter) mapFromNode(n *yaml.Node, depth int) *value {
	file, ds := c.file, c.ds
	v := &value{kind: kindMap, rng: diag.Range{File: file, Line: n.Line, Col: n.Column}}
	if len(n.Content) > 0 {
		v.fields = make([]field, 0, len(n.Content)/2)
	}
	// Most mappings are small: their keys are found among the fields so far
	// faster than by hashing; large ones get a map.
	var seen map[string]diag.Range
	if len(n.Content) > 2*smallMap {
		seen = make(map[string]diag.Range, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		krng := diag.Range{File: file, Line: k.Line, Col: k.Column}
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			ds.Errorf(krng, "YAML merge keys (<<) are not supported; write the keys out")
			continue
		}
		if k.Kind != yaml.ScalarNode {
			ds.Errorf(krng, "mapping keys must be plain strings")
			continue
		}
		if prev, dup := firstKey(v, seen, k.Value); dup {
			ds.Errorf(krng, "duplicate key %q (first at line %d)", k.Value, prev.Line)
			continue
		}
		if seen != nil {
			seen[k.Value] = krng
		}
		v.fields = append(v.fields, field{key: k.Value, keyRng: krng, val: c.fromNode(val, depth+1)})
	}
	return v
}

// smallMap is the size up to which mappings find duplicate keys without a
// map.
const smallMap = 16

// firstKey returns the range of key in the mapping v being built, looking
// in seen when it is not nil.
func firstKey(v *value, seen map[string]diag.Range, key string) (diag.Range, bool) {
	if seen != nil {
		rng, ok := seen[key]
		return rng, ok
	}
	if i := fieldIndex(v, key); i >= 0 {
		return v.fields[i].keyRng, true
	}
	return diag.Range{}, false
}

// lookup follows a validation path such as "vlans[2].members[0]" and
// returns the range of the deepest value found.
func (v *value) lookup(path string) diag.Range {
	best := v.rng
	cur := v
	for seg := range strings.SplitSeq(path, ".") {
		name, rest, _ := strings.Cut(seg, "[")
		if name != "" {
			cur = cur.get(name)
			if cur == nil {
				return best
			}
			best = cur.rng
		}
		for rest != "" {
			idx, tail, _ := strings.Cut(rest, "]")
			rest = strings.TrimPrefix(tail, "[")
			i := atoiOr(idx, -1)
			if cur.kind != kindList || i < 0 || i >= len(cur.items) {
				return best
			}
			cur = cur.items[i]
			best = cur.rng
		}
	}
	return best
}

func atoiOr(s string, def int) int {
	n := 0
	if s == "" {
		return def
	}
	for _, c := range s {
		if c < '0' || c > '9' || n > 1<<30 {
			return def
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// toAny returns v as encoding/json would decode the JSON form of the YAML:
// maps, lists, strings, float64 numbers, booleans and nil (native.yang
// blocks are RFC 7951 JSON written in YAML).
func (v *value) toAny() any {
	switch v.kind {
	case kindMap:
		m := make(map[string]any, len(v.fields))
		for _, f := range v.fields {
			m[f.key] = f.val.toAny()
		}
		return m
	case kindList:
		l := make([]any, len(v.items))
		for i, it := range v.items {
			l[i] = it.toAny()
		}
		return l
	case kindScalar:
		switch v.tag {
		case "!!int", "!!float":
			if f, err := strconv.ParseFloat(v.text, 64); err == nil {
				return f
			}
		case "!!bool":
			return v.text == "true" || v.text == "True" || v.text == "TRUE"
		case "!!null":
			return nil
		}
		return v.text
	}
	return nil
}
