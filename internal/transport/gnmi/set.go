package gnmi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/gnmi/proto/gnmi_ext"
	"github.com/openconfig/gnmic/pkg/api"
	"github.com/openconfig/ygot/ygot"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Update is one update or replace of a SetRequest.
type Update struct {
	// Path is a gNMI path string, "/" for the root.
	Path string
	// Value is the data at Path: a ygot.GoStruct (from models/openconfig,
	// encoded as RFC 7951 JSON), a json.RawMessage (sent as it is), a
	// ygot enum (sent as its name) or any value encoding/json can marshal.
	Value any
}

// CommitOptions ask for a confirmed commit (gNMI Commit Confirmed
// extension): the target applies the Set and reverts it after Rollback
// unless Confirm(ID) arrives first.
type CommitOptions struct {
	// ID names the commit for Confirm, Cancel and ExtendRollback; required.
	// It must be unique enough that a later process can tell its commit
	// apart (a transaction id).
	ID string
	// Rollback is how long the target waits for Confirm; zero leaves the
	// target's default (10 minutes per the specification).
	Rollback time.Duration
}

// SetRequest is one atomic Set: the target applies Deletes, then Replaces,
// then Updates, all or nothing.
type SetRequest struct {
	Updates  []Update
	Replaces []Update
	Deletes  []string
	// Commit, when set, makes this Set a confirmed commit.
	Commit *CommitOptions
}

// Set sends req. An error wraps the target's gRPC status (status.Code
// gives it; InvalidArgument for a refused configuration, whose message
// names the path) or ErrInvalidArgument when req could not be encoded.
func (c *Client) Set(ctx context.Context, req SetRequest) error {
	what := req.describe()
	opts, err := req.options()
	if err != nil {
		return fmt.Errorf("gnmi set on %s (%s): %w: %w", c.cfg.Address, what, ErrInvalidArgument, err)
	}
	if err := c.set(ctx, what, opts...); err != nil {
		return err
	}
	if req.Commit != nil {
		c.log.Info("gnmi confirmed commit applied", "txn", req.Commit.ID, "rollback", req.Commit.Rollback, "ops", what)
	} else {
		c.log.Info("gnmi set applied", "ops", what)
	}
	return nil
}

// Confirm makes the pending confirmed commit id permanent. Any client may
// confirm, not only the one that committed.
func (c *Client) Confirm(ctx context.Context, id string) error {
	if err := c.set(ctx, fmt.Sprintf("confirm commit %q", id), api.Extension_CommitConfirm(id)); err != nil {
		return err
	}
	c.log.Info("gnmi confirmed commit confirmed", "txn", id)
	return nil
}

// Cancel reverts the pending confirmed commit id now.
func (c *Client) Cancel(ctx context.Context, id string) error {
	if err := c.set(ctx, fmt.Sprintf("cancel commit %q", id), api.Extension_CommitCancel(id)); err != nil {
		return err
	}
	c.log.Info("gnmi confirmed commit cancelled", "txn", id)
	return nil
}

// ExtendRollback restarts the rollback timer of the pending commit id with
// duration d (greater than zero).
func (c *Client) ExtendRollback(ctx context.Context, id string, d time.Duration) error {
	what := fmt.Sprintf("set rollback duration of commit %q to %s", id, d)
	if d <= 0 {
		return fmt.Errorf("gnmi %s on %s: %w: duration must be positive", what, c.cfg.Address, ErrInvalidArgument)
	}
	return c.set(ctx, what, api.Extension_CommitSetRollbackDuration(id, d))
}

// set builds and sends one SetRequest.
func (c *Client) set(ctx context.Context, what string, opts ...api.GNMIOption) error {
	ctx, cancel, err := c.op(ctx)
	if err != nil {
		return fmt.Errorf("gnmi set on %s (%s): %w", c.cfg.Address, what, err)
	}
	defer cancel()
	req, err := api.NewSetRequest(opts...)
	if err != nil {
		return fmt.Errorf("gnmi set on %s (%s): %w: %w", c.cfg.Address, what, ErrInvalidArgument, err)
	}
	c.log.Debug("gnmi set", "ops", what)
	if _, err := c.tgt.Set(ctx, req); err != nil {
		return fmt.Errorf("gnmi set on %s (%s): %w", c.cfg.Address, what, err)
	}
	return nil
}

