package gnmisession

import (
	"slices"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers/internal/secretpush"

	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/providers"
)

// Transport is the providers.Target.Transport (and providers.Txn.Transport)
// value this package serves.
const Transport = "gnmi"

// Session is a gNMI session to one OpenConfig device. It implements
// providers.Session and, like it, is used by one goroutine at a time.
type Session struct {
	c      *gnmi.Client
	target providers.Target
	// prepared is the txn PrepareTxn named for the next commit.
	prepared *providers.Txn
	log      *slog.Logger
	// expect is the running digest Begin checks before its Set
	// (ExpectRunning); "" checks nothing.
	expect string
}

var (
	_ providers.Session      = (*Session)(nil)
	_ providers.RunningGuard = (*Session)(nil)
)

// ExpectRunning makes the next Begin re-read the configuration just before
// its Set and refuse with providers.ErrConflict when it no longer has this
// digest. gNMI has no lock: between that read and the Set another writer
// can still get in, but a Set is refused while another commit is pending
// (providers.ErrBusy), so at worst the other writer's confirmed change is
// overwritten by this verified one.
func (s *Session) ExpectRunning(digest string) { s.expect = digest }

// Dial opens a gNMI session to t: TLS verified against t.CAFile, or not
// verified at all when t.InsecureIgnoreHostKey is set (setting both is an
// error); credentials t.Username and t.Password; t.Timeout bounds each
// operation (zero means 30 s). Errors wrap those of internal/transport/gnmi
// (gnmi.ErrCertificate, gnmi.ErrAuthFailed, ...) and never hold the
// password.
func Dial(ctx context.Context, t providers.Target) (*Session, error) {
	log := t.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c, err := gnmi.Dial(ctx, gnmi.Config{
		Address: t.Address, Username: t.Username, Password: t.Password,
		CAFile: t.CAFile, Insecure: t.InsecureIgnoreHostKey, Timeout: t.Timeout, Logger: log,
		Identity: t.Identity,
	})
	if err != nil {
		return nil, err
	}
	if t.Profile != nil {
		if err := compareModels(ctx, c, t); err != nil {
			return nil, errors.Join(err, c.Close())
		}
	}
	return &Session{c: c, target: t, log: log.With("component", "gnmisession", "device", t.Name)}, nil
}

// compareModels checks the target's Capabilities against its release
// profile: the OpenConfig modules switchyard writes, at the profile's
// revisions (ModelData.Version).
func compareModels(ctx context.Context, c *gnmi.Client, t providers.Target) error {
	caps, err := c.Capabilities(ctx)
	if err != nil {
		return fmt.Errorf("capabilities of %s: %w", t.Name, err)
	}
	got := map[string]string{}
	for _, m := range caps.GetSupportedModels() {
		got[m.GetName()] = m.GetVersion()
	}
	problems, n := t.Profile.CompareModules(got, func(m string) bool { _, ok := oc.YANGModules[m]; return ok })
	if len(problems) > 0 {
		return &profiles.MismatchError{Device: t.Name, Profile: t.Profile.ID(), Problems: problems}
	}
	if t.Logger != nil {
		t.Logger.Debug("capabilities match the release profile", "profile", t.Profile.ID(), "modules_compared", n)
	}
	return nil
}

// Begin pushes changes as one Set carrying the Commit Confirmed extension
// with a fresh commit id and a rollback duration of confirmTimeout (which
// must be positive): the device applies all of it or nothing, and reverts
// it by itself at the returned Txn's Deadline unless Confirm arrives first.
// desired is not needed (the changes carry their values). An error names
// the device and, when the device refused the Set, the path it refused.
func (s *Session) Begin(ctx context.Context, desired *providers.Desired, changes []providers.Change, confirmTimeout time.Duration) (*providers.Txn, error) {
	// Secret list keys travel as aliases (providers.AliasSecretKeys) up to
	// here: the device gets the values, an error quoting one the alias.
	return desired.WithKeys(changes, func(revealed []providers.Change) (*providers.Txn, error) {
		return s.begin(ctx, desired, revealed, confirmTimeout)
	})
}

