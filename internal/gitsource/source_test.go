package gitsource

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFetchPlainFolderIsWorktree(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"campus/inventory.yaml": "devices: []\n"})
	src, err := Open(t.Context(), Spec{URL: dir, SubPath: "campus"})
	if err != nil {
		t.Fatal(err)
	}
	rev, err := src.Fetch(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !rev.IsWorktree() || rev.Hash != WorktreeHash {
		t.Fatalf("revision = %+v, want the worktree revision", rev)
	}
	got, cleanup, err := src.Checkout(t.Context(), rev)
	if err != nil {
		t.Fatal(err)
	}
	cleanup()
	if want := filepath.Join(dir, "campus"); got != want {
		t.Errorf("Checkout dir = %q, want the folder itself %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(got, "inventory.yaml")); err != nil {
		t.Errorf("cleanup of a plain folder must not remove it: %v", err)
	}
}

func TestOpenPlainFolderRefusesRef(t *testing.T) {
	_, err := Open(t.Context(), Spec{URL: t.TempDir(), Ref: "main"})
	if !errors.Is(err, ErrInvalidSpec) {
		t.Fatalf("Open = %v, want ErrInvalidSpec", err)
	}
}

func TestOpenMissingFolder(t *testing.T) {
	_, err := Open(t.Context(), Spec{URL: filepath.Join(t.TempDir(), "nope")})
	if err == nil {
		t.Fatal("Open of a missing folder succeeded")
	}
}

func TestFetchLocalRepoReadsCommittedHeadNotWorkTree(t *testing.T) {
	f := newFixture(t, false)
	h := f.commitFiles("refs/heads/main", map[string]string{
		"intent/devices.yaml": "committed\n",
		"README.md":           "readme\n",
	}, "add campus devices\n\nlong body\n")
	// A dirty work tree: edited and untracked files that were never committed.
	writeFiles(t, f.dir, map[string]string{"intent/devices.yaml": "dirty edit\n", "intent/new.yaml": "untracked\n"})

	src, err := Open(t.Context(), Spec{URL: f.dir, SubPath: "intent"})
	if err != nil {
		t.Fatal(err)
	}
	rev, err := src.Fetch(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := Revision{
		Hash: h.String(), ShortHash: h.String()[:7], Ref: "refs/heads/main",
		Author: "Ada Lovelace", AuthorEmail: "ada@example.com", Message: "add campus devices",
		Time: time.Date(2026, 1, 2, 3, 4, 1, 0, time.UTC), Source: f.dir,
		Committer: "Ada Lovelace", Authors: []string{"Ada Lovelace"},
	}
	if diff := cmp.Diff(want, rev); diff != "" {
		t.Errorf("Fetch (-want +got):\n%s", diff)
	}
	dir, cleanup, err := src.Checkout(t.Context(), rev)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	if diff := cmp.Diff(map[string]string{"devices.yaml": "committed\n"}, readTree(t, dir)); diff != "" {
		t.Errorf("checked out tree (-want +got):\n%s", diff)
	}
	cleanup()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("cleanup left %s: %v", dir, err)
	}
}

func TestFetchBareRepo(t *testing.T) {
	f := newFixture(t, true)
	h := f.commitFiles("refs/heads/main", map[string]string{"a.yaml": "a\n"}, "one")
	src, err := Open(t.Context(), Spec{URL: "file://" + f.dir})
	if err != nil {
		t.Fatal(err)
	}
	rev, err := src.Fetch(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if rev.Hash != h.String() || rev.Ref != "refs/heads/main" {
		t.Fatalf("Fetch = %s %s, want %s on main", rev.Hash, rev.Ref, h)
	}
	dir, cleanup, err := src.Checkout(t.Context(), rev)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if diff := cmp.Diff(map[string]string{"a.yaml": "a\n"}, readTree(t, dir)); diff != "" {
		t.Errorf("tree (-want +got):\n%s", diff)
	}
}

func TestFetchRefs(t *testing.T) {
	f := newFixture(t, true)
	mainHash := f.commitFiles("refs/heads/main", map[string]string{"f": "main\n"}, "on main")
	devHash := f.commitFiles("refs/heads/dev", map[string]string{"f": "dev\n"}, "on dev")
	f.annotatedTag("v1", mainHash)
	f.setRef("refs/tags/light", devHash)
	f.setRef("refs/tags/dev", mainHash) // "dev" is now a branch and a tag

	tests := []struct {
		name    string
		ref     string
		wantRef string
		want    string
		wantErr error
	}{
		{name: "default ref follows HEAD", ref: "", wantRef: "refs/heads/main", want: mainHash.String()},
		{name: "branch by short name", ref: "main", wantRef: "refs/heads/main", want: mainHash.String()},
		{name: "annotated tag peels to its commit", ref: "v1", wantRef: "refs/tags/v1", want: mainHash.String()},
		{name: "lightweight tag", ref: "light", wantRef: "refs/tags/light", want: devHash.String()},
		{name: "full branch name settles an ambiguity", ref: "refs/heads/dev", wantRef: "refs/heads/dev", want: devHash.String()},
		{name: "full tag name settles an ambiguity", ref: "refs/tags/dev", wantRef: "refs/tags/dev", want: mainHash.String()},
		{name: "short name both branch and tag is refused", ref: "dev", wantErr: ErrAmbiguousRef},
		{name: "missing ref", ref: "nope", wantErr: ErrRefNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Open(t.Context(), Spec{URL: f.dir, Ref: tt.ref})
			if err != nil {
				t.Fatal(err)
			}
			rev, err := src.Fetch(t.Context())
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Fetch error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rev.Hash != tt.want || rev.Ref != tt.wantRef {
				t.Errorf("Fetch = %s %s, want %s %s", rev.ShortHash, rev.Ref, tt.want[:7], tt.wantRef)
			}
		})
	}
}

func TestFetchAfterNewCommitMovesRevision(t *testing.T) {
	f := newFixture(t, false)
	first := f.commitFiles("refs/heads/main", map[string]string{"f": "1\n"}, "first")
	src, err := Open(t.Context(), Spec{URL: f.dir})
	if err != nil {
		t.Fatal(err)
	}
	rev1, err := src.Fetch(t.Context())
	if err != nil || rev1.Hash != first.String() {
		t.Fatalf("first Fetch = %v, %v", rev1, err)
	}
	second := f.commitFiles("refs/heads/main", map[string]string{"f": "2\n"}, "second")
	rev2, err := src.Fetch(t.Context())
	if err != nil || rev2.Hash != second.String() {
		t.Fatalf("second Fetch = %v, %v; want %s", rev2, err, second)
	}
	// The old revision can still be checked out exactly.
	dir, cleanup, err := src.Checkout(t.Context(), rev1)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if diff := cmp.Diff(map[string]string{"f": "1\n"}, readTree(t, dir)); diff != "" {
		t.Errorf("old revision tree (-want +got):\n%s", diff)
	}
}

func TestCheckoutSubPath(t *testing.T) {
	f := newFixture(t, true)
	f.commitFiles("refs/heads/main", map[string]string{
		"sites/campus/inventory.yaml":   "campus\n",
		"sites/campus/groups/core.yaml": "core\n",
		"sites/dc/inventory.yaml":       "dc\n",
	}, "sites")
	tests := []struct {
		name    string
		sub     string
		want    map[string]string
		wantErr bool
	}{
		{name: "nested folder only", sub: "sites/campus", want: map[string]string{"inventory.yaml": "campus\n", "groups/core.yaml": "core\n"}},
		{name: "trailing slash and dots are cleaned", sub: "./sites/dc/", want: map[string]string{"inventory.yaml": "dc\n"}},
		{name: "missing folder", sub: "sites/branch", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Open(t.Context(), Spec{URL: f.dir, SubPath: tt.sub})
			if err != nil {
				t.Fatal(err)
			}
			rev, err := src.Fetch(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			dir, cleanup, err := src.Checkout(t.Context(), rev)
			if tt.wantErr {
				if err == nil {
					cleanup()
					t.Fatal("Checkout succeeded, want an error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer cleanup()
			if diff := cmp.Diff(tt.want, readTree(t, dir)); diff != "" {
				t.Errorf("tree (-want +got):\n%s", diff)
			}
		})
	}
}
