package gnmisession

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/internal/yangjson"
	"github.com/switchyard/switchyard/providers"
)

// observeNative reads the native top-level nodes the release profile keeps
// (module-qualified paths such as "/Cisco-IOS-XR-um-ntp-cfg:ntp"), one Get
// each, skipping those without data; nil without a profile.
func (s *Session) observeNative(ctx context.Context) (map[string]any, error) {
	p := s.target.Profile
	if p == nil || p.Native == nil {
		return nil, nil
	}
	tops := make([]string, 0, len(p.Native.Children))
	for name, n := range p.Native.Children {
		tops = append(tops, n.Module+":"+name)
	}
	slices.Sort(tops)
	raw := map[string]any{}
	for _, top := range tops {
		js, err := s.c.GetJSON(ctx, "/"+top)
		if status.Code(err) == codes.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		if len(js) == 0 {
			continue
		}
		var v any
		if err := json.Unmarshal(js, &v); err != nil {
			return nil, fmt.Errorf("read %s of %s: %w", top, s.target.Name, err)
		}
		if m, ok := v.(map[string]any); ok && len(m) == 0 {
			continue
		}
		raw[top] = v
	}
	if len(raw) == 0 {
		return nil, nil
	}
	return yangjson.NormalizeTree(p, raw), nil
}

// nativeSet adds the native changes of changes to req: a delete per
// Delete, an update per created or updated leaf (a replace for a
// leaf-list), each at its module-qualified path with its RFC 7951 value.
// It returns the OpenConfig changes, for buildSet.
func nativeSet(req *gnmi.SetRequest, changes []providers.Change) []providers.Change {
	var oc []providers.Change
	for _, c := range changes {
		if diff.Route(c.Path) != diff.RouteNative {
			oc = append(oc, c)
			continue
		}
		switch {
		case c.Op == diff.Delete:
			req.Deletes = append(req.Deletes, c.Path)
		case isLeafList(c.After):
			req.Replaces = append(req.Replaces, gnmi.Update{Path: c.Path, Value: c.After})
		default:
			req.Updates = append(req.Updates, gnmi.Update{Path: c.Path, Value: c.After})
		}
	}
	return oc
}

func isLeafList(v any) bool {
	_, ok := v.([]any)
	return ok
}
