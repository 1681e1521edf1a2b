package netconf

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/xmltree"
)

// ifConfig returns <interfaces><interface><name>NAME</name><config>LEAVES</config>...
func ifConfig(name string, leaves ...*xmltree.Element) *xmltree.Element {
	cfg := xmltree.New(nsIf, "config", leaves...)
	return xmltree.New(nsIf, "interfaces",
		xmltree.New(nsIf, "interface", xmltree.NewLeaf(nsIf, "name", name), cfg))
}

func TestEditCandidateAndCommit(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	ctx := t.Context()
	// A description full of XML metacharacters must arrive as text.
	const desc = `core <link> & "quotes" ]]>]]> '#1'`
	edit := ifConfig("Gi2", xmltree.NewLeaf(nsIf, "mtu", "9100"), xmltree.NewLeaf(nsIf, "description", desc))
	if err := s.Lock(ctx, Candidate); err != nil {
		t.Fatal(err)
	}
	if err := s.EditConfig(ctx, Candidate, []*xmltree.Element{edit}, EditOptions{DefaultOperation: "merge"}); err != nil {
		t.Fatalf("EditConfig: %v", err)
	}
	if strings.Contains(runningOf(d), "9100") {
		t.Fatal("edit of the candidate reached running before commit")
	}
	if err := s.Validate(ctx, Candidate); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if err := s.Commit(ctx, CommitOptions{}); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if err := s.Unlock(ctx, Candidate); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetConfig(ctx, Running, ifConfig("Gi2"))
	if err != nil {
		t.Fatal(err)
	}
	want := ifConfig("Gi2", xmltree.NewLeaf(nsIf, "name", "Gi2"), xmltree.NewLeaf(nsIf, "mtu", "9100"),
		xmltree.NewLeaf(nsIf, "description", desc))
	if diff := cmp.Diff(want.String(), marshalAll(got)); diff != "" {
		t.Errorf("running after commit (-want +got):\n%s", diff)
	}
}

