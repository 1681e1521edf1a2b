package netconf

import (
	"context"
	"encoding/xml"
	"fmt"
	"slices"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// EditOptions are the optional parameters of <edit-config> (RFC 6241
// §7.2). An empty field is left out, so the server's default applies
// (merge, test-then-set, stop-on-error).
type EditOptions struct {
	// DefaultOperation is "merge", "replace" or "none".
	DefaultOperation string
	// ErrorOption is "stop-on-error", "continue-on-error" or
	// "rollback-on-error" (the last needs :rollback-on-error).
	ErrorOption string
	// TestOption is "test-then-set", "set" or "test-only" (needs :validate).
	TestOption string
}

// validate checks the values and the capabilities they need.
func (o EditOptions) validate(s *Session) error {
	choices := []struct {
		name, value string
		valid       []string
	}{
		{"default-operation", o.DefaultOperation, []string{"merge", "replace", "none"}},
		{"error-option", o.ErrorOption, []string{"stop-on-error", "continue-on-error", "rollback-on-error"}},
		{"test-option", o.TestOption, []string{"test-then-set", "set", "test-only"}},
	}
	for _, c := range choices {
		if c.value != "" && !slices.Contains(c.valid, c.value) {
			return fmt.Errorf("%w: %s %q (want one of %v)", ErrInvalidArgument, c.name, c.value, c.valid)
		}
	}
	if o.ErrorOption == "rollback-on-error" {
		if err := s.require("error-option rollback-on-error", CapRollbackOnError); err != nil {
			return err
		}
	}
	if o.TestOption != "" {
		return s.require("test-option", CapValidate11, CapValidate10)
	}
	return nil
}

// Operation returns the nc:operation attribute (RFC 6241 §7.2) that marks
// a configuration node for EditConfig: "merge", "replace", "create",
// "delete" or "remove".
func Operation(op string) xml.Attr {
	return xml.Attr{Name: xml.Name{Space: NSBase, Local: "operation"}, Value: op}
}

// EditConfig runs <edit-config> on datastore target (Candidate, or Running
// on a :writable-running server) with config as the children of <config>,
// which is sent in the base namespace. Per-node operations are the
// caller's attributes in the base namespace (see Operation). config is
// not modified. A rejected edit returns a *ReplyError whose rpc-errors
// carry the server's error-path and error-tag.
func (s *Session) EditConfig(ctx context.Context, target string, config []*xmltree.Element, opts EditOptions) error {
	op := "edit-config " + target
	if err := s.checkDatastore(target, true); err != nil {
		return fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	if err := opts.validate(s); err != nil {
		return fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	body := xmltree.New(NSBase, "edit-config", datastoreParam("target", target))
	for _, p := range []struct{ name, value string }{
		{"default-operation", opts.DefaultOperation},
		{"test-option", opts.TestOption},
		{"error-option", opts.ErrorOption},
	} {
		if p.value != "" {
			body.Children = append(body.Children, xmltree.NewLeaf(NSBase, p.name, p.value))
		}
	}
	body.Children = append(body.Children, xmltree.New(NSBase, "config", config...))
	if _, err := s.rpc(ctx, op, body); err != nil {
		return err
	}
	s.log.Info("configuration edited", "datastore", target, "nodes", len(config))
	return nil
}
