package ncsession

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/transport/netconf"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/providers"
)

// NSCiscoIA is the namespace of IOS-XE's cisco-ia module.
const NSCiscoIA = "http://cisco.com/yang/cisco-ia"

// iaExtra is the mechanism-specific state of a cisco-ia txn (Txn.Extra).
type iaExtra struct {
	// Archive is the checkpoint of running taken before the push: the
	// target-url of the rollback that armed the timer.
	Archive string `json:"archive"`
	// Minutes is the revert-timer.
	Minutes int `json:"minutes"`
}

// Mechanism returns the rollback mechanism the device's hello offers: RFC
// 6241 confirmed commit where it advertises :candidate and
// :confirmed-commit:1.1, else cisco-ia's revert timer where it advertises
// the cisco-ia module, else none (providers.ConfirmNone).
func (s *Session) Mechanism() string {
	switch {
	case s.HasCandidate():
		return providers.ConfirmNETCONF
	case s.advertises("cisco-ia"):
		return providers.ConfirmCiscoIA
	}
	return providers.ConfirmNone
}

// beginCiscoIA pushes payload under cisco-ia's timed rollback. cisco-ia's
// rollback replaces running with a file and arms a timer that restores the
// configuration from *before* the rollback, so the timer is armed first,
// against a checkpoint of running itself (a replace that changes nothing),
// and the change is then edited into running: if switchyard dies, the timer
// restores the configuration from before the push. With running locked:
// checkpoint; rollback to it with revert-timer; edit running.
func (s *Session) beginCiscoIA(ctx context.Context, payload []*xmltree.Element, timeout time.Duration) (*providers.Txn, error) {
	eff, _, err := providers.CheckConfirmTimeout(s.target.Name, providers.ConfirmCiscoIA, timeout)
	if err != nil {
		return nil, err
	}
	minutes := int(eff / time.Minute)
	if err := s.nc.Lock(ctx, netconf.Running); err != nil {
		return nil, busy(s.target.Name, err)
	}
	defer func() {
		if err := unlock(ctx, s.nc, netconf.Running); err != nil {
			s.log.Warn("unlock failed", "datastore", netconf.Running, "err", err)
		}
	}()
	if err := s.checkExpected(ctx); err != nil {
		return nil, err
	}
	archive, err := s.checkpoint(ctx)
	if err != nil {
		return nil, fmt.Errorf("push to %s: %w", s.target.Name, err)
	}
	txn := s.PrepareTxn(eff)
	txn.Extra, _ = json.Marshal(iaExtra{Archive: archive, Minutes: minutes})
	if _, err := s.nc.Call(ctx, rollbackRPC(archive, minutes)); err != nil {
		if len(netconf.RPCErrors(err)) > 0 {
			// Refused: no timer armed (another timed rollback pending is
			// another writer's change in flight).
			return nil, busy(s.target.Name, fmt.Errorf("arm the revert timer on %s: %w", s.target.Name, err))
		}
		return txn, err // the timer may be armed; running is unchanged
	}
	opts := netconf.EditOptions{DefaultOperation: "merge"}
	if s.nc.Has(netconf.CapRollbackOnError) {
		opts.ErrorOption = "rollback-on-error"
	}
	if err := s.nc.EditConfig(ctx, netconf.Running, payload, opts); err != nil {
		if len(netconf.RPCErrors(err)) == 0 {
			return txn, err // no answer: the edit may be in running
		}
		if _, rerr := s.nc.Call(ctx, revertRPC()); rerr != nil {
			return txn, errors.Join(err, fmt.Errorf("revert the timed rollback: %w", rerr))
		}
		return nil, err
	}
	s.log.Info("change pending under the cisco-ia revert timer", "txn", txn.ID, "archive", archive, "minutes", minutes)
	return txn, nil
}

