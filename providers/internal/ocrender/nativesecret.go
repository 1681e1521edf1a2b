package ocrender

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
)

// nativeSecrets takes the secret references out of native.yang block
// (written at at): a leaf whose value is a reference ({env: NAME},
// {file: PATH}) leaves the tree and becomes a binding at the leaf's
// module-qualified path, whose value the push reads. It returns the block
// without them (containers left empty dropped), or ok false after
// recording an error: a reference used as a list key, or one where the
// schema has no leaf.
func (s *render) nativeSecrets(block map[string]any, at string) (map[string]any, bool) {
	w := &secretWalk{s: s}
	out := make(map[string]any, len(block))
	for _, k := range slices.Sorted(maps.Keys(block)) {
		if v, keep := w.value(block[k], s.prof.NativeTop(k), "/"+k, at+"."+k); keep {
			out[k] = v
		}
	}
	if w.failed {
		return nil, false
	}
	if ref := secretRef(out, at); ref != "" {
		s.errs = append(s.errs, models.FieldError{Path: ref,
			Message: "a secret reference ({env: …}, {file: …}) in a native.yang block must be the value of a leaf of the native schema"})
		return nil, false
	}
	return out, true
}

// secretWalk walks one native.yang block for nativeSecrets.
type secretWalk struct {
	s      *render
	failed bool
}

// value returns v with its secret references taken out; keep is false
// when nothing of v remains. path is v's data path, intent its intent path.
func (w *secretWalk) value(v any, sch *profiles.Node, path, intent string) (any, bool) {
	if sch == nil {
		return v, true // the schema check refuses the path
	}
	if ref, ok := asSecretRef(v); ok && sch.IsLeaf() {
		p, err := diff.CanonicalPath(path)
		if err != nil {
			p = path
		}
		w.s.bind(p, &ref)
		return nil, false
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			return x, true // a presence container or an empty leaf
		}
		out := make(map[string]any, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if v, keep := w.value(x[k], sch.Children[localName(k)], path+"/"+localName(k), intent+"."+k); keep {
				out[k] = v
			}
		}
		return out, len(out) > 0
	case []any:
		if !sch.List || sch.IsLeaf() {
			return x, true
		}
		out := make([]any, 0, len(x))
		for i, it := range x {
			at := intent + "[" + strconv.Itoa(i) + "]"
			m, ok := it.(map[string]any)
			if !ok {
				out = append(out, it)
				continue
			}
			if !w.keysPlain(sch, m, at) {
				continue
			}
			e, _ := w.value(m, sch, path+entryKeys(sch, m), at)
			out = append(out, e)
		}
		return out, true
	}
	return v, true
}

// keysPlain reports whether no key of list entry m is a secret
// reference, recording an error at the first one that is.
func (w *secretWalk) keysPlain(sch *profiles.Node, m map[string]any, at string) bool {
	for _, k := range sch.Keys {
		for name, v := range m {
			if localName(name) != k {
				continue
			}
			if _, ok := asSecretRef(v); ok {
				w.s.errs = append(w.s.errs, models.FieldError{Path: at + "." + name,
					Message: fmt.Sprintf("a secret reference cannot be the list key %s: plans and state name list entries by their keys; write the key in the block and a reference only as the value of a leaf", k)})
				w.failed = true
				return false
			}
		}
	}
	return true
}

// asSecretRef returns the reference v is (a mapping whose only member is
// env or file, with a string value).
func asSecretRef(v any) (models.SecretRef, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return models.SecretRef{}, false
	}
	if e, ok := m["env"].(string); ok && e != "" {
		return models.SecretRef{Env: e}, true
	}
	if f, ok := m["file"].(string); ok && f != "" {
		return models.SecretRef{File: f}, true
	}
	return models.SecretRef{}, false
}

// localName strips a member name's module prefix.
func localName(k string) string {
	if _, local, ok := strings.Cut(k, ":"); ok {
		return local
	}
	return k
}
