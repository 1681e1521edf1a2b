package gnmisim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/goyang/pkg/yang"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/ocxml"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

// Set applies a SetRequest atomically, handling the Commit Confirmed
// extension (commit.go).
func (s *service) Set(ctx context.Context, req *gpb.SetRequest) (*gpb.SetResponse, error) {
	t := s.t
	if msg, ok := t.knobs.takeSetFailure(); ok {
		return nil, status.Error(codes.Internal, msg)
	}
	ext, err := commitExtension(req)
	if err != nil {
		return nil, err
	}
	if len(req.GetUnionReplace()) > 0 {
		return nil, status.Error(codes.Unimplemented, "union_replace is not supported")
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if ext != nil && ext.GetCommit() == nil {
		user, host := caller(ctx)
		return t.commitAction(ext, req, user, host)
	}
	if t.pending != nil {
		return nil, status.Errorf(codes.FailedPrecondition,
			"confirmed commit %q is pending: confirm or cancel it first", t.pending.id)
	}
	next, native, results, err := t.edit(req)
	if err != nil {
		t.log.Debug("set refused", "err", err)
		return nil, err
	}
	if ext != nil {
		t.startCommit(ext, t.running, t.native)
	}
	t.running, t.native = next, native
	t.recordCommit(caller(ctx))
	t.log.Info("running configuration changed", "ops", len(results), "confirmed", ext != nil)
	return &gpb.SetResponse{Prefix: req.GetPrefix(), Response: results, Timestamp: t.cfg.Clock.Now().UnixNano()}, nil
}

// edit applies the operations of req to a copy of running: deletes, then
// replaces, then updates, in request order. It returns the new
// configuration or a status error naming the operation that failed.
func (t *Target) edit(req *gpb.SetRequest) (*oc.Device, map[string]any, []*gpb.UpdateResult, error) {
	tree, err := deviceTree(t.running)
	if err != nil {
		return nil, nil, nil, status.Errorf(codes.Internal, "read running: %v", err)
	}
	native := copyTree(t.native)
	var results []*gpb.UpdateResult
	var touched []string
	apply := func(kind gpb.UpdateResult_Operation, p *gpb.Path, tv *gpb.TypedValue) error {
		full, err := fullPath(req.GetPrefix(), p)
		if err != nil {
			return status.Errorf(codes.InvalidArgument, "%s: %v", strings.ToLower(kind.String()), err)
		}
		ps := pathString(full.GetElem())
		if t.isNative(full.GetElem()) {
			if native, err = t.applyNative(native, kind, full.GetElem(), tv); err != nil {
				return err
			}
			results = append(results, &gpb.UpdateResult{Path: p, Op: kind})
			return nil
		}
		if tree, err = t.applyOp(tree, kind, full.GetElem(), tv); err != nil {
			return status.Errorf(codes.InvalidArgument, "%s %s: %v", strings.ToLower(kind.String()), ps, err)
		}
		if v, err := decodeValue(tv); err == nil || kind == gpb.UpdateResult_DELETE {
			if err := t.checkRelease(kind, full.GetElem(), v); err != nil {
				return err
			}
		}
		results = append(results, &gpb.UpdateResult{Path: p, Op: kind})
		touched = append(touched, ps)
		return nil
	}
	for _, p := range req.GetDelete() {
		if err := apply(gpb.UpdateResult_DELETE, p, nil); err != nil {
			return nil, nil, nil, err
		}
	}
	for _, u := range req.GetReplace() {
		if err := apply(gpb.UpdateResult_REPLACE, u.GetPath(), u.GetVal()); err != nil {
			return nil, nil, nil, err
		}
	}
	for _, u := range req.GetUpdate() {
		if err := apply(gpb.UpdateResult_UPDATE, u.GetPath(), u.GetVal()); err != nil {
			return nil, nil, nil, err
		}
	}
	next, err := treeDevice(tree)
	if err != nil {
		return nil, nil, nil, status.Errorf(codes.InvalidArgument, "set %s: %v", strings.Join(touched, ", "), err)
	}
	storeSecrets(next)
	storeNativeSecrets(native)
	// ocxml.ValidateDevice returns what next.Validate() would, without
	// ygot's walk of the whole schema for leafrefs.
	if err := ocxml.ValidateDevice(next); err != nil {
		return nil, nil, nil, status.Errorf(codes.InvalidArgument,
			"set %s: resulting configuration is invalid: %v", strings.Join(touched, ", "), err)
	}
	return next, native, results, nil
}

// applyOp applies one operation to tree and checks that the result still
// fits the schema, so that errors name the operation's path.
func (t *Target) applyOp(tree map[string]any, kind gpb.UpdateResult_Operation, elems []*gpb.PathElem, tv *gpb.TypedValue) (map[string]any, error) {
	var v any
	if kind != gpb.UpdateResult_DELETE {
		var err error
		if v, err = decodeValue(tv); err != nil {
			return nil, err
		}
	}
	if r := t.knobs.rejected(kind, elems, v); r != nil {
		return nil, fmt.Errorf("rejected by the platform at %s: %s", r.raw, r.message)
	}
	tree, err := applyTree(tree, kind, elems, v)
	if err != nil {
		return nil, err
	}
	if _, err := treeDevice(tree); err != nil {
		return nil, err
	}
	return tree, nil
}

// applyTree applies one operation to the JSON tree.
func applyTree(tree map[string]any, kind gpb.UpdateResult_Operation, elems []*gpb.PathElem, v any) (map[string]any, error) {
	return applyTreeIn(rootSchema(), tree, kind, elems, v)
}

// applyTreeIn is applyTree in a tree whose schema is schemaRoot.
func applyTreeIn(schemaRoot *yang.Entry, tree map[string]any, kind gpb.UpdateResult_Operation, elems []*gpb.PathElem, v any) (map[string]any, error) {
	if len(elems) == 0 {
		switch kind {
		case gpb.UpdateResult_DELETE:
			return map[string]any{}, nil
		case gpb.UpdateResult_REPLACE:
			obj, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("value for the root must be a JSON object, not %T", v)
			}
			return obj, nil
		}
		merged, err := mergeObject(tree, v, schemaRoot)
		if err != nil {
			return nil, err
		}
		obj, _ := merged.(map[string]any)
		if obj == nil {
			return nil, fmt.Errorf("value for the root must be a JSON object, not %T", v)
		}
		return obj, nil
	}
	sl, err := descendIn(schemaRoot, tree, elems, kind != gpb.UpdateResult_DELETE)
	switch {
	case kind == gpb.UpdateResult_DELETE && errors.Is(err, errNotFound):
		return tree, nil // deleting what does not exist is not an error (gNMI §3.4.6)
	case err != nil:
		return nil, err
	case kind == gpb.UpdateResult_DELETE:
		sl.remove()
		return tree, nil
	case kind == gpb.UpdateResult_REPLACE:
		return tree, sl.put(v)
	}
	cur, err := sl.get()
	if errors.Is(err, errNotFound) {
		return tree, sl.put(v)
	}
	merged, err := merge(cur, v, sl.schema)
	if err != nil {
		return nil, err
	}
	return tree, sl.put(merged)
}

