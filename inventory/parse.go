package inventory

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
	"go.yaml.in/yaml/v3"
)

// parsedFile is one file turned into values, one per non-empty YAML
// document, with the problems found doing so.
type parsedFile struct {
	docs []*value
	ds   diag.Diagnostics
}

// parseFile parses one file, which may hold several YAML documents. A
// document that would expand to too many values is rejected whole, before
// any expansion.
func parseFile(name string, data []byte) parsedFile {
	var pf parsedFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return pf
		}
		if err != nil {
			pf.ds.Append(yamlError(name, data, err))
			return pf
		}
		if expandedSize(&n) > maxValues {
			pf.ds.Errorf(diag.Range{File: name, Line: n.Line, Col: n.Column},
				"document expands to more than %d values (alias expansion?); it was not read", maxValues)
			continue
		}
		c := &converter{file: name, ds: &pf.ds, budget: maxValues}
		if v := c.fromNode(&n, 0); v.kind != kindNull {
			pf.docs = append(pf.docs, v)
		}
	}
}

// yamlParserErrors are the problems yaml.v3 reports from its parser, not
// its scanner: their line is 0-based (yaml.v3 adds one for scanner errors
// only), so one is added here.
var yamlParserErrors = []string{
	"did not find expected",
	"found undefined tag handle",
	"found duplicate %YAML directive",
	"found duplicate %TAG directive",
	"found incompatible YAML document",
}

// yamlError turns a YAML syntax error into a diagnostic with its line (0,
// the whole file, when yaml.v3 gives none).
func yamlError(file string, data []byte, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, col := 0, 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		num, after, found := strings.Cut(rest, ": ")
		if n := atoiOr(num, 0); found && n > 0 {
			line, msg = n, after
		}
	}
	if line > 0 && slices.ContainsFunc(yamlParserErrors, func(p string) bool { return strings.HasPrefix(msg, p) }) {
		line++
	}
	if strings.Contains(msg, "tab character") {
		line, col = indentTab(data, max(line, 1))
	}
	return diag.Diagnostic{Severity: diag.Error, Summary: "invalid YAML: " + msg, Range: diag.Range{File: file, Line: line, Col: col}}
}

// indentTab finds the first tab in the indentation of a line at or after
// from (yaml.v3 reports the line where the enclosing value began) and returns
// its line and column; it returns from and 0 when there is none.
func indentTab(data []byte, from int) (line, col int) {
	for i, l := range strings.Split(string(data), "\n") {
		if i+1 < from {
			continue
		}
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if c := strings.IndexByte(l[:indent], '\t'); c >= 0 {
			return i + 1, c + 1
		}
	}
	return from, 0
}
