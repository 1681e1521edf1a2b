package gnmisim

import (
	"encoding/json"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/yangjson"
	"github.com/switchyard/switchyard/profiles"
)

// Native subtrees: a target whose release has a native schema (IOS-XR
// unified models) keeps what is set under a module-qualified native
// top-level path ("/Cisco-IOS-XR-um-ntp-cfg:ntp/source/interface-name") in
// a JSON tree of its own, edited and read like the OpenConfig one with the
// release's native schema, checked leaf by leaf against it, and restored
// with the rest when a confirmed commit rolls back.

// isNative reports whether elems address a native top-level node of the
// release.
func (t *Target) isNative(elems []*gpb.PathElem) bool {
	r := t.cfg.Release
	return r != nil && r.Native != nil && len(elems) > 0 && r.NativeTop(elems[0].GetName()) != nil
}

// applyNative applies one operation to the native tree, refusing what the
// release's native schema does not have.
func (t *Target) applyNative(tree map[string]any, kind gpb.UpdateResult_Operation, elems []*gpb.PathElem, tv *gpb.TypedValue) (map[string]any, error) {
	r := t.cfg.Release
	ps := pathString(elems)
	if tree == nil {
		tree = map[string]any{}
	}
	var v any
	if kind != gpb.UpdateResult_DELETE {
		var err error
		if v, err = decodeValue(tv); err != nil {
			return nil, status.Errorf(codes.InvalidArgument, "%s %s: %v", strings.ToLower(kind.String()), ps, err)
		}
		probe, err := applyTreeIn(r.NativeEntry(), map[string]any{}, kind, elems, v)
		if err != nil {
			return nil, status.Errorf(codes.NotFound, "%s %s: %v", strings.ToLower(kind.String()), ps, err)
		}
		if err := checkNative(r, probe); err != nil {
			return nil, err
		}
	}
	out, err := applyTreeIn(r.NativeEntry(), tree, kind, elems, v)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "%s %s: %v", strings.ToLower(kind.String()), ps, err)
	}
	return out, nil
}

// checkNative checks a native tree leaf by leaf against the release, with
// the codes checkRelease uses.
func checkNative(r *profiles.Profile, tree map[string]any) error {
	elems, err := yangjson.ToXML(r, tree)
	if err != nil {
		return status.Error(codes.NotFound, err.Error())
	}
	return checkNodes(r, elems)
}

// copyTree deep-copies a JSON tree (nil stays nil).
func copyTree(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	v, err := decodeJSON(b)
	if err != nil {
		return nil
	}
	out, _ := v.(map[string]any)
	return out
}

// RunningNative returns a copy of the native subtrees of running.
func (t *Target) RunningNative() map[string]any {
	t.mu.Lock()
	defer t.mu.Unlock()
	return copyTree(t.native)
}
