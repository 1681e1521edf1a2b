package netconf

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/scrapli/scrapligo/driver/opoptions"
	"github.com/scrapli/scrapligo/response"
	"github.com/scrapli/scrapligo/util"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// GetConfig runs <get-config> on datastore source (Running, Candidate or
// Startup) and returns the children of the reply's <data>: the top-level
// configuration nodes, empty when there is no configuration. filter, when
// not nil, is a subtree filter (RFC 6241 §6): either the single top-level
// node to select, or a <filter> element in the base namespace whose
// children are the nodes to select.
func (s *Session) GetConfig(ctx context.Context, source string, filter *xmltree.Element) ([]*xmltree.Element, error) {
	op := "get-config " + source
	if err := s.checkDatastore(source, false); err != nil {
		return nil, fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	opts := filterOptions(filter)
	rep, err := s.do(ctx, op, func(t time.Duration) (*response.NetconfResponse, error) {
		return s.drv.GetConfig(source, append(opts, opoptions.WithTimeoutOps(t))...)
	})
	return dataChildren(s, op, rep, err)
}

// Get runs <get> (configuration and state) with the optional subtree filter
// (as for GetConfig) and returns the children of the reply's <data>.
func (s *Session) Get(ctx context.Context, filter *xmltree.Element) ([]*xmltree.Element, error) {
	var f string
	if filter != nil {
		f = marshalFilter(filter)
	}
	rep, err := s.do(ctx, "get", func(t time.Duration) (*response.NetconfResponse, error) {
		return s.drv.Get(f, opoptions.WithFilterType("subtree"), opoptions.WithTimeoutOps(t))
	})
	return dataChildren(s, "get", rep, err)
}

// dataChildren returns the children of rep's <data>.
func dataChildren(s *Session, op string, rep *reply, err error) ([]*xmltree.Element, error) {
	if err != nil {
		return nil, err
	}
	if rep.data == nil {
		return nil, fmt.Errorf("%s on %s: %w: no <data> in the reply", op, s.cfg.Address, ErrBadReply)
	}
	return rep.data.Children, nil
}

// filterOptions returns the scrapligo options selecting filter.
func filterOptions(filter *xmltree.Element) []util.Option {
	if filter == nil {
		return nil
	}
	return []util.Option{opoptions.WithFilter(marshalFilter(filter)), opoptions.WithFilterType("subtree")}
}

// marshalFilter encodes the content of a subtree filter, as written inside
// <filter> in the base namespace.
func marshalFilter(filter *xmltree.Element) string {
	nodes := []*xmltree.Element{filter}
	if filter.Name.Space == NSBase && filter.Name.Local == "filter" {
		nodes = filter.Children
	}
	var b bytes.Buffer
	for _, n := range nodes {
		_ = xmltree.Encode(&b, n, NSBase)
	}
	return b.String()
}