// options turns r into gnmic request options.
func (r SetRequest) options() ([]api.GNMIOption, error) {
	var opts []api.GNMIOption
	for _, p := range r.Deletes {
		opts = append(opts, api.Delete(p))
	}
	for _, u := range r.Replaces {
		tv, err := encodeValue(u.Value)
		if err != nil {
			return nil, fmt.Errorf("replace %s: %w", u.Path, err)
		}
		opts = append(opts, api.Replace(api.Path(u.Path), api.Value(tv, "json_ietf")))
	}
	for _, u := range r.Updates {
		tv, err := encodeValue(u.Value)
		if err != nil {
			return nil, fmt.Errorf("update %s: %w", u.Path, err)
		}
		opts = append(opts, api.Update(api.Path(u.Path), api.Value(tv, "json_ietf")))
	}
	if r.Commit != nil {
		if r.Commit.ID == "" {
			return nil, errors.New("confirmed commit without id")
		}
		if r.Commit.Rollback < 0 {
			return nil, errors.New("negative rollback duration")
		}
		opts = append(opts, api.Extension(commitExtension(*r.Commit)))
	}
	if len(opts) == 0 {
		return nil, errors.New("empty set request")
	}
	return opts, nil
}

// commitExtension builds the commit action; a zero Rollback leaves the
// duration out so the target applies its default.
func commitExtension(o CommitOptions) *gnmi_ext.Extension {
	req := &gnmi_ext.CommitRequest{}
	if o.Rollback > 0 {
		req.RollbackDuration = durationpb.New(o.Rollback)
	}
	return &gnmi_ext.Extension{Ext: &gnmi_ext.Extension_Commit{Commit: &gnmi_ext.Commit{
		Id:     o.ID,
		Action: &gnmi_ext.Commit_Commit{Commit: req},
	}}}
}

// encodeValue encodes v as a JSON_IETF TypedValue.
func encodeValue(v any) (*gpb.TypedValue, error) {
	var b []byte
	var err error
	switch x := v.(type) {
	case nil:
		return nil, errors.New("no value")
	case ygot.GoStruct:
		var m map[string]any
		if m, err = ygot.ConstructIETFJSON(x, &ygot.RFC7951JSONConfig{AppendModuleName: true}); err == nil {
			b, err = json.Marshal(m)
		}
	case ygot.GoEnum:
		var name string
		if name, err = ygot.EnumName(x); err == nil {
			b, err = json.Marshal(name)
		}
	case json.RawMessage:
		if !json.Valid(x) {
			return nil, errors.New("json.RawMessage value is not valid JSON")
		}
		b = x
	default:
		b, err = json.Marshal(v)
	}
	if err != nil {
		return nil, fmt.Errorf("encode value as JSON: %w", err)
	}
	return &gpb.TypedValue{Value: &gpb.TypedValue_JsonIetfVal{JsonIetfVal: b}}, nil
}

// describe names the operations of r for errors and logs, eliding after
// a few paths.
func (r SetRequest) describe() string {
	var parts []string
	for _, p := range r.Deletes {
		parts = append(parts, "delete "+p)
	}
	for _, u := range r.Replaces {
		parts = append(parts, "replace "+u.Path)
	}
	for _, u := range r.Updates {
		parts = append(parts, "update "+u.Path)
	}
	const maxParts = 6
	if n := len(parts); n > maxParts {
		parts = append(parts[:maxParts], fmt.Sprintf("and %d more", n-maxParts))
	}
	if r.Commit != nil {
		parts = append(parts, fmt.Sprintf("confirmed commit %q", r.Commit.ID))
	}
	return strings.Join(parts, ", ")
}