func TestEditOperations(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	ctx := t.Context()
	del := xmltree.New(nsIf, "interfaces", xmltree.New(nsIf, "interface", xmltree.NewLeaf(nsIf, "name", "Gi1")))
	del.Children[0].Attrs = append(del.Children[0].Attrs, Operation("delete"))
	if err := s.EditConfig(ctx, Candidate, []*xmltree.Element{del}, EditOptions{}); err != nil {
		t.Fatalf("delete Gi1: %v", err)
	}
	cand, err := s.GetConfig(ctx, Candidate, xmltree.New(nsIf, "interfaces"))
	if err != nil {
		t.Fatal(err)
	}
	if got := marshalAll(cand); strings.Contains(got, "Gi1") || !strings.Contains(got, "Gi2") {
		t.Errorf("candidate after delete of Gi1: %s", got)
	}
	err = s.EditConfig(ctx, Candidate, []*xmltree.Element{del}, EditOptions{})
	if !IsDataMissing(err) {
		t.Errorf("second delete of Gi1: %v, want data-missing", err)
	}
	if err := s.DiscardChanges(ctx); err != nil {
		t.Fatalf("DiscardChanges: %v", err)
	}
	cand, err = s.GetConfig(ctx, Candidate, xmltree.New(nsIf, "interfaces"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(marshalAll(cand), "Gi1") {
		t.Errorf("candidate after discard lacks Gi1: %s", marshalAll(cand))
	}
}

func TestEditRejectedMapsRPCError(t *testing.T) {
	d, _ := startDevice(t, nil)
	const path = "/interfaces/interface[name='Gi2']/config/mtu"
	if err := d.Knobs().RejectPath(path, "mtu cannot be changed on this platform"); err != nil {
		t.Fatal(err)
	}
	s := dial(t, d)
	err := s.EditConfig(t.Context(), Candidate,
		[]*xmltree.Element{ifConfig("Gi2", xmltree.NewLeaf(nsIf, "mtu", "9100"))}, EditOptions{})
	var re *RPCError
	if !errors.As(err, &re) {
		t.Fatalf("EditConfig error %v is not an *RPCError", err)
	}
	want := &RPCError{Type: "application", Tag: TagOperationFailed, Severity: "error", Path: path,
		Message: "mtu cannot be changed on this platform"}
	if diff := cmp.Diff(want, re); diff != "" {
		t.Errorf("rpc-error (-want +got):\n%s", diff)
	}
	for _, w := range []string{"edit-config candidate", d.Addr(), path} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

func TestEditValidationErrorPathNamespaces(t *testing.T) {
	schema := devicesim.DefaultSchema()
	schema.SetValidator(schema.RejectLeaf("config/mtu", "42", "mtu too small"))
	d, _ := startDevice(t, func(c *devicesim.Config) { c.Schema = schema })
	s := dial(t, d)
	err := s.EditConfig(t.Context(), Candidate,
		[]*xmltree.Element{ifConfig("Gi1", xmltree.NewLeaf(nsIf, "mtu", "42"))}, EditOptions{TestOption: "test-then-set"})
	errs := RPCErrors(err)
	if len(errs) != 1 || errs[0].Tag != TagInvalidValue || errs[0].Path == "" {
		t.Fatalf("EditConfig error %v, want one invalid-value with an error-path", err)
	}
	if !strings.Contains(errs[0].Path, "Gi1") || !strings.Contains(errs[0].Path, "mtu") {
		t.Errorf("error-path %q does not name Gi1's mtu", errs[0].Path)
	}
	found := false
	for _, ns := range errs[0].PathNamespaces {
		found = found || ns == nsIf
	}
	if !found {
		t.Errorf("error-path %q: namespaces %v lack %s", errs[0].Path, errs[0].PathNamespaces, nsIf)
	}
}

func TestEditOptionsChecked(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	err := s.EditConfig(t.Context(), Candidate, nil, EditOptions{DefaultOperation: "overwrite"})
	if !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad default-operation: %v, want ErrInvalidArgument", err)
	}
	if err := s.EditConfig(t.Context(), Running, nil, EditOptions{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("edit of running without :writable-running: %v, want ErrUnsupported", err)
	}
}

func TestWritableRunningProfile(t *testing.T) {
	d, _ := startDevice(t, func(c *devicesim.Config) { c.Profile = devicesim.ProfileWritableRunning })
	s := dial(t, d)
	ctx := t.Context()
	if !s.Has(CapWritableRunning) || s.Has(CapCandidate) {
		t.Fatalf("capabilities %v, want writable-running without candidate", s.Capabilities())
	}
	if err := s.Lock(ctx, Running); err != nil {
		t.Fatal(err)
	}
	edit := ifConfig("Gi1", xmltree.NewLeaf(nsIf, "mtu", "9000"))
	if err := s.EditConfig(ctx, Running, []*xmltree.Element{edit}, EditOptions{ErrorOption: "rollback-on-error"}); err != nil {
		t.Fatalf("EditConfig running: %v", err)
	}
	if !strings.Contains(runningOf(d), "9000") {
		t.Errorf("edit of running did not apply: %s", runningOf(d))
	}
	if err := s.Unlock(ctx, Running); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func() error{
		"commit":          func() error { return s.Commit(ctx, CommitOptions{}) },
		"confirmed":       func() error { return s.Commit(ctx, CommitOptions{Confirmed: true}) },
		"cancel-commit":   func() error { return s.CancelCommit(ctx, "") },
		"discard-changes": func() error { return s.DiscardChanges(ctx) },
		"edit candidate":  func() error { return s.EditConfig(ctx, Candidate, nil, EditOptions{}) },
		"lock candidate":  func() error { return s.Lock(ctx, Candidate) },
	} {
		if err := f(); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: %v, want ErrUnsupported", name, err)
		}
	}
}
