package gnmisim

import (
	"fmt"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/profiles"
)

// checkRelease refuses an update or replace whose content the release's
// writable schema does not have: a node a deviation removed is
// Unimplemented, a node the release's modules do not have is NotFound, a
// value outside its type is InvalidArgument.
func (t *Target) checkRelease(kind gpb.UpdateResult_Operation, elems []*gpb.PathElem, v any) error {
	r := t.cfg.Release
	if r == nil || kind == gpb.UpdateResult_DELETE {
		return nil
	}
	probe, err := applyTree(map[string]any{}, kind, elems, v)
	if err != nil {
		return nil // applyOp reports it
	}
	d, err := treeDevice(probe)
	if err != nil {
		return nil
	}
	nodes, err := ocxml.Marshal(d)
	if err != nil {
		return status.Errorf(codes.Internal, "encode: %v", err)
	}
	return checkNodes(r, nodes)
}

// checkNodes checks payload nodes against the release and returns the
// first refusal as a gRPC status: Unimplemented for a node a deviation
// removed, InvalidArgument for a value outside its type, NotFound for a
// node the release's modules do not have; nil when the release takes all.
func checkNodes(r *profiles.Profile, nodes []*xmltree.Element) error {
	refusals := r.CheckXML(nodes)
	if len(refusals) == 0 {
		return nil
	}
	f := refusals[0]
	code := codes.NotFound
	switch {
	case f.Source != "":
		code = codes.Unimplemented
	case f.Tag == profiles.TagInvalidValue:
		code = codes.InvalidArgument
	}
	return status.Error(code, fmt.Sprintf("%s: %s", f.Path, f.Reason))
}
