package ncsession

import (
	"slices"
	"strings"

	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/providers/internal/secretpush"
	"log/slog"
	"time"

	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/transport/netconf"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/internal/yangjson"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// NoRollbackWarning is the plan warning for a device with neither a
// candidate datastore and confirmed commit nor cisco-ia's revert timer.
const NoRollbackWarning = "no device-side rollback timer (the hello has neither :candidate with :confirmed-commit:1.1 nor cisco-ia): changes go straight to running with rollback-on-error; nothing reverts them if switchyard dies or verification fails"

// Session is a NETCONF session to one OpenConfig device. It implements
// providers.Session.
type Session struct {
	nc     *netconf.Session
	target providers.Target
	log    *slog.Logger
	// skipValidate leaves out <validate> before <commit> (WithoutValidate).
	skipValidate bool
	// prepared is the txn PrepareTxn named for the next commit.
	prepared *providers.Txn
	// expect is the running digest Begin checks under its locks
	// (ExpectRunning); "" checks nothing.
	expect string
	// modules are the modules the hello advertises, by name (revision);
	// shared with other sessions, read-only.
	modules map[string]string
}

var (
	_ providers.Session      = (*Session)(nil)
	_ providers.TxnPreparer  = (*Session)(nil)
	_ providers.RunningGuard = (*Session)(nil)
)

// ExpectRunning makes the next Begin check, once it holds the datastore
// locks, that running still has this digest, and refuse with
// providers.ErrConflict otherwise.
func (s *Session) ExpectRunning(digest string) { s.expect = digest }

// checkExpected re-reads running (under the caller's locks) and compares
// it with the digest ExpectRunning set.
func (s *Session) checkExpected(ctx context.Context) error {
	if s.expect == "" {
		return nil
	}
	r, err := s.Observe(ctx)
	if err != nil {
		return err
	}
	if r.Digest != s.expect {
		return fmt.Errorf("push to %s: %w: running changed since it was read; plan again", s.target.Name, providers.ErrConflict)
	}
	return nil
}

// busy marks a lock refused, or a commit refused because another
// confirmed commit is pending, as providers.ErrBusy.
func busy(name string, err error) error {
	if netconf.IsLockDenied(err) || netconf.HasErrorTag(err, netconf.TagInUse) {
		return fmt.Errorf("push to %s: %w: %w", name, providers.ErrBusy, err)
	}
	return err
}

// Option changes how a Session pushes changes.
type Option func(*Session)

// WithoutValidate makes Begin commit the candidate without validating it
// first, even when the device advertises :validate. The default validates,
// which real Cisco devices implement correctly. It exists for servers
// whose validate breaks the commit: Debian's netconfd (yuma123) answers
// <ok/> to a commit that follows a <validate> of the candidate but drops
// the changes (shared/PEERS.md beside the repository). Verification on a new session catches
// such a device and cancels the commit, so validating stays safe there;
// the peer tests use this option to also apply successfully.
func WithoutValidate() Option { return func(s *Session) { s.skipValidate = true } }

// Dial opens a NETCONF session to t.
func Dial(ctx context.Context, t providers.Target, opts ...Option) (*Session, error) {
	log := t.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	nc, err := netconf.Dial(ctx, ncConfig(t, log))
	if err != nil {
		return nil, err
	}
	s := &Session{nc: nc, target: t, log: log}
	for _, o := range opts {
		o(s)
	}
	s.modules = nc.Modules()
	if p := t.Profile; p != nil {
		n, err := compareHello(t.Name, p, s.modules, nc.Capabilities())
		if err != nil {
			return nil, errors.Join(err, nc.Close())
		}
		log.Debug("hello matches the release profile", "profile", p.ID(), "modules_compared", n)
	}
	return s, nil
}

// ncConfig is how to reach t over NETCONF.
func ncConfig(t providers.Target, log *slog.Logger) netconf.Config {
	return netconf.Config{
		Address: t.Address, Username: t.Username, Password: t.Password, PrivateKeyFile: t.PrivateKeyFile,
		KnownHostsFile: t.KnownHostsFile, InsecureIgnoreHostKey: t.InsecureIgnoreHostKey, Timeout: t.Timeout, Logger: log,
		Identity: t.Identity,
	}
}

// HasCandidate reports whether the device has a candidate datastore (and so
// a device-side rollback timer through confirmed commit).
func (s *Session) HasCandidate() bool {
	return s.nc.Has(netconf.CapCandidate) && s.nc.Has(netconf.CapConfirmedCommit11)
}

// advertises reports whether the device's hello names module.
func (s *Session) advertises(module string) bool {
	if s.modules == nil {
		s.modules = s.nc.Modules()
	}
	_, ok := s.modules[module]
	return ok
}

// Observe reads the OpenConfig subtrees switchyard manages from running.
func (s *Session) Observe(ctx context.Context) (*providers.Running, error) {
	f := managedFilter(s.advertises)
	f.Children = append(f.Children, nativeFilter(s.target.Profile, s.advertises)...)
	elems, err := s.nc.GetConfig(ctx, netconf.Running, f)
	if err != nil {
		return nil, err
	}
	ocElems, nativeElems := splitNative(s.target.Profile, elems)
	tree, err := ocxml.Unmarshal(ocElems)
	if err != nil {
		return nil, fmt.Errorf("decode running configuration of %s: %w", s.target.Name, err)
	}
	native := yangjson.FromXML(s.target.Profile, nativeElems)
	digest, err := plan.Digest(tree, yangjson.DigestText(native))
	if err != nil {
		return nil, err
	}
	r := &providers.Running{Tree: tree, Native: native, Digest: digest}
	if s.Mechanism() == providers.ConfirmNone {
		r.Warnings = append(r.Warnings, NoRollbackWarning)
	}
	return r, nil
}

// managedFilter selects the top-level OpenConfig containers switchyard
// manages (a subtree filter of empty selection nodes), of the modules
// advertise reports the device has.
func managedFilter(advertise func(module string) bool) *xmltree.Element {
	f := xmltree.New(netconf.NSBase, "filter")
	f.Attrs = append(f.Attrs, xmlAttr("type", "subtree"))
	for _, top := range topLevel {
		if !advertise(top.module) {
			continue // a namespace the device does not have cannot be filtered on
		}
		f.Children = append(f.Children, xmltree.New(oc.YANGModules[top.module].Namespace, top.name))
	}
	return f
}

var topLevel = []struct{ module, name string }{
	{"openconfig-interfaces", "interfaces"},
	{"openconfig-system", "system"},
	{"openconfig-network-instance", "network-instances"},
	{"openconfig-acl", "acl"},
	{"openconfig-defined-sets", "defined-sets"},
	{"openconfig-lacp", "lacp"},
}

// Begin pushes the changes. With a candidate datastore: lock running and
// candidate, discard stale candidate changes, edit, validate (unless
// WithoutValidate or the device lacks :validate), commit
// confirmed with a fresh persist-id, unlock. Without one: lock running,
// edit running with rollback-on-error, unlock.
func (s *Session) Begin(ctx context.Context, desired *providers.Desired, changes []providers.Change, confirmTimeout time.Duration) (*providers.Txn, error) {
	// Secret list keys travel as aliases (providers.AliasSecretKeys) up to
	// here: the device gets the values, an error quoting one the alias.
	return desired.WithKeys(changes, func(revealed []providers.Change) (*providers.Txn, error) {
		return s.begin(ctx, desired, revealed, confirmTimeout)
	})
}

func (s *Session) begin(ctx context.Context, desired *providers.Desired, changes []providers.Change, confirmTimeout time.Duration) (*providers.Txn, error) {
	all := changes
	changes = secretpush.Pushable(changes)
	payload, err := editPayload(changes, s.profile(desired))
	if err != nil {
		return nil, fmt.Errorf("build edit for %s: %w", s.target.Name, err)
	}
	secrets, err := secretpush.Changes(desired, all, s.target.Secrets)
	if err != nil {
		return nil, fmt.Errorf("push to %s: %w", s.target.Name, err)
	}
	if len(secrets) > 0 {
		// Errors from here on could quote a value: they name paths only.
		if _, err := editPayload(secrets, s.profile(desired)); err != nil {
			return nil, fmt.Errorf("build edit for %s: a secret value does not fit its leaf (%s)", s.target.Name, secretPaths(secrets))
		}
		if payload, err = editPayload(append(slices.Clone(changes), secrets...), s.profile(desired)); err != nil {
			return nil, fmt.Errorf("build edit for %s: %s", s.target.Name, "secrets could not be merged into the edit")
		}
	}
	switch s.Mechanism() {
	case providers.ConfirmNETCONF:
		return s.beginCandidate(ctx, payload, confirmTimeout)
	case providers.ConfirmCiscoIA:
		return s.beginCiscoIA(ctx, payload, confirmTimeout)
	}
	if !s.target.AllowWithoutDeviceTimer {
		return nil, fmt.Errorf("push to %s: %w (its hello has neither :confirmed-commit nor cisco-ia); nothing pushed: set allow_without_device_timer: true on the device or its group to push without one", s.target.Name, providers.ErrNoDeviceTimer)
	}
	return s.beginRunning(ctx, payload)
}

func (s *Session) beginCandidate(ctx context.Context, payload []*xmltree.Element, timeout time.Duration) (*providers.Txn, error) {
	if err := s.lockBoth(ctx); err != nil {
		return nil, busy(s.target.Name, err)
	}
	unlockAll := func() {
		for _, ds := range []string{netconf.Candidate, netconf.Running} {
			if err := unlock(ctx, s.nc, ds); err != nil {
				// After a commit the change is in the txn's hands; an unlock
				// that fails (a dropped session releases its locks anyway)
				// must not hide it.
				s.log.Warn("unlock failed", "datastore", ds, "err", err)
			}
		}
	}
	defer unlockAll()
	if err := s.checkExpected(ctx); err != nil {
		return nil, err
	}
	if err := s.nc.DiscardChanges(ctx); err != nil {
		return nil, err
	}
	opts := netconf.EditOptions{DefaultOperation: "merge"}
	if s.nc.Has(netconf.CapRollbackOnError) {
		opts.ErrorOption = "rollback-on-error"
	}
	if err := s.nc.EditConfig(ctx, netconf.Candidate, payload, opts); err != nil {
		return nil, errors.Join(err, s.nc.DiscardChanges(ctx))
	}
	if !s.skipValidate && (s.nc.Has(netconf.CapValidate11) || s.nc.Has(netconf.CapValidate10)) {
		if err := s.nc.Validate(ctx, netconf.Candidate); err != nil {
			return nil, errors.Join(err, s.nc.DiscardChanges(ctx))
		}
	}
	txn := s.PrepareTxn(timeout)
	id := txn.ID
	if err := s.nc.Commit(ctx, netconf.CommitOptions{Confirmed: true, Timeout: timeout, Persist: id}); err != nil {
		if len(netconf.RPCErrors(err)) > 0 {
			// The device answered with an rpc-error: nothing was committed.
			return nil, busy(s.target.Name, errors.Join(err, s.nc.DiscardChanges(ctx)))
		}
		// No answer: the commit may have been done.
		return txn, err
	}
	s.log.Info("confirmed commit pending", "txn", id, "timeout", timeout)
	return txn, nil
}

// lockBoth locks running and candidate. A candidate lock refused because
// the candidate holds changes that no session has locked (a session that
// died between edit and commit leaves them behind) is recovered once with
// discard-changes; a lock held by a live session is not touched, since
// discard-changes is refused while another session holds the lock.
func (s *Session) lockBoth(ctx context.Context) error {
	if err := s.nc.Lock(ctx, netconf.Running); err != nil {
		return err
	}
	err := s.nc.Lock(ctx, netconf.Candidate)
	if err != nil && netconf.IsLockDenied(err) {
		if derr := s.nc.DiscardChanges(ctx); derr == nil {
			s.log.Warn("discarded abandoned candidate changes to take the lock")
			err = s.nc.Lock(ctx, netconf.Candidate)
		}
	}
	if err != nil {
		return errors.Join(err, unlock(ctx, s.nc, netconf.Running))
	}
	return nil
}

func (s *Session) beginRunning(ctx context.Context, payload []*xmltree.Element) (txn *providers.Txn, err error) {
	if err := s.nc.Lock(ctx, netconf.Running); err != nil {
		return nil, busy(s.target.Name, err)
	}
	defer func() { err = errors.Join(err, unlock(ctx, s.nc, netconf.Running)) }()
	if err := s.checkExpected(ctx); err != nil {
		return nil, err
	}
	opts := netconf.EditOptions{DefaultOperation: "merge"}
	if s.nc.Has(netconf.CapRollbackOnError) {
		opts.ErrorOption = "rollback-on-error"
	}
	if err := s.nc.EditConfig(ctx, netconf.Running, payload, opts); err != nil {
		return nil, err
	}
	s.log.Warn("change applied to running without a rollback timer (no confirmed commit)")
	return &providers.Txn{Device: s.target.Name, Transport: "netconf", Kind: providers.ConfirmNone}, nil
}

// unlock releases a lock with its own short deadline, so a cancelled
// context does not leave the datastore locked until the session closes.
func unlock(ctx context.Context, nc *netconf.Session, ds string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return nc.Unlock(ctx, ds)
}

// Confirm sends the confirming commit with the txn's persist-id; it works
// from any session.
func (s *Session) Confirm(ctx context.Context, txn *providers.Txn) error {
	if txn.Kind == providers.ConfirmCiscoIA {
		return s.confirmCiscoIA(ctx, txn)
	}
	if txn.Deadline.IsZero() {
		return nil // applied to running already; nothing to confirm
	}
	return notPending(s.nc.Commit(ctx, netconf.CommitOptions{PersistID: txn.ID}))
}

// Cancel reverts the pending confirmed commit now.
func (s *Session) Cancel(ctx context.Context, txn *providers.Txn) error {
	if txn.Kind == providers.ConfirmCiscoIA {
		return s.cancelCiscoIA(ctx, txn)
	}
	if txn.Deadline.IsZero() {
		return fmt.Errorf("cancel on %s: the change was applied without a candidate datastore and cannot be rolled back by the device", s.target.Name)
	}
	return notPending(s.nc.CancelCommit(ctx, txn.ID))
}

// notPending marks an rpc-error answer to a confirming commit or a
// cancel-commit as providers.ErrNotPending: the device answered, and has
// nothing pending under the persist-id. Transport errors stay as they are
// (the outcome is unknown).
func notPending(err error) error {
	if err != nil && len(netconf.RPCErrors(err)) > 0 {
		return fmt.Errorf("%w: %w", providers.ErrNotPending, err)
	}
	return err
}

// Close ends the session.
func (s *Session) Close() error { return s.nc.Close() }

// secretPaths lists the paths of secret changes, never their values.
func secretPaths(cs []providers.Change) string {
	paths := make([]string, len(cs))
	for i, c := range cs {
		paths[i] = c.Path
	}
	return strings.Join(paths, ", ")
}

// PrepareTxn names the next confirmed commit (its persist-id, or for
// cisco-ia the run's own id) before Begin sends it; Begin uses the
// prepared id. It returns nil for a device without a device-side timer.
// A cisco-ia timeout is rounded up to whole minutes, as Begin will.
func (s *Session) PrepareTxn(timeout time.Duration) *providers.Txn {
	kind := s.Mechanism()
	switch kind {
	case providers.ConfirmNone:
		return nil
	case providers.ConfirmCiscoIA:
		if eff, _, err := providers.CheckConfirmTimeout(s.target.Name, kind, timeout); err == nil {
			timeout = eff
		}
	}
	if s.prepared == nil {
		s.prepared = &providers.Txn{Device: s.target.Name, Transport: "netconf", Kind: kind, ID: newPersistID()}
	}
	s.prepared.Deadline = time.Now().Add(timeout)
	t := *s.prepared
	return &t
}

func newPersistID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return "switchyard-" + hex.EncodeToString(b)
}
