package devicesim

import (
	"encoding/xml"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// LeafListKey is what Schema.ListKeys returns for a leaf-list entry: such
// entries are identified by their own value.
const LeafListKey = "."

// Schema is the data model a Device consults. internal/ocxml provides one
// backed by the OpenConfig YANG modules; DefaultSchema is a small stand-in.
// Implementations must be safe for concurrent use.
type Schema interface {
	// ListKeys returns the key leaf names of the list element at path
	// (namespace-qualified element path from the datastore root, the element
	// itself last), []string{LeafListKey} for a leaf-list entry, or nil when
	// the element at path is not a list entry. Key leaves are children of the
	// entry in the entry's namespace.
	ListKeys(path []xml.Name) []string
	// Validate checks a whole candidate datastore (root's children are the
	// top-level nodes). A non-nil error becomes an rpc-error: an *RPCError
	// keeps its tag (invalid-value when empty), error-path and message; any
	// other error becomes operation-failed with its text as the message.
	Validate(root *xmltree.Element) error
}

// DeterministicSchema is a Schema that can say its Validate depends on
// nothing but the tree it is given, so that the device may skip validating
// again a datastore tree it has already seen pass (the <validate> before a
// commit, the confirming commit after a confirmed one). Schemas that do not
// implement it, or return false, are asked every time.
type DeterministicSchema interface {
	Schema
	IsDeterministic() bool
}

// StaticSchema is a Schema from a table of list keys and an optional
// validation hook. It matches paths by local names only, ignoring namespaces:
// a key "vlans/vlan" applies to every vlan element whose parent is vlans,
// and the longest matching suffix wins. It is safe for concurrent use.
type StaticSchema struct {
	mu       sync.Mutex
	keys     map[string][]string
	validate func(root *xmltree.Element) error
}

// NewStaticSchema returns a StaticSchema with the given keys, indexed by
// slash-separated local-name path suffixes such as "interfaces/interface".
func NewStaticSchema(keys map[string][]string) *StaticSchema {
	return &StaticSchema{keys: maps.Clone(keys)}
}

// DefaultSchema returns a StaticSchema that knows the keys of the OpenConfig
// lists the tests use (interfaces, subinterfaces, network instances, VLANs,
// ACL sets and entries, ACL interfaces, local users, AAA server groups and
// servers, aggregate members) and the trunk-vlans leaf-list. It validates
// nothing until SetValidator is called.
func DefaultSchema() *StaticSchema {
	return NewStaticSchema(map[string][]string{
		"interfaces/interface":               {"name"},
		"subinterfaces/subinterface":         {"index"},
		"network-instances/network-instance": {"name"},
		"vlans/vlan":                         {"vlan-id"},
		"acl-sets/acl-set":                   {"name", "type"},
		"acl-entries/acl-entry":              {"sequence-id"},
		"acl/interfaces/interface":           {"id"},
		"users/user":                         {"username"},
		"server-groups/server-group":         {"name"},
		"servers/server":                     {"address"},
		"protocols/protocol":                 {"identifier", "name"},
		"static-routes/static":               {"prefix"},
		"next-hops/next-hop":                 {"index"},
		"trunk-vlans":                        {LeafListKey},
	})
}

// SetValidator installs fn as the validation hook (nil removes it). The
// RejectLeaf method builds a common one.
func (s *StaticSchema) SetValidator(fn func(root *xmltree.Element) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.validate = fn
}

// ListKeys implements Schema.
func (s *StaticSchema) ListKeys(path []xml.Name) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var best []string
	bestLen := 0
	for i := range path {
		parts := make([]string, 0, len(path)-i)
		for _, n := range path[i:] {
			parts = append(parts, n.Local)
		}
		if k, ok := s.keys[strings.Join(parts, "/")]; ok && len(parts) > bestLen {
			best, bestLen = k, len(parts)
		}
	}
	return slices.Clone(best)
}

// Validate implements Schema by calling the hook, if any.
func (s *StaticSchema) Validate(root *xmltree.Element) error {
	s.mu.Lock()
	fn := s.validate
	s.mu.Unlock()
	if fn == nil {
		return nil
	}
	return fn(root)
}

// RejectLeaf returns a validation hook for SetValidator that fails with
// invalid-value when any leaf whose local-name path from the root ends with
// suffix (for example "config/mtu") has the value value. The error-path names
// the leaf, with list keys from s.
func (s *StaticSchema) RejectLeaf(suffix, value, message string) func(root *xmltree.Element) error {
	want := strings.Split(strings.Trim(suffix, "/"), "/")
	return func(root *xmltree.Element) error {
		var found *RPCError
		walk(root, nil, func(path []*xmltree.Element) bool {
			leaf := path[len(path)-1]
			if found != nil || !leaf.IsLeaf() || leaf.Text != value || !hasSuffix(path, want) {
				return found == nil
			}
			p, ns := elementPath(s, path)
			found = &RPCError{Tag: TagInvalidValue, Path: p, Namespaces: ns, Message: message}
			return false
		})
		if found != nil {
			return found
		}
		return nil
	}
}

// hasSuffix reports whether the local names of path end with want.
func hasSuffix(path []*xmltree.Element, want []string) bool {
	if len(path) < len(want) {
		return false
	}
	off := len(path) - len(want)
	for i, w := range want {
		if path[off+i].Name.Local != w {
			return false
		}
	}
	return true
}

// walk calls fn for every descendant of root with the element path from the
// first level down to it; fn returns false to stop descending.
func walk(root *xmltree.Element, prefix []*xmltree.Element, fn func([]*xmltree.Element) bool) {
	for _, c := range root.Children {
		p := append(slices.Clip(prefix), c)
		if fn(p) {
			walk(c, p, fn)
		}
	}
}

// nopSchema is the Schema used when Config.Schema is nil: no lists, no checks.
type nopSchema struct{}

func (nopSchema) ListKeys([]xml.Name) []string    { return nil }
func (nopSchema) Validate(*xmltree.Element) error { return nil }

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
