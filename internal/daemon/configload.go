package daemon

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// maxConfigSize bounds the configuration file read.
const maxConfigSize = 1 << 20

// LoadConfig reads and validates the configuration file at path. Every
// problem found is in the diagnostics, each with file:line:col; the Config
// is nil when there are errors.
func LoadConfig(path string) (*Config, diag.Diagnostics) {
	f, err := os.Open(path)
	if err != nil {
		var ds diag.Diagnostics
		ds.Errorf(diag.Range{File: path}, "read configuration: %v", err)
		return nil, ds
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err == nil && len(data) > maxConfigSize {
		err = fmt.Errorf("file is larger than %d KiB", maxConfigSize>>10)
	}
	if err != nil {
		var ds diag.Diagnostics
		ds.Errorf(diag.Range{File: path}, "read configuration: %v", err)
		return nil, ds
	}
	return ParseConfig(path, data)
}

// ParseConfig decodes data (the content of file) strictly: unknown and
// duplicate keys are errors, with a suggestion for near misses. Defaults
// are applied, then the result is validated.
func ParseConfig(file string, data []byte) (*Config, diag.Diagnostics) {
	l := &loader{file: file, pos: map[string]diag.Range{}}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.ds.Errorf(diag.Range{File: file}, "the configuration file is empty")
		} else {
			l.ds.Append(yamlDiag(file, err))
		}
		return nil, l.ds
	}
	cfg := &Config{File: file}
	if len(doc.Content) == 1 {
		l.config(doc.Content[0], cfg)
	}
	if l.ds.HasErrors() {
		return nil, l.ds.Sort()
	}
	cfg.applyDefaults()
	l.validate(cfg)
	if l.ds.HasErrors() {
		return nil, l.ds.Sort()
	}
	return cfg, l.ds.Sort()
}

// yamlDiag turns a yaml syntax error ("yaml: line N: ...") into a
// diagnostic at that line.
func yamlDiag(file string, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	r := diag.Range{File: file}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ":"); ok {
			if line, err := strconv.Atoi(n); err == nil {
				r.Line, msg = line, strings.TrimSpace(tail)
			}
		}
	}
	return diag.Diagnostic{Severity: diag.Error, Summary: "invalid YAML: " + msg, Range: r}
}

// loader decodes yaml nodes, collecting diagnostics and the position of
// each value by its dotted path (for the validation pass).
type loader struct {
	file string
	ds   diag.Diagnostics
	pos  map[string]diag.Range
}

func (l *loader) rng(n *yaml.Node) diag.Range {
	return diag.Range{File: l.file, Line: n.Line, Col: n.Column}
}

// at returns the position recorded for path, or the file.
func (l *loader) at(path string) diag.Range {
	if r, ok := l.pos[path]; ok {
		return r
	}
	return diag.Range{File: l.file}
}

type fields map[string]func(*yaml.Node)

// mapping calls the field decoder of each key of n, reporting unknown and
// duplicate keys. path is the dotted path of n ("" for the root).
func (l *loader) mapping(n *yaml.Node, path string, f fields) {
	if n.Kind != yaml.MappingNode {
		l.ds.Errorf(l.rng(n), "%s: expected a mapping, got %s", name(path), kindOf(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if seen[key] {
			l.ds.Errorf(l.rng(k), "%s: duplicate key %q", name(path), key)
			continue
		}
		seen[key] = true
		fn, ok := f[key]
		if !ok {
			l.ds.Errorf(l.rng(k), "%s: unknown key %q%s", name(path), key, suggest(key, keys(f)))
			continue
		}
		l.pos[join(path, key)] = l.rng(v)
		fn(v)
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func name(path string) string {
	if path == "" {
		return "configuration"
	}
	return path
}

func keys(f fields) []string {
	out := make([]string, 0, len(f))
	for k := range f {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

func (l *loader) scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.ds.Errorf(l.rng(n), "%s: expected a value, got %s", what, kindOf(n))
		return "", false
	}
	return n.Value, true
}

func (l *loader) str(dst *string, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if v, ok := l.scalar(n, what); ok {
			*dst = v
		}
	}
}

func (l *loader) integer(dst *int, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		v, ok := l.scalar(n, what)
		if !ok {
			return
		}
		i, err := strconv.Atoi(v)
		if err != nil || n.Tag != "!!int" {
			l.ds.Errorf(l.rng(n), "%s: %q is not a whole number", what, v)
			return
		}
		if i < 0 {
			l.ds.Errorf(l.rng(n), "%s: must not be negative, got %d", what, i)
			return
		}
		*dst = i
	}
}

func (l *loader) boolean(dst **bool, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		v, ok := l.scalar(n, what)
		if !ok {
			return
		}
		b, err := strconv.ParseBool(v)
		if err != nil || n.Tag != "!!bool" {
			l.ds.Errorf(l.rng(n), "%s: %q is not true or false", what, v)
			return
		}
		*dst = &b
	}
}

func (l *loader) duration(dst *time.Duration, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		v, ok := l.scalar(n, what)
		if !ok {
			return
		}
		d, err := time.ParseDuration(v)
		if err != nil {
			l.ds.Errorf(l.rng(n), "%s: %q is not a duration (like 90s, 15m, 2h)", what, v)
			return
		}
		if d <= 0 {
			l.ds.Errorf(l.rng(n), "%s: must be positive, got %s", what, v)
			return
		}
		*dst = d
	}
}

func (l *loader) strList(dst *[]string, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			*dst = []string{n.Value}
			return
		}
		if n.Kind != yaml.SequenceNode {
			l.ds.Errorf(l.rng(n), "%s: expected a list, got %s", what, kindOf(n))
			return
		}
		for _, item := range n.Content {
			if v, ok := l.scalar(item, what); ok {
				*dst = append(*dst, v)
			}
		}
	}
}

// secretRef decodes {env: NAME} or {file: PATH}.
func (l *loader) secretRef(dst **models.SecretRef, path string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var ref models.SecretRef
		l.mapping(n, path, fields{
			"env":  l.str(&ref.Env, path+".env"),
			"file": l.str(&ref.File, path+".file"),
		})
		if n.Kind != yaml.MappingNode {
			return
		}
		if (ref.Env == "") == (ref.File == "") {
			l.ds.Errorf(l.rng(n), "%s: give exactly one of env or file (secrets are never written in this file)", path)
			return
		}
		*dst = &ref
	}
}

// list decodes a sequence of mappings, calling item for each with its
// index path ("groups[2]").
func (l *loader) list(path string, item func(n *yaml.Node, path string)) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.SequenceNode {
			l.ds.Errorf(l.rng(n), "%s: expected a list, got %s", path, kindOf(n))
			return
		}
		for i, it := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			l.pos[p] = l.rng(it)
			item(it, p)
		}
	}
}

// suggest returns `; did you mean "x"?` when a known key is close to got,
// else the list of known keys.
func suggest(got string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(got), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return "; known keys: " + strings.Join(slices.Sorted(slices.Values(known)), ", ")
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
