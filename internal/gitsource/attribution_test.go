package gitsource

import (
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-cmp/cmp"
)

func TestPullRequestOf(t *testing.T) {
	tests := []struct {
		msg  string
		want int
	}{
		{"Merge pull request #42 from ada/desks\n\nmove desks", 42},
		{"Move desks (#17)\n\n* first\n* second", 17},
		{"Merge branch 'desks' into 'main'\n\nmove desks\n\nSee merge request netops/campus!9", 9},
		{"Merge pull request 'move desks' (#5) from ada/desks into main", 5},
		{"fix #12 in the hostname", 0},
		{"plain commit", 0},
	}
	for _, tt := range tests {
		if got := PullRequestOf(tt.msg); got != tt.want {
			t.Errorf("PullRequestOf(%q) = %d, want %d", tt.msg, got, tt.want)
		}
	}
}

func TestCoAuthorsOf(t *testing.T) {
	msg := "subject\n\nbody\n\nCo-authored-by: Alan Turing <alan@example.net>\nco-authored-by: Grace Hopper <grace@example.net>\nCo-authored-by: Alan Turing <alan@other.example>\nSigned-off-by: Ada <ada@example.com>\n"
	if diff := cmp.Diff([]string{"Alan Turing", "Grace Hopper"}, CoAuthorsOf(msg)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestMergeCommitAttribution builds main and a feature branch (which
// merged main once along the way), merges it as GitHub does, and checks
// that the revision names the branch's authors, not the merger nor the
// authors of main's own commits.
func TestMergeCommitAttribution(t *testing.T) {
	f := newFixture(t, false)
	tree := f.tree(map[string]string{"a.yaml": "a\n"})
	at := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	mk := func(author, msg string, parents ...plumbing.Hash) plumbing.Hash {
		at = at.Add(time.Minute)
		who := object.Signature{Name: author, Email: author + "@example.net", When: at}
		return f.store(&object.Commit{Author: who, Committer: who, Message: msg, TreeHash: tree, ParentHashes: parents})
	}
	base := mk("Root", "base")
	main1 := mk("Mainline Mary", "main work", base)
	feat1 := mk("Ada Lovelace", "feature 1\n\nCo-authored-by: Alan Turing <alan@example.net>", base)
	sync := mk("Ada Lovelace", "Merge branch 'main' into desks", feat1, main1)
	feat2 := mk("Grace Hopper", "feature 2", sync)
	main2 := mk("Mainline Mary", "more main work", main1)
	who := object.Signature{Name: "Merge Bot", Email: "bot@example.net", When: at.Add(time.Hour)}
	merge := f.store(&object.Commit{Author: who, Committer: object.Signature{Name: "GitHub", Email: "noreply@github.com", When: at.Add(time.Hour)},
		Message: "Merge pull request #42 from ada/desks\n\nmove desks", TreeHash: tree, ParentHashes: []plumbing.Hash{main2, feat2}})
	f.setRef("refs/heads/main", merge)

	c, err := f.repo.CommitObject(merge)
	if err != nil {
		t.Fatal(err)
	}
	rev := revisionOf(c, "refs/heads/main", f.dir)
	want := Revision{Committer: "GitHub", Authors: []string{"Grace Hopper", "Ada Lovelace"}, CoAuthors: []string{"Alan Turing"},
		PullRequest: 42, MergeCommit: true}
	got := Revision{Committer: rev.Committer, Authors: rev.Authors, CoAuthors: rev.CoAuthors, PullRequest: rev.PullRequest, MergeCommit: rev.MergeCommit}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attribution (-want +got):\n%s", diff)
	}
	if rev.Author != "Merge Bot" {
		t.Errorf("Author %q, want the merge commit's own author kept", rev.Author)
	}

	// A squash merge: one commit, its author and trailers.
	sq := mk("Ada Lovelace", "Move desks (#43)\n\nCo-authored-by: Grace Hopper <grace@example.net>", merge)
	c, err = f.repo.CommitObject(sq)
	if err != nil {
		t.Fatal(err)
	}
	rev = revisionOf(c, "refs/heads/main", f.dir)
	if rev.PullRequest != 43 || rev.MergeCommit || !cmp.Equal(rev.Authors, []string{"Ada Lovelace"}) || !cmp.Equal(rev.CoAuthors, []string{"Grace Hopper"}) {
		t.Errorf("squash merge: PR %d merge %v authors %v co-authors %v", rev.PullRequest, rev.MergeCommit, rev.Authors, rev.CoAuthors)
	}
}
