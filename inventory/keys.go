package inventory

import (
	"fmt"
	"strconv"
	"strings"
)

// entryKey returns the identity of a keyed-list entry: the text of its key
// fields, or the scalar itself for lists of scalars. ok is false when the
// entry has no usable key (a missing key is reported by validation).
func entryKey(item *value, keyTag string) (string, bool) {
	if keyTag == "" {
		return item.text, item.kind == kindScalar
	}
	if item.kind != kindMap {
		return "", false
	}
	if !strings.Contains(keyTag, ",") {
		kv := item.get(keyTag)
		if kv == nil || kv.kind != kindScalar {
			return "", false
		}
		k := kv.text
		if kv.tag == "!!int" {
			k = canonicalInt(k)
		}
		return k, k != ""
	}
	var parts []string
	for k := range strings.SplitSeq(keyTag, ",") {
		kv := item.get(k)
		if kv != nil && kv.kind != kindScalar {
			return "", false
		}
		if kv == nil {
			parts = append(parts, "")
			continue
		}
		if kv.tag == "!!int" {
			parts = append(parts, canonicalInt(kv.text)) // 0x14 and 20 are one VLAN
			continue
		}
		parts = append(parts, kv.text)
	}
	if strings.Join(parts, "") == "" {
		return "", false
	}
	return strings.Join(parts, "\x00"), true
}

// describeKey formats a key for messages: `name "x"` or `vrf "" prefix "y"`.
func describeKey(keyTag, key string) string {
	if keyTag == "" {
		return strconv.Quote(key)
	}
	names := strings.Split(keyTag, ",")
	vals := strings.Split(key, "\x00")
	parts := make([]string, len(names))
	for i := range names {
		parts[i] = fmt.Sprintf("%s %q", names[i], vals[i])
	}
	return strings.Join(parts, " ")
}

// smallIndex is the size up to which a keyIndex has no map.
const smallIndex = 8

// keyIndex finds list entries by key. Small lists, the common case, are
// searched linearly without hashing; large ones get a map. The zero value
// is empty.
type keyIndex[V any] struct {
	small []keyed[V]
	m     map[string]V
}

type keyed[V any] struct {
	key string
	val V
}

// newKeyIndex returns an empty keyIndex sized for n entries.
func newKeyIndex[V any](n int) keyIndex[V] {
	if n > smallIndex {
		return keyIndex[V]{m: make(map[string]V, n)}
	}
	return keyIndex[V]{small: make([]keyed[V], 0, n)}
}

// get returns the value of k.
func (x *keyIndex[V]) get(k string) (V, bool) {
	if x.m != nil {
		v, ok := x.m[k]
		return v, ok
	}
	for _, e := range x.small {
		if e.key == k {
			return e.val, true
		}
	}
	var zero V
	return zero, false
}

// set sets the value of k.
func (x *keyIndex[V]) set(k string, v V) {
	if x.m != nil {
		x.m[k] = v
		return
	}
	for i := range x.small {
		if x.small[i].key == k {
			x.small[i].val = v
			return
		}
	}
	if len(x.small) < smallIndex {
		x.small = append(x.small, keyed[V]{k, v})
		return
	}
	x.m = make(map[string]V, 2*smallIndex)
	for _, e := range x.small {
		x.m[e.key] = e.val
	}
	x.m[k] = v
	x.small = nil
}
