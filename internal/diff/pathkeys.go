package diff

import "strings"

// MapKeys returns path s with every key value v replaced by f(v), in the
// form Compute writes paths in.
func MapKeys(s string, f func(string) string) (string, error) {
	p, err := parsePath(s)
	if err != nil {
		return "", err
	}
	for i := range p {
		for j := range p[i].keys {
			p[i].keys[j].v = f(p[i].keys[j].v)
		}
	}
	return p.String(), nil
}

// KeyAt returns the value of key leaf key of the entry of list (a schema
// path: no keys; element names compare without module prefix) that data
// path s is at or below.
func KeyAt(s, list, key string) (string, bool) {
	p, err := parsePath(s)
	if err != nil {
		return "", false
	}
	elems := strings.Split(strings.TrimPrefix(list, "/"), "/")
	if len(p) < len(elems) {
		return "", false
	}
	for i, e := range elems {
		if localName(p[i].name) != localName(e) {
			return "", false
		}
	}
	for _, kv := range p[len(elems)-1].keys {
		if kv.k == key {
			return kv.v, true
		}
	}
	return "", false
}

// localName strips a path element's module prefix.
func localName(n string) string {
	if _, l, ok := strings.Cut(n, ":"); ok {
		return l
	}
	return n
}
