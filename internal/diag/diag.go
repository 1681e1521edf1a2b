package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a diagnostic stops the pipeline.
type Severity int

const (
	// Error means the input cannot be used; nothing is pushed.
	Error Severity = iota
	// Warning means the input is usable but probably not what the user meant.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Range is a position in a source file. Line and Col are 1-based; a zero
// Line means the diagnostic is about the whole file (or no file at all when
// File is empty too).
type Range struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// String formats the range as file:line:col, omitting unknown parts.
func (r Range) String() string {
	switch {
	case r.File == "":
		return ""
	case r.Line == 0:
		return r.File
	case r.Col == 0:
		return fmt.Sprintf("%s:%d", r.File, r.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Col)
	}
}

// Compare orders ranges by file, line, then column.
func (r Range) Compare(o Range) int {
	return cmp.Or(strings.Compare(r.File, o.File), cmp.Compare(r.Line, o.Line), cmp.Compare(r.Col, o.Col))
}

// Diagnostic is one problem found in user input.
type Diagnostic struct {
	Severity Severity `json:"-"`
	Summary  string   `json:"summary"`
	Detail   string   `json:"detail,omitempty"`
	Range    Range    `json:"range"`
}

// String formats the diagnostic as "file:line:col: error: summary (detail)".
func (d Diagnostic) String() string {
	var b strings.Builder
	if loc := d.Range.String(); loc != "" {
		b.WriteString(loc)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(": ")
		b.WriteString(d.Detail)
	}
	return b.String()
}

// Diagnostics is a list of problems. The zero value (nil) means none.
type Diagnostics []Diagnostic

// Errorf appends an error diagnostic at r.
func (ds *Diagnostics) Errorf(r Range, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Error, Summary: fmt.Sprintf(format, args...), Range: r})
}

// Warnf appends a warning diagnostic at r.
func (ds *Diagnostics) Warnf(r Range, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Warning, Summary: fmt.Sprintf(format, args...), Range: r})
}

// Append adds all of more to ds.
func (ds *Diagnostics) Append(more ...Diagnostic) {
	*ds = append(*ds, more...)
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders the diagnostics by range, then summary, and drops exact
// duplicates.
func (ds Diagnostics) Sort() Diagnostics {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(a.Range.Compare(b.Range), strings.Compare(a.Summary, b.Summary))
	})
	return slices.Compact(ds)
}

// Err returns nil when there are no errors, or an *Error holding every
// diagnostic (warnings included) otherwise.
func (ds Diagnostics) Err() error {
	if !ds.HasErrors() {
		return nil
	}
	return &ErrorList{Diagnostics: ds.Sort()}
}

// String formats one diagnostic per line.
func (ds Diagnostics) String() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// ErrorList is the error form of a Diagnostics list that has errors.
type ErrorList struct {
	Diagnostics Diagnostics
}

// Error returns every diagnostic, one per line.
func (e *ErrorList) Error() string {
	return e.Diagnostics.String()
}

// From returns the diagnostics held by err when err is (or wraps) an
// *ErrorList, and nil otherwise.
func From(err error) Diagnostics {
	var el *ErrorList
	if errors.As(err, &el) {
		return el.Diagnostics
	}
	return nil
}
