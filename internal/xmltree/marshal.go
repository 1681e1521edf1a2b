package xmltree

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Marshal returns the canonical encoding of e: no XML declaration, no
// indentation, a default namespace declaration wherever the namespace differs
// from the parent's, prefixes ns1, ns2, ... for namespace-qualified attributes,
// and empty elements written as <name/>.
func Marshal(e *Element) []byte {
	var b bytes.Buffer
	_ = Encode(&b, e, "")
	return b.Bytes()
}

// MarshalChildren returns the canonical encoding of e's children, written as
// if their parent element were in namespace parentSpace.
func MarshalChildren(e *Element, parentSpace string) []byte {
	var b bytes.Buffer
	for _, c := range e.Children {
		_ = Encode(&b, c, parentSpace)
	}
	return b.Bytes()
}

// Encode writes the canonical encoding of e to w, as if e's parent element
// were in namespace parentSpace, and returns the first write error.
func Encode(w io.Writer, e *Element, parentSpace string) error {
	ew := &errWriter{w: w}
	encode(ew, e, parentSpace)
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (ew *errWriter) str(s string) {
	if ew.err == nil {
		_, ew.err = io.WriteString(ew.w, s)
	}
}

func (ew *errWriter) escaped(s string) {
	if ew.err == nil {
		ew.err = xml.EscapeText(ew.w, []byte(s))
	}
}

func encode(w *errWriter, e *Element, parentSpace string) {
	w.str("<" + e.Name.Local)
	if e.Name.Space != parentSpace {
		w.str(` xmlns="`)
		w.escaped(e.Name.Space)
		w.str(`"`)
	}
	writeAttrs(w, e.Attrs)
	if len(e.Children) == 0 && e.Text == "" {
		w.str("/>")
		return
	}
	w.str(">")
	if len(e.Children) == 0 {
		w.escaped(e.Text)
	}
	for _, c := range e.Children {
		encode(w, c, e.Name.Space)
	}
	w.str("</" + e.Name.Local + ">")
}

// xmlNS is the namespace bound to the reserved prefix "xml".
const xmlNS = "http://www.w3.org/XML/1998/namespace"

// writeAttrs writes attrs. An attribute whose Name.Space is "xmlns" is written
// as the namespace declaration xmlns:Local; any other qualified attribute uses
// the prefix declared that way on the same element, "xml" for the XML
// namespace, or a generated prefix ns1, ns2, ... declared on the spot.
func writeAttrs(w *errWriter, attrs []xml.Attr) {
	prefixes := map[string]string{xmlNS: "xml"}
	for _, a := range attrs {
		if a.Name.Space == "xmlns" {
			prefixes[a.Value] = a.Name.Local
			writeAttr(w, "xmlns:"+a.Name.Local, a.Value)
		}
	}
	generated := 0
	for _, a := range attrs {
		if a.Name.Space == "xmlns" {
			continue
		}
		name := a.Name.Local
		if a.Name.Space != "" {
			p, ok := prefixes[a.Name.Space]
			if !ok {
				generated++
				p = fmt.Sprintf("ns%d", generated)
				prefixes[a.Name.Space] = p
				writeAttr(w, "xmlns:"+p, a.Name.Space)
			}
			name = p + ":" + name
		}
		writeAttr(w, name, a.Value)
	}
}

func writeAttr(w *errWriter, name, value string) {
	w.str(" " + name + `="`)
	w.escaped(value)
	w.str(`"`)
}

// String returns the canonical encoding of e as a string; it is meant for
// logs and test failure messages.
func (e *Element) String() string {
	if e == nil {
		return "<nil>"
	}
	return strings.TrimSpace(string(Marshal(e)))
}
