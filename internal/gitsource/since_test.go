package gitsource

import (
	"testing"
)

func TestSinceListsTheRevisionsAPushBrings(t *testing.T) {
	f := newFixture(t, false)
	a := f.commitFiles("refs/heads/main", map[string]string{"x": "1"}, "a")
	b := f.commitFiles("refs/heads/main", map[string]string{"x": "2"}, "Merge pull request #3 from ada/b")
	c := f.commitFiles("refs/heads/main", map[string]string{"x": "3"}, "c (#4)")
	src, err := Open(t.Context(), Spec{URL: f.dir})
	if err != nil {
		t.Fatal(err)
	}
	head, err := src.Fetch(t.Context())
	if err != nil || head.Hash != c.String() {
		t.Fatalf("fetch: %v %v", head, err)
	}
	revs, complete, err := src.Since(t.Context(), head, a.String(), 0)
	if err != nil || !complete || len(revs) != 2 || revs[0].Hash != c.String() || revs[1].Hash != b.String() ||
		revs[0].PullRequest != 4 || revs[1].PullRequest != 3 {
		t.Errorf("since a: %+v complete %v err %v, want c (#4) and b (#3)", revs, complete, err)
	}
	revs, complete, err = src.Since(t.Context(), head, "", 2)
	if err != nil || complete || len(revs) != 2 {
		t.Errorf("since nothing, depth 2: %d revisions, complete %v, err %v; want 2 and incomplete", len(revs), complete, err)
	}
	revs, complete, err = src.Since(t.Context(), head, c.String(), 0)
	if err != nil || !complete || len(revs) != 0 {
		t.Errorf("since head: %d revisions, complete %v, err %v; want none", len(revs), complete, err)
	}
}
