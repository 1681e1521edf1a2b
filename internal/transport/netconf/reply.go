package netconf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// NSBase is the NETCONF base namespace of RFC 6241.
const NSBase = "urn:ietf:params:xml:ns:netconf:base:1.0"

// reply is a parsed <rpc-reply>.
type reply struct {
	ok bool
	// data is the <data> child (get, get-config), nil when absent.
	data *xmltree.Element
	// errs are the rpc-errors, warnings included.
	errs []*RPCError
	// output are the other children: the output of a YANG rpc.
	output []*xmltree.Element
}

// failure returns a *ReplyError when the reply holds an rpc-error of
// severity error, or nil.
func (r *reply) failure() error {
	for _, e := range r.errs {
		if e.Severity != "warning" {
			return &ReplyError{Errors: r.errs}
		}
	}
	return nil
}

// parseReply decodes an <rpc-reply> in the base namespace with
// encoding/xml. Namespace prefixes in scope are tracked so that each
// error-path can be resolved.
func parseReply(b []byte) (*reply, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	start, err := firstStart(dec)
	if err != nil {
		return nil, err
	}
	if start.Name.Space != NSBase || start.Name.Local != "rpc-reply" {
		return nil, fmt.Errorf("%w: root element is {%s}%s", ErrBadReply, start.Name.Space, start.Name.Local)
	}
	scope := withDecls(nil, start.Attr)
	r := &reply{}
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadReply, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return r, nil
		case xml.StartElement:
			if err := r.child(dec, t, scope); err != nil {
				return nil, err
			}
		}
	}
}

// child decodes one child of <rpc-reply>.
func (r *reply) child(dec *xml.Decoder, se xml.StartElement, scope map[string]string) error {
	if se.Name.Local == "rpc-error" && se.Name.Space == NSBase {
		e, err := parseRPCError(dec, se, withDecls(scope, se.Attr))
		if err != nil {
			return err
		}
		r.errs = append(r.errs, e)
		return nil
	}
	el, err := xmltree.Decode(dec, se)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadReply, err)
	}
	switch {
	case el.Name.Space == NSBase && el.Name.Local == "ok":
		r.ok = true
	case el.Name.Space == NSBase && el.Name.Local == "data":
		r.data = el
	default:
		r.output = append(r.output, el)
	}
	return nil
}

// parseRPCError decodes the children of one <rpc-error>.
func parseRPCError(dec *xml.Decoder, start xml.StartElement, scope map[string]string) (*RPCError, error) {
	e := &RPCError{Severity: "error"}
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: in rpc-error: %w", ErrBadReply, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return e, nil
		case xml.StartElement:
			pathScope := withDecls(scope, t.Attr)
			el, err := xmltree.Decode(dec, t)
			if err != nil {
				return nil, fmt.Errorf("%w: in rpc-error: %w", ErrBadReply, err)
			}
			e.set(el, pathScope)
		}
	}
}

// set stores one child element of <rpc-error> in e.
func (e *RPCError) set(el *xmltree.Element, scope map[string]string) {
	switch el.Name.Local {
	case "error-type":
		e.Type = el.Text
	case "error-tag":
		e.Tag = el.Text
	case "error-severity":
		e.Severity = el.Text
	case "error-app-tag":
		e.AppTag = el.Text
	case "error-path":
		e.Path = el.Text
		if len(scope) > 0 {
			e.PathNamespaces = scope
		}
	case "error-message":
		e.Message = el.Text
	case "error-info":
		e.RawInfo = el.Children
		for _, c := range el.Children {
			if c.IsLeaf() {
				if e.Info == nil {
					e.Info = map[string]string{}
				}
				e.Info[c.Name.Local] = c.Text
			}
		}
	}
}

// firstStart returns the first start element of dec.
func firstStart(dec *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return xml.StartElement{}, fmt.Errorf("%w: empty reply", ErrBadReply)
		}
		if err != nil {
			return xml.StartElement{}, fmt.Errorf("%w: %w", ErrBadReply, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// withDecls returns scope extended with the prefixed namespace declarations
// among attrs; scope itself is never modified.
func withDecls(scope map[string]string, attrs []xml.Attr) map[string]string {
	var out map[string]string
	for _, a := range attrs {
		if a.Name.Space != "xmlns" {
			continue
		}
		if out == nil {
			out = maps.Clone(scope)
			if out == nil {
				out = map[string]string{}
			}
		}
		out[a.Name.Local] = a.Value
	}
	if out == nil {
		return scope
	}
	return out
}
