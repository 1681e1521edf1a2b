package profiles

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
)

// compactMin is the encoded size from which a subtree met more than once
// is stored once (in Profile.Shared) and referenced.
const compactMin = 512

// Compact stores every subtree of the native schema that occurs more than
// once (the interface kinds of IOS-XE share most of theirs) once in
// p.Shared, replacing the occurrences by references. It is deterministic:
// the same schema gives the same file.
func (p *Profile) Compact() {
	if p.Native == nil {
		return
	}
	count := map[[32]byte]int{}
	countTree(p.Native, "", count)
	p.Shared = map[string]*Node{}
	ids := map[[32]byte]string{}
	p.Native = compactTree(p.Native, "", count, ids, p.Shared)
}

// treeKey identifies a subtree together with the module it is in (a
// child's empty Module means "its parent's"); the encoding holds the
// node's own Module, so a shared subtree means the same wherever it is.
func treeKey(n *Node, mod string) ([32]byte, int) {
	b, _ := json.Marshal(n)
	return sha256.Sum256(append([]byte(mod+"\x00"), b...)), len(b)
}

func countTree(n *Node, mod string, count map[[32]byte]int) {
	if n.Module != "" {
		mod = n.Module
	}
	if k, size := treeKey(n, mod); size >= compactMin {
		count[k]++
	}
	for _, name := range sortedNames(n) {
		countTree(n.Children[name], mod, count)
	}
}

func compactTree(n *Node, mod string, count map[[32]byte]int, ids map[[32]byte]string, shared map[string]*Node) *Node {
	if n.Module != "" {
		mod = n.Module
	}
	if k, size := treeKey(n, mod); size >= compactMin && count[k] > 1 {
		id, ok := ids[k]
		if !ok {
			id = fmt.Sprintf("s%d", len(ids)+1)
			ids[k] = id
			shared[id] = compactChildren(n, mod, count, ids, shared)
		}
		return &Node{Ref: id}
	}
	return compactChildren(n, mod, count, ids, shared)
}

func compactChildren(n *Node, mod string, count map[[32]byte]int, ids map[[32]byte]string, shared map[string]*Node) *Node {
	if len(n.Children) == 0 {
		return n
	}
	out := *n
	out.Children = make(map[string]*Node, len(n.Children))
	for _, name := range sortedNames(n) {
		out.Children[name] = compactTree(n.Children[name], mod, count, ids, shared)
	}
	return &out
}

func sortedNames(n *Node) []string {
	names := make([]string, 0, len(n.Children))
	for k := range n.Children {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// expand replaces the references of the native schema by the shared
// subtrees they name (shared, not copied: the schema is immutable).
func (p *Profile) expand() error {
	if p.Native == nil {
		return nil
	}
	seen := map[*Node]bool{}
	var walk func(n *Node, depth int) (*Node, error)
	walk = func(n *Node, depth int) (*Node, error) {
		if depth > 64 {
			return nil, fmt.Errorf("native schema: references nest deeper than 64")
		}
		if n.Ref != "" {
			def, ok := p.Shared[n.Ref]
			if !ok {
				return nil, fmt.Errorf("native schema: unknown shared subtree %q", n.Ref)
			}
			if _, err := walk(def, depth+1); err != nil {
				return nil, err
			}
			return def, nil
		}
		if seen[n] {
			return n, nil
		}
		seen[n] = true
		for name, c := range n.Children {
			r, err := walk(c, depth+1)
			if err != nil {
				return nil, err
			}
			n.Children[name] = r
		}
		return n, nil
	}
	root, err := walk(p.Native, 0)
	p.Native = root
	return err
}
