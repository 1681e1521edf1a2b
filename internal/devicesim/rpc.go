package devicesim

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// result is what an operation handler returns: data for the reply (nil for
// <ok/>), the errors, and whether the session ends after the reply.
type result struct {
	data *xmltree.Element
	errs []*RPCError
	end  bool
}

func fail(errs ...*RPCError) result { return result{errs: errs} }

// handle parses one message and returns the framed-payload reply and whether
// the session must end.
func (d *Device) handle(s *session, msg []byte) ([]byte, bool) {
	attrs, rpc, perr := parseRPC(msg)
	reply := xmltree.New(NSBase, "rpc-reply")
	reply.Attrs = attrs
	var res result
	switch {
	case perr != nil:
		if perr.Tag == TagMalformedMessage && !s.base11 {
			// RFC 6241 Appendix A: malformed-message must not be sent to
			// base:1.0 clients.
			perr.Tag = TagOperationFailed
		}
		res = fail(perr)
	default:
		res = d.dispatch(s, rpc)
	}
	switch {
	case len(res.errs) > 0:
		for _, e := range res.errs {
			reply.Children = append(reply.Children, e.element())
		}
		s.log.Debug("rpc failed", "op", opName(rpc), "err", res.errs[0].Error())
	case res.data != nil:
		reply.Children = append(reply.Children, res.data)
	default:
		reply.Children = append(reply.Children, xmltree.New(NSBase, "ok"))
	}
	return frame(reply), res.end
}

func opName(rpc *xmltree.Element) string {
	if rpc == nil || len(rpc.Children) == 0 {
		return ""
	}
	return rpc.Children[0].Name.Local
}

// parseRPC decodes an <rpc>. It returns the attributes to echo in the reply
// (namespace declarations other than the default one included, so prefixed
// attributes stay resolvable), the rpc element, or the error to answer with.
func parseRPC(msg []byte) ([]xml.Attr, *xmltree.Element, *RPCError) {
	dec := xml.NewDecoder(bytes.NewReader(msg))
	var start xml.StartElement
	for {
		tok, err := dec.RawToken()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, nil, newError(ErrTypeRPC, TagMalformedMessage, "empty message")
			}
			return nil, nil, newError(ErrTypeRPC, TagMalformedMessage, "malformed XML: "+err.Error())
		}
		if se, ok := tok.(xml.StartElement); ok {
			start = se
			break
		}
	}
	echo := echoAttrs(start.Attr)
	// Re-decode with namespace translation now that the raw attributes are known.
	dec = xml.NewDecoder(bytes.NewReader(msg))
	rpc, err := firstElement(dec)
	if err != nil {
		return echo, nil, newError(ErrTypeRPC, TagMalformedMessage, "malformed XML: "+err.Error())
	}
	if rpc.Name.Local != "rpc" || rpc.Name.Space != NSBase {
		e := newError(ErrTypeRPC, TagUnknownElement, "expected <rpc> in "+NSBase).
			withInfo("bad-element", rpc.Name.Local)
		return echo, nil, e
	}
	if _, ok := rpc.Attr("", "message-id"); !ok {
		e := newError(ErrTypeRPC, TagMissingAttribute, "<rpc> has no message-id attribute").
			withInfo("bad-attribute", "message-id", "bad-element", "rpc")
		return echo, nil, e
	}
	return echo, rpc, nil
}

// echoAttrs turns the raw <rpc> attributes into the reply attributes: the
// default namespace declaration is dropped (the reply declares its own),
// prefix declarations are kept as Space "xmlns" so Marshal writes them back,
// and prefixed attributes keep their prefix as Space, which Marshal resolves
// through those declarations.
func echoAttrs(raw []xml.Attr) []xml.Attr {
	var out []xml.Attr
	decl := map[string]string{}
	for _, a := range raw {
		if a.Name.Space == "xmlns" {
			decl[a.Name.Local] = a.Value
		}
	}
	for _, a := range raw {
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			continue
		case a.Name.Space == "xmlns":
			out = append(out, a)
		case a.Name.Space != "":
			uri := decl[a.Name.Space]
			if a.Name.Space == "xml" {
				uri = "http://www.w3.org/XML/1998/namespace"
			}
			out = append(out, xml.Attr{Name: xml.Name{Space: uri, Local: a.Name.Local}, Value: a.Value})
		default:
			out = append(out, a)
		}
	}
	return out
}

// firstElement decodes the first element of dec.
func firstElement(dec *xml.Decoder) (*xmltree.Element, error) {
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return xmltree.Decode(dec, se)
		}
	}
}

// dispatch runs the operation inside rpc under the device lock.
func (d *Device) dispatch(s *session, rpc *xmltree.Element) result {
	if len(rpc.Children) == 0 {
		return fail(newError(ErrTypeRPC, TagMissingElement, "<rpc> has no operation").
			withInfo("bad-element", "rpc"))
	}
	op := rpc.Children[0]
	handler := d.handler
	switch {
	case op.Name.Space == NSCiscoIA && d.hasCiscoIA():
		handler = d.ciaHandler
	case op.Name.Space == NSNotification && d.feat.notifications:
		handler = d.notifyHandler
	case op.Name.Space != NSBase:
		return fail(notSupported("operation "+op.Name.Local+" in namespace "+op.Name.Space+
			" is not supported").withInfo("bad-element", op.Name.Local))
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.sessions[s.id]; !ok {
		return result{end: true} // killed while this RPC was in flight
	}
	h := handler(op.Name.Local)
	if h == nil {
		return fail(notSupported("operation "+op.Name.Local+" is not supported").
			withInfo("bad-element", op.Name.Local))
	}
	return h(s, op)
}

// handler returns the handler of a base-namespace operation, or nil.
func (d *Device) handler(name string) func(*session, *xmltree.Element) result {
	switch name {
	case "get":
		return d.opGet
	case "get-config":
		return d.opGetConfig
	case "edit-config":
		return d.opEditConfig
	case "copy-config":
		return d.opCopyConfig
	case "delete-config":
		return d.opDeleteConfig
	case "lock":
		return d.opLock
	case "unlock":
		return d.opUnlock
	case "commit":
		return d.opCommit
	case "cancel-commit":
		return d.opCancelCommit
	case "discard-changes":
		return d.opDiscardChanges
	case "validate":
		return d.opValidate
	case "close-session":
		return d.opCloseSession
	case "kill-session":
		return d.opKillSession
	}
	return nil
}

// notifyHandler returns the handler of an RFC 5277 operation, or nil.
func (d *Device) notifyHandler(name string) func(*session, *xmltree.Element) result {
	if name == "create-subscription" {
		return d.opCreateSubscription
	}
	return nil
}
