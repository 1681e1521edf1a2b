package inventory

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Selector matches devices by their labels. Its syntax follows Kubernetes
// label selectors: comma-separated requirements that must all hold, each one
// of `key = value` (or `==`), `key != value`, `key in (a, b)`,
// `key notin (a, b)`, `key` (the label exists) and `!key` (it does not).
type Selector struct {
	reqs []requirement
	text string
}

type requirement struct {
	key    string
	op     string // "=", "!=", "in", "notin", "exists", "!exists"
	values []string
}

var labelRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9_./-]{0,61}[A-Za-z0-9])?$`)

// ParseSelector parses a selector. The error says what is wrong and at which
// character (1-based) of s.
func ParseSelector(s string) (*Selector, error) {
	sel := &Selector{text: strings.TrimSpace(s)}
	if sel.text == "" {
		return nil, fmt.Errorf("empty selector")
	}
	for _, part := range splitTop(s) {
		r, err := parseRequirement(part.text)
		if err != nil {
			return nil, fmt.Errorf("at character %d: %w", part.offset+1, err)
		}
		sel.reqs = append(sel.reqs, r)
	}
	return sel, nil
}

// String returns the selector as written.
func (s *Selector) String() string { return s.text }

// Matches reports whether labels satisfy every requirement.
func (s *Selector) Matches(labels map[string]string) bool {
	for _, r := range s.reqs {
		v, has := labels[r.key]
		var ok bool
		switch r.op {
		case "=":
			ok = has && v == r.values[0]
		case "!=":
			ok = !has || v != r.values[0]
		case "in":
			ok = has && slices.Contains(r.values, v)
		case "notin":
			ok = !has || !slices.Contains(r.values, v)
		case "exists":
			ok = has
		case "!exists":
			ok = !has
		}
		if !ok {
			return false
		}
	}
	return true
}

type part struct {
	text   string
	offset int
}

// splitTop splits s at commas outside parentheses.
func splitTop(s string) []part {
	var parts []part
	depth, start := 0, 0
	for i, c := range s {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, part{s[start:i], start})
				start = i + 1
			}
		}
	}
	return append(parts, part{s[start:], start})
}

func parseRequirement(s string) (requirement, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return requirement{}, fmt.Errorf("empty requirement (stray comma?)")
	}
	if key, ok := strings.CutPrefix(t, "!"); ok {
		return requirement{key: strings.TrimSpace(key), op: "!exists"}, checkKey(strings.TrimSpace(key))
	}
	for _, op := range []string{"!=", "==", "="} {
		if key, val, ok := strings.Cut(t, op); ok {
			r := requirement{key: strings.TrimSpace(key), op: op, values: []string{strings.TrimSpace(val)}}
			if op == "==" {
				r.op = "="
			}
			if err := checkKey(r.key); err != nil {
				return r, err
			}
			return r, checkValue(r.values[0])
		}
	}
	fields := strings.Fields(t)
	if len(fields) == 1 {
		return requirement{key: fields[0], op: "exists"}, checkKey(fields[0])
	}
	if len(fields) < 2 || (fields[1] != "in" && fields[1] != "notin" && !strings.HasPrefix(fields[1], "in(") && !strings.HasPrefix(fields[1], "notin(")) {
		return requirement{}, fmt.Errorf("%q: want key = value, key != value, key in (a, b), key notin (a, b), key or !key", t)
	}
	return parseSet(t, fields[0])
}

func parseSet(t, key string) (requirement, error) {
	rest := strings.TrimSpace(strings.TrimPrefix(t, key))
	op := "in"
	if strings.HasPrefix(rest, "notin") {
		op = "notin"
	}
	rest = strings.TrimSpace(strings.TrimPrefix(rest, op))
	if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
		return requirement{}, fmt.Errorf("%q: the values of %s must be in parentheses, like %s %s (a, b)", t, op, key, op)
	}
	r := requirement{key: key, op: op}
	for v := range strings.SplitSeq(rest[1:len(rest)-1], ",") {
		v = strings.TrimSpace(v)
		if err := checkValue(v); err != nil || v == "" {
			return r, fmt.Errorf("%q: bad value %q in set", t, v)
		}
		r.values = append(r.values, v)
	}
	return r, checkKey(key)
}

func checkKey(k string) error {
	if !labelRE.MatchString(k) {
		return fmt.Errorf("%q is not a valid label key", k)
	}
	return nil
}

func checkValue(v string) error {
	if v != "" && !labelRE.MatchString(v) {
		return fmt.Errorf("%q is not a valid label value", v)
	}
	return nil
}
