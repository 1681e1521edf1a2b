package gnmisession

import (
	"context"
	"fmt"

	"github.com/openconfig/ygot/ygot"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/yangjson"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// managedPaths are the top-level OpenConfig paths switchyard manages and
// Observe reads.
var managedPaths = []string{"/interfaces", "/system", "/network-instances", "/acl", "/defined-sets", "/lacp"}

// Observe reads the configuration under the top-level paths switchyard
// manages (/interfaces, /system, /network-instances, /acl, /defined-sets,
// /lacp). A path the device has no data for is empty in the result. It
// asks for all paths in one Get and, when the device answers NotFound (a
// path without data fails the whole request), asks path by path.
func (s *Session) Observe(ctx context.Context) (*providers.Running, error) {
	tree, err := s.c.Get(ctx, managedPaths...)
	if status.Code(err) == codes.NotFound {
		tree, err = s.getEach(ctx)
	}
	if err != nil {
		return nil, err
	}
	native, err := s.observeNative(ctx)
	if err != nil {
		return nil, err
	}
	digest, err := plan.Digest(tree, yangjson.DigestText(native))
	if err != nil {
		return nil, err
	}
	return &providers.Running{Tree: tree, Native: native, Digest: digest}, nil
}

// getEach reads each managed path on its own, skipping those without data.
func (s *Session) getEach(ctx context.Context) (*oc.Device, error) {
	tree := &oc.Device{}
	for _, p := range managedPaths {
		part, err := s.c.Get(ctx, p)
		if status.Code(err) == codes.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := ygot.MergeStructInto(tree, part); err != nil {
			return nil, fmt.Errorf("read %s of %s: %w", p, s.target.Name, err)
		}
	}
	return tree, nil
}
