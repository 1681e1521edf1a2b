package netconf

import (
	"context"
	"fmt"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Lock runs <lock> on datastore target (RFC 6241 §7.5). When another
// session holds the lock, or (for the candidate) has uncommitted changes,
// the error satisfies IsLockDenied and its *RPCError's SessionID names
// that session. The server releases the lock when this session ends.
func (s *Session) Lock(ctx context.Context, target string) error {
	return s.lockOp(ctx, "lock", target)
}

// Unlock runs <unlock> on datastore target (RFC 6241 §7.6).
func (s *Session) Unlock(ctx context.Context, target string) error {
	return s.lockOp(ctx, "unlock", target)
}

func (s *Session) lockOp(ctx context.Context, name, target string) error {
	op := name + " " + target
	if err := s.checkDatastore(target, false); err != nil {
		return fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	if _, err := s.rpc(ctx, op, xmltree.New(NSBase, name, datastoreParam("target", target))); err != nil {
		return err
	}
	s.log.Info("datastore "+name+"ed", "datastore", target)
	return nil
}
