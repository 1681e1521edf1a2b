package gnmi

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/gnmic/pkg/api"
	"github.com/openconfig/ygot/ytypes"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

// Get reads the configuration at paths (gNMI path strings such as
// "/interfaces/interface[name=Ethernet1]"; none means the whole tree, "/")
// with JSON_IETF encoding and decodes every answer into one new Device.
// The result is not validated: it is what the target runs.
func (c *Client) Get(ctx context.Context, paths ...string) (*oc.Device, error) {
	if len(paths) == 0 {
		paths = []string{"/"}
	}
	what := strings.Join(paths, ", ")
	ctx, cancel, err := c.op(ctx)
	if err != nil {
		return nil, fmt.Errorf("gnmi get %s from %s: %w", what, c.cfg.Address, err)
	}
	defer cancel()
	opts := []api.GNMIOption{api.EncodingJSON_IETF(), api.DataTypeCONFIG()}
	for _, p := range paths {
		opts = append(opts, api.Path(p))
	}
	req, err := api.NewGetRequest(opts...)
	if err != nil {
		return nil, fmt.Errorf("gnmi get %s from %s: %w: %w", what, c.cfg.Address, ErrInvalidArgument, err)
	}
	c.log.Debug("gnmi get", "paths", paths)
	resp, err := c.tgt.Get(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("gnmi get %s from %s: %w", what, c.cfg.Address, err)
	}
	dev := &oc.Device{}
	for _, n := range resp.GetNotification() {
		for _, u := range n.GetUpdate() {
			elems := slices.Concat(n.GetPrefix().GetElem(), u.GetPath().GetElem())
			if err := setNode(dev, elems, u.GetVal()); err != nil {
				return nil, fmt.Errorf("gnmi get %s from %s: decode %s: %w",
					what, c.cfg.Address, pathString(elems), err)
			}
		}
	}
	return dev, nil
}

// setNode stores the value at elems in dev. Path compression leaves some
// schema containers (".../config") and whole lists without a Go struct of
// their own; for those the last element is moved into the JSON value and
// the value stored at the parent, until a node accepts it. The first error
// is returned when none does.
func setNode(dev *oc.Device, elems []*gpb.PathElem, tv *gpb.TypedValue) error {
	schema := oc.SchemaTree["Device"]
	var first error
	for {
		err := ytypes.SetNode(schema, dev, &gpb.Path{Elem: elems}, tv, &ytypes.InitMissingElements{})
		if err == nil {
			return nil
		}
		if first == nil {
			first = err
		}
		last := len(elems) - 1
		js := tv.GetJsonIetfVal()
		if last < 0 || len(elems[last].GetKey()) > 0 || js == nil {
			return first
		}
		wrapped, err := json.Marshal(map[string]json.RawMessage{elems[last].GetName(): js})
		if err != nil {
			return first
		}
		tv = &gpb.TypedValue{Value: &gpb.TypedValue_JsonIetfVal{JsonIetfVal: wrapped}}
		elems = elems[:last]
	}
}

// pathString renders elems like "/a/b[k=v]".
func pathString(elems []*gpb.PathElem) string {
	if len(elems) == 0 {
		return "/"
	}
	var b strings.Builder
	for _, e := range elems {
		b.WriteString("/" + e.GetName())
		keys := make([]string, 0, len(e.GetKey()))
		for k := range e.GetKey() {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "[%s=%s]", k, e.GetKey()[k])
		}
	}
	return b.String()
}

// GetJSON reads the configuration at one path with JSON_IETF encoding and
// returns the value as the target sent it (the JSON of the node at path),
// for subtrees that are not OpenConfig (a platform's native models).
// A path without data is the target's NotFound error.
func (c *Client) GetJSON(ctx context.Context, path string) ([]byte, error) {
	ctx, cancel, err := c.op(ctx)
	if err != nil {
		return nil, fmt.Errorf("gnmi get %s from %s: %w", path, c.cfg.Address, err)
	}
	defer cancel()
	req, err := api.NewGetRequest(api.EncodingJSON_IETF(), api.DataTypeCONFIG(), api.Path(path))
	if err != nil {
		return nil, fmt.Errorf("gnmi get %s from %s: %w: %w", path, c.cfg.Address, ErrInvalidArgument, err)
	}
	c.log.Debug("gnmi get", "paths", []string{path})
	resp, err := c.tgt.Get(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("gnmi get %s from %s: %w", path, c.cfg.Address, err)
	}
	for _, n := range resp.GetNotification() {
		for _, u := range n.GetUpdate() {
			if js := u.GetVal().GetJsonIetfVal(); js != nil {
				return js, nil
			}
		}
	}
	return nil, nil
}

// GetOriginJSON reads the data at one top-level node of origin (a YANG module
// served outside OpenConfig, such as IOS-XR's
// "Cisco-IOS-XR-config-cfgmgr-exec-oper" and "cfg-hist-gl"), all data
// types, JSON_IETF encoded, and returns the JSON value of the first update
// (nil when the target sends none).
func (c *Client) GetOriginJSON(ctx context.Context, origin, node string) ([]byte, error) {
	what := origin + ":/" + node
	ctx, cancel, err := c.op(ctx)
	if err != nil {
		return nil, fmt.Errorf("gnmi get %s from %s: %w", what, c.cfg.Address, err)
	}
	defer cancel()
	req := &gpb.GetRequest{Encoding: gpb.Encoding_JSON_IETF, Type: gpb.GetRequest_ALL,
		Path: []*gpb.Path{{Origin: origin, Elem: []*gpb.PathElem{{Name: node}}}}}
	resp, err := c.tgt.Get(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("gnmi get %s from %s: %w", what, c.cfg.Address, err)
	}
	for _, n := range resp.GetNotification() {
		for _, u := range n.GetUpdate() {
			if js := u.GetVal().GetJsonIetfVal(); js != nil {
				return js, nil
			}
			return u.GetVal().GetJsonVal(), nil
		}
	}
	return nil, nil
}
