package gitsource

import (
	"context"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing/object"
)

// DefaultLastGoodDepth is how many commits LastGood examines when given a
// non-positive depth.
const DefaultLastGoodDepth = 100

// LastGood walks back from head along first parents and returns the newest
// revision that passes the Source's Gate, examining at most depth commits
// (head included; non-positive means DefaultLastGoodDepth). The daemon keeps
// enforcing that revision while the head is unsigned, and reports the head
// with its SignatureProblem. The returned revision keeps head's Ref. It
// returns an error wrapping ErrNoGoodRevision when none qualifies, and
// ErrInvalidSpec when the Source has no gate or is a plain folder.
func (s *Source) LastGood(ctx context.Context, head Revision, depth int) (Revision, error) {
	if s.opts.gate == nil || !s.isRepo {
		return Revision{}, fmt.Errorf("last good revision of %s: %w: no signature gate on a Git source", s.display, ErrInvalidSpec)
	}
	if depth <= 0 {
		depth = DefaultLastGoodDepth
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	repo, err := s.openRepo()
	if err != nil {
		return Revision{}, s.wrap("last good revision of", err)
	}
	c, err := s.commit(repo, head)
	if err != nil {
		return Revision{}, s.wrap("last good revision of", err)
	}
	examined := 0
	for examined < depth {
		examined++
		if err := ctx.Err(); err != nil {
			return Revision{}, err
		}
		if by, err := s.opts.gate.Verify(c); err == nil {
			rev := revisionOf(c, head.Ref, s.display)
			rev.Signed, rev.SignedBy = true, by
			return rev, nil
		}
		if len(c.ParentHashes) == 0 {
			break
		}
		if c, err = firstParent(c); err != nil {
			return Revision{}, s.wrap("last good revision of", err)
		}
	}
	return Revision{}, fmt.Errorf("last good revision of %s from %s: %w (searched %d commits)", s.display, head.ShortHash, ErrNoGoodRevision, examined)
}

func firstParent(c *object.Commit) (*object.Commit, error) {
	p, err := c.Parent(0)
	if err != nil {
		return nil, fmt.Errorf("parent of %s: %w", short(c.Hash), err)
	}
	return p, nil
}
