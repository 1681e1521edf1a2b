package gitsource

import (
	"context"
	"fmt"
)

// DefaultSinceDepth bounds how many commits Since walks.
const DefaultSinceDepth = 50

// Since returns the revisions a push of head brings to a device that last
// had revision from: head and its first-parent ancestors back to, not
// including, from — newest first, at most depth of them (depth <= 0 is
// DefaultSinceDepth). complete is false when from was not reached (not an
// ancestor, unknown, empty, or more than depth commits back): the list is
// then head's newest depth commits. A plain folder has no history: it
// returns nil.
func (s *Source) Since(ctx context.Context, head Revision, from string, depth int) (revs []Revision, complete bool, err error) {
	if !s.isRepo || head.IsWorktree() {
		return nil, false, nil
	}
	if depth <= 0 {
		depth = DefaultSinceDepth
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	repo, err := s.openRepo()
	if err != nil {
		return nil, false, s.wrap("history of", err)
	}
	c, err := s.commit(repo, head)
	if err != nil {
		return nil, false, s.wrap("history of", err)
	}
	for len(revs) < depth {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		if c.Hash.String() == from {
			return revs, true, nil
		}
		revs = append(revs, revisionOf(c, head.Ref, s.display))
		if len(c.ParentHashes) == 0 {
			break
		}
		if c, err = firstParent(c); err != nil {
			return nil, false, s.wrap("history of", fmt.Errorf("%s: %w", head.ShortHash, err))
		}
	}
	return revs, false, nil
}