// decodeValue turns a TypedValue into a JSON tree value.
func decodeValue(tv *gpb.TypedValue) (any, error) {
	switch v := tv.GetValue().(type) {
	case *gpb.TypedValue_JsonIetfVal:
		return decodeJSON(v.JsonIetfVal)
	case *gpb.TypedValue_JsonVal:
		return decodeJSON(v.JsonVal)
	case *gpb.TypedValue_StringVal:
		return v.StringVal, nil
	case *gpb.TypedValue_AsciiVal:
		return v.AsciiVal, nil
	case *gpb.TypedValue_BoolVal:
		return v.BoolVal, nil
	case *gpb.TypedValue_UintVal:
		return json.Number(strconv.FormatUint(v.UintVal, 10)), nil
	case *gpb.TypedValue_IntVal:
		return json.Number(strconv.FormatInt(v.IntVal, 10)), nil
	case *gpb.TypedValue_DoubleVal:
		return json.Number(strconv.FormatFloat(v.DoubleVal, 'g', -1, 64)), nil
	case *gpb.TypedValue_LeaflistVal:
		out := make([]any, 0, len(v.LeaflistVal.GetElement()))
		for _, e := range v.LeaflistVal.GetElement() {
			ev, err := decodeValue(e)
			if err != nil {
				return nil, err
			}
			out = append(out, ev)
		}
		return out, nil
	case nil:
		return nil, errors.New("the update has no value")
	default:
		return nil, fmt.Errorf("value encoding %T is not supported; use JSON_IETF", v)
	}
}
