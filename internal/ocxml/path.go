package ocxml

import (
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// frame is one element on the path from the document root to the element
// being decoded. Frames are linked child to parent and only rendered when
// an error is reported.
type frame struct {
	parent *frame
	el     *xmltree.Element
	entry  *structInfo // set when el is a list entry: its keys name it
}

// lookupPrefix returns the namespace that prefix is bound to by a
// declaration kept on el or an ancestor (an attribute {xmlns}prefix).
func (fr *frame) lookupPrefix(prefix string) (string, bool) {
	for f := fr; f != nil; f = f.parent {
		for _, a := range f.el.Attrs {
			if a.Name.Space == "xmlns" && a.Name.Local == prefix {
				return a.Value, true
			}
		}
	}
	return "", false
}

// errorf returns an *Error for the element of fr.
func (m *model) errorf(fr *frame, tag, format string, args ...any) *Error {
	e := &Error{Tag: tag, Message: fmt.Sprintf(format, args...)}
	var frames []*frame
	for f := fr; f != nil && f.parent != nil; f = f.parent {
		frames = append(frames, f)
	}
	if len(frames) == 0 {
		return e
	}
	var plain, xp strings.Builder
	ns := map[string]string{}
	byNS := map[string]string{}
	prefix := func(space string) string {
		if p, ok := byNS[space]; ok {
			return p
		}
		p, known := m.prefixByNS[space]
		if !known || ns[p] != "" {
			p = fmt.Sprintf("ns%d", len(ns)+1)
		}
		ns[p], byNS[space] = space, p
		return p
	}
	for i := len(frames) - 1; i >= 0; i-- {
		el := frames[i].el
		p := prefix(el.Name.Space)
		plain.WriteString("/" + el.Name.Local)
		xp.WriteString("/" + p + ":" + el.Name.Local)
		if si := frames[i].entry; si != nil {
			for _, k := range si.keys {
				if kel := el.Child(k.name.Space, k.name.Local); kel != nil {
					fmt.Fprintf(&plain, "[%s=%s]", k.name.Local, kel.Text)
					fmt.Fprintf(&xp, "[%s:%s=%s]", p, k.name.Local, xpathLiteral(kel.Text))
				}
			}
		}
	}
	e.Path, e.XPath, e.Namespaces = plain.String(), xp.String(), ns
	return e
}

// xpathLiteral quotes s as an XPath 1.0 string literal.
func xpathLiteral(s string) string {
	if !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	parts := strings.Split(s, "'")
	return "concat('" + strings.Join(parts, `', "'", '`) + "')"
}
