package netconf

import (
	"bytes"
	"context"
	"time"

	"github.com/scrapli/scrapligo/driver/opoptions"
	"github.com/scrapli/scrapligo/response"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// rpc sends the operation element body inside an <rpc> (scrapligo adds the
// envelope and message-id). body is encoded with xmltree, so every name,
// attribute and text is escaped; elements in the base namespace inherit
// the envelope's default namespace.
func (s *Session) rpc(ctx context.Context, op string, body *xmltree.Element) (*reply, error) {
	var b bytes.Buffer
	_ = xmltree.Encode(&b, body, NSBase)
	payload := b.String()
	return s.do(ctx, op, func(t time.Duration) (*response.NetconfResponse, error) {
		return s.drv.RPC(opoptions.WithFilter(payload), opoptions.WithTimeoutOps(t))
	})
}

// datastoreParam returns <param><name/></param> in the base namespace, as
// in <target><candidate/></target>.
func datastoreParam(param, name string) *xmltree.Element {
	return xmltree.New(NSBase, param, xmltree.New(NSBase, name))
}
