package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
)

// Element is one XML element. The zero value is an element with no name.
// An Element is not safe for concurrent mutation; Clone it before sharing.
type Element struct {
	// Name holds the namespace URI in Space and the local name in Local.
	Name xml.Name
	// Attrs are the element's attributes, namespace declarations excluded.
	// Attr.Name.Space holds the namespace URI of a prefixed attribute.
	Attrs []xml.Attr
	// Text is the element's character data with surrounding white space
	// removed; it is empty when the element has children.
	Text string
	// Children are the child elements in document order.
	Children []*Element
}

// ErrNoElement is returned by Parse when the input holds no element.
var ErrNoElement = errors.New("xmltree: no element in input")

// New returns an element named local in namespace space with the given children.
func New(space, local string, children ...*Element) *Element {
	return &Element{Name: xml.Name{Space: space, Local: local}, Children: children}
}

// NewLeaf returns a childless element named local in namespace space holding text.
func NewLeaf(space, local, text string) *Element {
	return &Element{Name: xml.Name{Space: space, Local: local}, Text: text}
}

// Parse decodes the first element of b, ignoring what follows it.
func Parse(b []byte) (*Element, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil, ErrNoElement
		}
		if err != nil {
			return nil, fmt.Errorf("xmltree: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return Decode(d, se)
		}
	}
}

// MustParse is Parse for literals in tests and examples; it panics on error.
func MustParse(s string) *Element {
	e, err := Parse([]byte(s))
	if err != nil {
		panic(err)
	}
	return e
}

// Decode reads the element that start opened from d, up to and including its
// end tag. d must have just returned start.
func Decode(d *xml.Decoder, start xml.StartElement) (*Element, error) {
	if !isName(start.Name.Local) {
		return nil, fmt.Errorf("xmltree: invalid element name %q", start.Name.Local)
	}
	e := &Element{Name: start.Name, Attrs: plainAttrs(start.Attr)}
	for _, a := range e.Attrs {
		if !isName(a.Name.Local) {
			return nil, fmt.Errorf("xmltree: invalid attribute name %q", a.Name.Local)
		}
	}
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("xmltree: in <%s>: %w", start.Name.Local, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			c, err := Decode(d, t)
			if err != nil {
				return nil, err
			}
			e.Children = append(e.Children, c)
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(e.Children) == 0 {
				e.Text = strings.TrimSpace(text.String())
			}
			return e, nil
		}
	}
}

// plainAttrs drops namespace declarations from attrs.
func plainAttrs(attrs []xml.Attr) []xml.Attr {
	var out []xml.Attr
	for _, a := range attrs {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		out = append(out, a)
	}
	return out
}

// Clone returns a deep copy of e; Clone of nil is nil.
func (e *Element) Clone() *Element {
	if e == nil {
		return nil
	}
	c := &Element{Name: e.Name, Text: e.Text, Attrs: slices.Clone(e.Attrs)}
	if len(e.Children) > 0 {
		c.Children = make([]*Element, len(e.Children))
		for i, ch := range e.Children {
			c.Children[i] = ch.Clone()
		}
	}
	return c
}

// Equal reports whether e and o are the same tree: same names, attributes
// (in order), text and children (in order).
func (e *Element) Equal(o *Element) bool {
	if e == nil || o == nil {
		return e == o
	}
	if e.Name != o.Name || e.Text != o.Text || !slices.Equal(e.Attrs, o.Attrs) ||
		len(e.Children) != len(o.Children) {
		return false
	}
	for i := range e.Children {
		if !e.Children[i].Equal(o.Children[i]) {
			return false
		}
	}
	return true
}

// Child returns the first child named local in namespace space, or nil. An
// empty space matches any namespace.
func (e *Element) Child(space, local string) *Element {
	if e == nil {
		return nil
	}
	for _, c := range e.Children {
		if c.Name.Local == local && (space == "" || c.Name.Space == space) {
			return c
		}
	}
	return nil
}

// Attr returns the value of the attribute named local in namespace space and
// whether it is present. An empty space matches only unqualified attributes.
func (e *Element) Attr(space, local string) (string, bool) {
	for _, a := range e.Attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// IsLeaf reports whether e has no children.
func (e *Element) IsLeaf() bool { return len(e.Children) == 0 }

// isName reports whether s is a valid XML local name (NCName), which the
// decoder does not check after a prefix.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || unicode.IsLetter(r)
		if !letter && (i == 0 || !(r == '-' || r == '.' || unicode.IsDigit(r) ||
			unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == 0xB7)) {
			return false
		}
	}
	return true
}
