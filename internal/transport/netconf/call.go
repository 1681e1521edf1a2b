package netconf

import (
	"context"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Call sends body, an operation that a YANG module defines as an rpc (for
// example cisco-ia's <rollback xmlns="http://cisco.com/yang/cisco-ia">), and
// returns the output nodes of the reply (empty for <ok/>). An rpc-error
// answer is a *ReplyError, as for every other operation. The caller checks
// that the device advertises the module first.
func (s *Session) Call(ctx context.Context, body *xmltree.Element) ([]*xmltree.Element, error) {
	rep, err := s.rpc(ctx, body.Name.Local, body)
	if err != nil {
		return nil, err
	}
	return rep.output, nil
}