// confirmCiscoIA makes a cisco-ia txn permanent. cisco-ia has no confirm
// (its revert cancels the timer only by restoring at once; "configure
// confirm" has no rpc), so, with running locked: checkpoint running (the
// pushed change), revert (the timer ends, the configuration before the push
// is restored), rollback to the new checkpoint without a timer (the change
// is back, final). The change is withdrawn and replayed for the length of
// two configure replace operations; if the last step fails, the device is
// on the configuration from before the push, with nothing pending.
func (s *Session) confirmCiscoIA(ctx context.Context, txn *providers.Txn) error {
	if err := s.nc.Lock(ctx, netconf.Running); err != nil {
		return busy(s.target.Name, err)
	}
	defer func() {
		if err := unlock(ctx, s.nc, netconf.Running); err != nil {
			s.log.Warn("unlock failed", "datastore", netconf.Running, "err", err)
		}
	}()
	pushed, err := s.checkpoint(ctx)
	if err != nil {
		return fmt.Errorf("confirm on %s: %w", s.target.Name, err)
	}
	if _, err := s.nc.Call(ctx, revertRPC()); err != nil {
		return notPending(fmt.Errorf("confirm on %s: end the timed rollback: %w", s.target.Name, err))
	}
	if _, err := s.nc.Call(ctx, rollbackRPC(pushed, 0)); err != nil {
		return fmt.Errorf("confirm on %s: the timed rollback ended and restored the configuration from before the push, but putting the change back from %s failed: %w", s.target.Name, pushed, err)
	}
	s.log.Info("cisco-ia change confirmed", "txn", txn.ID, "archive", pushed)
	return nil
}

// cancelCiscoIA reverts a cisco-ia txn now (revert: the timer is cancelled
// and the configuration from before the push restored).
func (s *Session) cancelCiscoIA(ctx context.Context, _ *providers.Txn) error {
	if err := s.nc.Lock(ctx, netconf.Running); err != nil {
		return busy(s.target.Name, err)
	}
	defer func() {
		if err := unlock(ctx, s.nc, netconf.Running); err != nil {
			s.log.Warn("unlock failed", "datastore", netconf.Running, "err", err)
		}
	}()
	if _, err := s.nc.Call(ctx, revertRPC()); err != nil {
		return notPending(fmt.Errorf("cancel on %s: %w", s.target.Name, err))
	}
	return nil
}

// checkpoint runs cisco-ia's checkpoint and returns the archive file its
// result names (the last word with a ':' in it, as "flash:archive-3").
func (s *Session) checkpoint(ctx context.Context) (string, error) {
	out, err := s.nc.Call(ctx, xmltree.New(NSCiscoIA, "checkpoint"))
	if err != nil {
		return "", fmt.Errorf("checkpoint running: %w", err)
	}
	for _, e := range out {
		if e.Name.Local != "result" {
			continue
		}
		words := strings.Fields(e.Text)
		for i := len(words) - 1; i >= 0; i-- {
			if strings.Contains(words[i], ":") {
				return strings.TrimRight(words[i], "."), nil
			}
		}
		return "", fmt.Errorf("checkpoint running: the result %q names no archive file", e.Text)
	}
	return "", errors.New("checkpoint running: the reply has no result")
}

// rollbackRPC is cisco-ia's <rollback> to target, with a revert-timer
// when minutes > 0.
func rollbackRPC(target string, minutes int) *xmltree.Element {
	e := xmltree.New(NSCiscoIA, "rollback", xmltree.NewLeaf(NSCiscoIA, "target-url", target))
	if minutes > 0 {
		e.Children = append(e.Children, xmltree.NewLeaf(NSCiscoIA, "revert-timer", strconv.Itoa(minutes)))
	}
	return e
}

// revertRPC is cisco-ia's <revert> with <now/>: cancel the timer and
// restore at once.
func revertRPC() *xmltree.Element {
	return xmltree.New(NSCiscoIA, "revert", xmltree.New(NSCiscoIA, "now"))
}