func (s *Session) begin(ctx context.Context, desired *providers.Desired, changes []providers.Change, confirmTimeout time.Duration) (*providers.Txn, error) {
	if confirmTimeout <= 0 {
		return nil, fmt.Errorf("gnmi commit on %s: confirm timeout %s is not positive", s.target.Name, confirmTimeout)
	}
	if len(changes) == 0 {
		return nil, fmt.Errorf("gnmi commit on %s: no changes to push", s.target.Name)
	}
	all := changes
	changes = secretpush.Pushable(changes)
	req, err := buildSet(changes)
	if err != nil {
		return nil, fmt.Errorf("build gnmi set for %s: %w", s.target.Name, err)
	}
	secrets, err := secretpush.Changes(desired, all, s.target.Secrets)
	if err != nil {
		return nil, fmt.Errorf("push to %s: %w", s.target.Name, err)
	}
	if len(secrets) > 0 {
		// Errors from here on could quote a value: they name the device only.
		if req, err = buildSet(append(slices.Clone(changes), secrets...)); err != nil {
			return nil, fmt.Errorf("build gnmi set for %s: a secret value does not fit its leaf", s.target.Name)
		}
	}
	if s.expect != "" {
		r, err := s.Observe(ctx)
		if err != nil {
			return nil, err
		}
		if r.Digest != s.expect {
			return nil, fmt.Errorf("push to %s: %w: running changed since it was read; plan again", s.target.Name, providers.ErrConflict)
		}
	}
	txn := s.PrepareTxn(confirmTimeout)
	req.Commit = &gnmi.CommitOptions{ID: txn.ID, Rollback: confirmTimeout}
	id := txn.ID
	if err := s.c.Set(ctx, req); err != nil {
		err = fmt.Errorf("gnmi confirmed commit on %s: %w", s.target.Name, err)
		switch status.Code(err) {
		case codes.FailedPrecondition:
			// Another confirmed commit is pending on the target.
			return nil, fmt.Errorf("%w: %w", providers.ErrBusy, err)
		case codes.Unavailable, codes.DeadlineExceeded, codes.Canceled, codes.Unknown:
			// No answer from the target: the Set may have been applied.
			return txn, err
		}
		return nil, err
	}
	s.log.Info("confirmed commit pending", "txn", id, "timeout", confirmTimeout, "changes", len(changes))
	return txn, nil
}

// PrepareTxn names the next confirmed commit (its commit id) before Begin
// sends it; Begin uses the prepared id.
func (s *Session) PrepareTxn(timeout time.Duration) *providers.Txn {
	if s.prepared == nil {
		s.prepared = &providers.Txn{Device: s.target.Name, Transport: Transport, Kind: providers.ConfirmGNMI, ID: newCommitID()}
	}
	s.prepared.Deadline = time.Now().Add(timeout)
	t := *s.prepared
	return &t
}

var _ providers.TxnPreparer = (*Session)(nil)

// Confirm makes txn permanent by its commit id; it works from any session.
// A txn that is not a gNMI commit is an error and sends nothing.
func (s *Session) Confirm(ctx context.Context, txn *providers.Txn) error {
	if err := s.check(txn); err != nil {
		return fmt.Errorf("confirm on %s: %w", s.target.Name, err)
	}
	if err := s.c.Confirm(ctx, txn.ID); err != nil {
		return notPending(fmt.Errorf("confirm on %s: %w", s.target.Name, err))
	}
	return nil
}

// Cancel reverts txn now, restoring the configuration the device had
// before Begin; it works from any session.
func (s *Session) Cancel(ctx context.Context, txn *providers.Txn) error {
	if err := s.check(txn); err != nil {
		return fmt.Errorf("cancel on %s: %w", s.target.Name, err)
	}
	if err := s.c.Cancel(ctx, txn.ID); err != nil {
		return notPending(fmt.Errorf("cancel on %s: %w", s.target.Name, err))
	}
	return nil
}

// notPending marks the target's answer that no commit is pending under the
// id (FailedPrecondition, or InvalidArgument for another id, as the
// commit-confirmed extension specifies) as providers.ErrNotPending.
func notPending(err error) error {
	switch status.Code(err) {
	case codes.FailedPrecondition, codes.InvalidArgument:
		return fmt.Errorf("%w: %w", providers.ErrNotPending, err)
	}
	return err
}

// check refuses a txn this package did not begin.
func (s *Session) check(txn *providers.Txn) error {
	switch {
	case txn == nil:
		return errors.New("no transaction")
	case txn.Kind != providers.ConfirmGNMI:
		return fmt.Errorf("transaction %q is a %q, not a %q", txn.ID, txn.Kind, providers.ConfirmGNMI)
	case txn.ID == "":
		return errors.New("transaction without commit id")
	}
	return nil
}

// Close ends the session. A pending commit is not affected.
func (s *Session) Close() error { return s.c.Close() }

// newCommitID returns a fresh commit id, unique enough that a later
// process can tell its commit apart.
func newCommitID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return "switchyard-" + hex.EncodeToString(b)
}
