package gnmisim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/goyang/pkg/yang"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

// GNMIVersion is the gNMI specification version the target reports.
const GNMIVersion = "0.10.0"

// service implements the gNMI service of a Target.
type service struct {
	gpb.UnimplementedGNMIServer
	t *Target
}

// Capabilities reports the JSON_IETF encoding and the modules of the
// target's release (name and revision as version), or, without a release,
// the OpenConfig modules of models/openconfig.
func (s *service) Capabilities(context.Context, *gpb.CapabilityRequest) (*gpb.CapabilityResponse, error) {
	if r := s.t.cfg.Release; r != nil {
		models := make([]*gpb.ModelData, 0, len(r.Modules))
		for _, m := range r.Modules {
			models = append(models, &gpb.ModelData{Name: m.Name, Version: m.Revision, Organization: organization(m.Name)})
		}
		return &gpb.CapabilityResponse{SupportedModels: models, SupportedEncodings: []gpb.Encoding{gpb.Encoding_JSON_IETF}, GNMIVersion: GNMIVersion}, nil
	}
	names := make([]string, 0, len(oc.YANGModules))
	for m := range oc.YANGModules {
		names = append(names, m)
	}
	slices.Sort(names)
	models := make([]*gpb.ModelData, len(names))
	for i, m := range names {
		models[i] = &gpb.ModelData{Name: m, Organization: organization(m)}
	}
	return &gpb.CapabilityResponse{
		SupportedModels:    models,
		SupportedEncodings: []gpb.Encoding{gpb.Encoding_JSON_IETF},
		GNMIVersion:        GNMIVersion,
	}, nil
}

// organization is the ModelData organization of a module name.
func organization(module string) string {
	switch {
	case strings.HasPrefix(module, "openconfig-"):
		return "OpenConfig working group"
	case strings.HasPrefix(strings.ToLower(module), "cisco"):
		return "Cisco Systems, Inc."
	}
	return "IETF"
}

// Get answers each requested path with one JSON_IETF (or, when asked for,
// JSON) value from running. A path without data is NotFound. The target
// keeps configuration only, so STATE and OPERATIONAL requests return no
// updates.
func (s *service) Get(_ context.Context, req *gpb.GetRequest) (*gpb.GetResponse, error) {
	if p := req.GetPath(); len(p) == 1 && p[0].GetOrigin() == CommitListOrigin {
		n, err := s.t.getCommitList(p[0], s.t.cfg.Clock.Now().UnixNano())
		if err != nil {
			return nil, err
		}
		return &gpb.GetResponse{Notification: []*gpb.Notification{n}}, nil
	}
	enc := req.GetEncoding()
	if enc != gpb.Encoding_JSON_IETF && enc != gpb.Encoding_JSON {
		return nil, status.Errorf(codes.Unimplemented, "encoding %s is not supported; use JSON_IETF", enc)
	}
	paths := req.GetPath()
	if len(paths) == 0 {
		paths = []*gpb.Path{{}}
	}
	t := s.t
	t.mu.Lock()
	tree, err := deviceTree(t.running)
	native := copyTree(t.native)
	t.mu.Unlock()
	if err != nil {
		return nil, status.Errorf(codes.Internal, "read running: %v", err)
	}
	now := t.cfg.Clock.Now().UnixNano()
	resp := &gpb.GetResponse{}
	for _, p := range paths {
		n := &gpb.Notification{Timestamp: now, Prefix: req.GetPrefix()}
		resp.Notification = append(resp.Notification, n)
		if dt := req.GetType(); dt == gpb.GetRequest_STATE || dt == gpb.GetRequest_OPERATIONAL {
			continue
		}
		full, err := fullPath(req.GetPrefix(), p)
		if err != nil {
			return nil, status.Errorf(codes.InvalidArgument, "get: %v", err)
		}
		schema, data := rootSchema(), tree
		if t.isNative(full.GetElem()) {
			schema, data = t.cfg.Release.NativeEntry(), native
			if data == nil {
				data = map[string]any{}
			}
		}
		upd, err := getUpdate(schema, data, full.GetElem(), enc)
		if err != nil {
			return nil, err
		}
		upd.Path = p
		n.Update = []*gpb.Update{upd}
	}
	return resp, nil
}

// getUpdate encodes the value at elems.
func getUpdate(schema *yang.Entry, tree map[string]any, elems []*gpb.PathElem, enc gpb.Encoding) (*gpb.Update, error) {
	var v any = tree
	if len(elems) > 0 {
		sl, err := descendIn(schema, tree, elems, false)
		if err == nil {
			v, err = sl.get()
		}
		switch {
		case errors.Is(err, errNotFound):
			return nil, status.Errorf(codes.NotFound, "get %s: no data", pathString(elems))
		case err != nil:
			return nil, status.Errorf(codes.InvalidArgument, "get %s: %v", pathString(elems), err)
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "get %s: encode: %v", pathString(elems), err)
	}
	if enc == gpb.Encoding_JSON {
		return &gpb.Update{Val: &gpb.TypedValue{Value: &gpb.TypedValue_JsonVal{JsonVal: b}}}, nil
	}
	return &gpb.Update{Val: &gpb.TypedValue{Value: &gpb.TypedValue_JsonIetfVal{JsonIetfVal: b}}}, nil
}

// fullPath joins prefix and p, checking the origin: only "" and
// "openconfig" are served. The deprecated string elements are refused.
func fullPath(prefix, p *gpb.Path) (*gpb.Path, error) {
	if len(p.GetElement()) > 0 || len(prefix.GetElement()) > 0 {
		return nil, errors.New("the deprecated path element field is not supported; use elem")
	}
	origin := p.GetOrigin()
	if origin == "" {
		origin = prefix.GetOrigin()
	}
	if origin != "" && origin != "openconfig" {
		return nil, fmt.Errorf("origin %q is not supported (only openconfig)", origin)
	}
	elems := make([]*gpb.PathElem, 0, len(prefix.GetElem())+len(p.GetElem()))
	elems = append(elems, prefix.GetElem()...)
	elems = append(elems, p.GetElem()...)
	return &gpb.Path{Origin: origin, Elem: elems}, nil
}
