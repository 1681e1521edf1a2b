package netconf

import (
	"context"
	"fmt"
	"time"

	"github.com/scrapli/scrapligo/driver/opoptions"
	"github.com/scrapli/scrapligo/response"
	"github.com/scrapli/scrapligo/util"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// CommitOptions select the kind of <commit> (RFC 6241 §8.3.4.1, §8.4.5.1).
// The zero value is a plain commit, which also confirms a pending
// confirmed commit issued by this session without persist.
type CommitOptions struct {
	// Confirmed makes the commit confirmed: the server reverts it unless a
	// confirming commit arrives within Timeout. Another confirmed commit
	// while one is pending extends the timer.
	Confirmed bool
	// Timeout is the confirm-timeout, rounded up to whole seconds; zero
	// leaves it to the server (600 s by RFC 6241). Only with Confirmed.
	Timeout time.Duration
	// Persist makes the pending commit survive the end of this session; any
	// session that gives the same value as PersistID can confirm or cancel
	// it. Only with Confirmed; needs :confirmed-commit:1.1.
	Persist string
	// PersistID names the pending persistent confirmed commit that this
	// commit confirms (without Confirmed) or extends (with Confirmed),
	// typically from a new session. Needs :confirmed-commit:1.1.
	PersistID string
}

// validate checks o against itself and the server's capabilities.
func (o CommitOptions) validate(s *Session) error {
	switch {
	case o.Timeout < 0:
		return fmt.Errorf("%w: negative confirm timeout %s", ErrInvalidArgument, o.Timeout)
	case !o.Confirmed && (o.Timeout != 0 || o.Persist != ""):
		return fmt.Errorf("%w: a confirm timeout or persist needs a confirmed commit", ErrInvalidArgument)
	}
	if err := s.require("commit", CapCandidate); err != nil {
		return err
	}
	if o.Persist != "" || o.PersistID != "" {
		return s.require("persist and persist-id", CapConfirmedCommit11)
	}
	if o.Confirmed {
		return s.require("confirmed commit", CapConfirmedCommit11, CapConfirmedCommit10)
	}
	return nil
}

// describe names the kind of commit for errors and logs.
func (o CommitOptions) describe() string {
	switch {
	case o.Confirmed && o.PersistID != "":
		return "commit confirmed (extending persist-id)"
	case o.Confirmed:
		return "commit confirmed"
	case o.PersistID != "":
		return "commit (confirming persist-id)"
	}
	return "commit"
}

// Commit runs <commit> with opts: plain, confirmed (with timeout and
// persist), or confirming a persistent confirmed commit from a new
// session with PersistID. The persist token is never logged.
func (s *Session) Commit(ctx context.Context, opts CommitOptions) error {
	op := opts.describe()
	if err := opts.validate(s); err != nil {
		return fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	var ops []util.Option
	if opts.Confirmed {
		ops = append(ops, opoptions.WithCommitConfirmed())
	}
	if opts.Timeout > 0 {
		ops = append(ops, opoptions.WithCommitConfirmTimeout(uint((opts.Timeout+time.Second-1)/time.Second)))
	}
	if opts.Persist != "" {
		ops = append(ops, opoptions.WithCommitConfirmedPersist(opts.Persist))
	}
	if opts.PersistID != "" {
		ops = append(ops, opoptions.WithCommitConfirmedPersistID(opts.PersistID))
	}
	_, err := s.do(ctx, op, func(t time.Duration) (*response.NetconfResponse, error) {
		return s.drv.Commit(append(ops, opoptions.WithTimeoutOps(t))...)
	})
	if err != nil {
		return err
	}
	s.log.Info("committed", "confirmed", opts.Confirmed, "timeout", opts.Timeout,
		"persist", opts.Persist != "", "persist_id", opts.PersistID != "")
	return nil
}

// CancelCommit runs <cancel-commit> (RFC 6241 §8.4.4.1): the pending
// confirmed commit is reverted now. persistID names a persistent one (from
// any session); "" cancels the one this session issued without persist.
// Needs :confirmed-commit:1.1.
func (s *Session) CancelCommit(ctx context.Context, persistID string) error {
	const op = "cancel-commit"
	if err := s.require(op, CapConfirmedCommit11); err != nil {
		return fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	body := xmltree.New(NSBase, "cancel-commit")
	if persistID != "" {
		body.Children = append(body.Children, xmltree.NewLeaf(NSBase, "persist-id", persistID))
	}
	if _, err := s.rpc(ctx, op, body); err != nil {
		return err
	}
	s.log.Info("confirmed commit canceled", "persist_id", persistID != "")
	return nil
}

// DiscardChanges runs <discard-changes> (RFC 6241 §8.3.4.2): the
// candidate is reset to running.
func (s *Session) DiscardChanges(ctx context.Context) error {
	const op = "discard-changes"
	if err := s.require(op, CapCandidate); err != nil {
		return fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	if _, err := s.rpc(ctx, op, xmltree.New(NSBase, "discard-changes")); err != nil {
		return err
	}
	s.log.Info("candidate changes discarded")
	return nil
}

// Validate runs <validate> on datastore source (RFC 6241 §8.6).
// Needs :validate. Some servers (netconfd) mishandle a commit that follows
// a validate of the candidate; re-read running after committing.
func (s *Session) Validate(ctx context.Context, source string) error {
	op := "validate " + source
	if err := s.require(op, CapValidate11, CapValidate10); err != nil {
		return fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	if err := s.checkDatastore(source, false); err != nil {
		return fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	_, err := s.rpc(ctx, op, xmltree.New(NSBase, "validate", datastoreParam("source", source)))
	return err
}
