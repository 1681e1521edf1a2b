package gitsource

import (
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/object"
)

// WorktreeHash is the Hash of the Revision of a plain folder that is not a
// Git repository: its content is used as it is, with no history.
const WorktreeHash = "worktree"

// Revision identifies what was loaded: it travels with every plan, apply and
// audit record. The zero value means "no revision".
type Revision struct {
	// Hash is the full commit hash, or WorktreeHash for a plain folder.
	Hash string `json:"hash"`
	// ShortHash is the first 7 characters of Hash.
	ShortHash string `json:"short_hash"`
	// Ref is the full name of the followed reference ("refs/heads/main",
	// "refs/tags/v1.2", or "HEAD" for a detached local repository).
	Ref string `json:"ref,omitempty"`
	// Author and AuthorEmail come from the commit's author line.
	Author      string `json:"author,omitempty"`
	AuthorEmail string `json:"author_email,omitempty"`
	// Message is the first line of the commit message.
	Message string `json:"message,omitempty"`
	// Time is the committer time (when the commit was made on its branch).
	Time time.Time `json:"time,omitzero"`
	// Signed reports that the Source's Gate verified the commit's
	// signature. Without a gate it is always false: signatures are not
	// checked.
	Signed bool `json:"signed"`
	// SignedBy names the verifying key when Signed: "SSH SHA256:… principal"
	// or "OpenPGP FINGERPRINT identity".
	SignedBy string `json:"signed_by,omitempty"`
	// SignatureProblem says why a gate rejected the commit ("commit is not
	// signed", …); empty when Signed or when there is no gate.
	SignatureProblem string `json:"signature_problem,omitempty"`
	// Source is the sanitised location the revision came from.
	Source string `json:"source,omitempty"`
	// Committer is the commit's committer (who merged or applied it).
	Committer string `json:"committer,omitempty"`
	// Authors are the authors of the change: for a merge commit, the
	// authors of the commits it merged (its second parent's side); for
	// another commit, its author. See Attribution.
	Authors []string `json:"authors,omitempty"`
	// CoAuthors are the Co-authored-by trailers of those commits.
	CoAuthors []string `json:"co_authors,omitempty"`
	// PullRequest is the pull or merge request number the commit message
	// names (GitHub "Merge pull request #N", a squash "… (#N)", GitLab
	// "See merge request group/project!N"); 0 when none.
	PullRequest int `json:"pull_request,omitempty"`
	// MergeCommit reports that the commit has more than one parent.
	MergeCommit bool `json:"merge_commit,omitempty"`
}

// IsWorktree reports whether r is the pseudo revision of a plain folder.
func (r Revision) IsWorktree() bool { return r.Hash == WorktreeHash }

// String is "SHORTHASH (REF)" or "worktree".
func (r Revision) String() string {
	if r.Hash == "" {
		return "(none)"
	}
	if r.Ref == "" {
		return r.ShortHash
	}
	return r.ShortHash + " (" + r.Ref + ")"
}

// revisionOf describes commit c reached through ref.
func revisionOf(c *object.Commit, ref, source string) Revision {
	h := c.Hash.String()
	msg, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	rev := Revision{
		Hash:        h,
		ShortHash:   h[:7],
		Ref:         ref,
		Author:      c.Author.Name,
		AuthorEmail: c.Author.Email,
		Message:     strings.TrimSpace(msg),
		Time:        c.Committer.When,
		Source:      source,
		Committer:   c.Committer.Name,
	}
	attribute(&rev, c)
	return rev
}
