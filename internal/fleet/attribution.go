package fleet

import (
	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/state"
)

// Attribute copies who a revision is from into an audit record of a push:
// its authors and co-authors, committer, pull request and, for a merge
// commit, the merge commit.
func Attribute(rec *state.Record, rev gitsource.Revision) {
	rec.Authors, rec.CoAuthors = state.People(rev.Authors), state.People(rev.CoAuthors)
	rec.Committer, rec.PullRequest = rev.Committer, rev.PullRequest
	if rev.MergeCommit {
		rec.MergeCommit = rev.Hash
	}
}
