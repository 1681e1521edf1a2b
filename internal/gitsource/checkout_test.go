package gitsource

import (
	"errors"
	"os"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-cmp/cmp"
)

func TestCheckoutRefusesUnsafeTrees(t *testing.T) {
	tests := []struct {
		name    string
		tree    func(f *fixture) plumbing.Hash
		limits  Limits
		wantErr error
	}{
		{
			name: "entry named dot-dot",
			tree: func(f *fixture) plumbing.Hash {
				return f.rawTree([]object.TreeEntry{{Name: "..", Mode: filemode.Regular, Hash: f.blob("x")}})
			},
			wantErr: ErrUnsafeTree,
		},
		{
			name: "entry name with a path separator escapes",
			tree: func(f *fixture) plumbing.Hash {
				return f.rawTree([]object.TreeEntry{{Name: "../../evil", Mode: filemode.Regular, Hash: f.blob("x")}})
			},
			wantErr: ErrUnsafeTree,
		},
		{
			name: "entry named .git",
			tree: func(f *fixture) plumbing.Hash {
				return f.rawTree([]object.TreeEntry{{Name: ".GIT", Mode: filemode.Regular, Hash: f.blob("x")}})
			},
			wantErr: ErrUnsafeTree,
		},
		{
			name: "symlink climbing out of the tree",
			tree: func(f *fixture) plumbing.Hash {
				return f.tree(map[string]string{"a/link": linkPrefix + "../../etc/passwd"})
			},
			wantErr: ErrUnsafeTree,
		},
		{
			name:    "absolute symlink",
			tree:    func(f *fixture) plumbing.Hash { return f.tree(map[string]string{"link": linkPrefix + "/etc/passwd"}) },
			wantErr: ErrUnsafeTree,
		},
		{
			name: "symlink chain that only escapes when resolved",
			tree: func(f *fixture) plumbing.Hash {
				return f.tree(map[string]string{"here": linkPrefix + ".", "out": linkPrefix + "here/.."})
			},
			wantErr: ErrUnsafeTree,
		},
		{
			name:    "dangling symlink",
			tree:    func(f *fixture) plumbing.Hash { return f.tree(map[string]string{"link": linkPrefix + "missing"}) },
			wantErr: ErrUnsafeTree,
		},
		{
			name: "submodule",
			tree: func(f *fixture) plumbing.Hash {
				return f.rawTree([]object.TreeEntry{{Name: "sub", Mode: filemode.Submodule, Hash: plumbing.NewHash("0123456789012345678901234567890123456789")}})
			},
			wantErr: ErrUnsafeTree,
		},
		{
			name:    "file over the size limit",
			tree:    func(f *fixture) plumbing.Hash { return f.tree(map[string]string{"big": "0123456789"}) },
			limits:  Limits{MaxFileSize: 9},
			wantErr: ErrTooLarge,
		},
		{
			name:    "tree over the total limit",
			tree:    func(f *fixture) plumbing.Hash { return f.tree(map[string]string{"a": "12345", "b": "12345"}) },
			limits:  Limits{MaxTotalSize: 9},
			wantErr: ErrTooLarge,
		},
		{
			name:    "too many entries",
			tree:    func(f *fixture) plumbing.Hash { return f.tree(map[string]string{"d/a": "1", "d/b": "2"}) },
			limits:  Limits{MaxEntries: 2},
			wantErr: ErrTooLarge,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, true)
			f.commit("refs/heads/main", tt.tree(f), "unsafe", nil)
			tmp := t.TempDir()
			src, err := Open(t.Context(), Spec{URL: f.dir}, WithLimits(tt.limits), WithTempDir(tmp))
			if err != nil {
				t.Fatal(err)
			}
			rev, err := src.Fetch(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			_, cleanup, err := src.Checkout(t.Context(), rev)
			if !errors.Is(err, tt.wantErr) {
				if cleanup != nil {
					cleanup()
				}
				t.Fatalf("Checkout error = %v, want %v", err, tt.wantErr)
			}
			left, _ := os.ReadDir(tmp)
			if len(left) != 0 {
				t.Errorf("a failed Checkout left %d entries in the temp folder", len(left))
			}
		})
	}
}

func TestCheckoutKeepsSafeSymlinksAndModes(t *testing.T) {
	f := newFixture(t, true)
	tree := f.rawTree([]object.TreeEntry{
		{Name: "run.sh", Mode: filemode.Executable, Hash: f.blob("#!/bin/sh\n")},
		{Name: "shared", Mode: filemode.Dir, Hash: f.tree(map[string]string{"acl.yaml": "acl\n"})},
		{Name: "site", Mode: filemode.Dir, Hash: f.tree(map[string]string{"acl.yaml": linkPrefix + "../shared/acl.yaml"})},
	})
	f.commit("refs/heads/main", tree, "links", nil)
	src, err := Open(t.Context(), Spec{URL: f.dir})
	if err != nil {
		t.Fatal(err)
	}
	rev, err := src.Fetch(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	dir, cleanup, err := src.Checkout(t.Context(), rev)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	want := map[string]string{"run.sh": "#!/bin/sh\n", "shared/acl.yaml": "acl\n", "site/acl.yaml": linkPrefix + "../shared/acl.yaml"}
	if diff := cmp.Diff(want, readTree(t, dir)); diff != "" {
		t.Errorf("tree (-want +got):\n%s", diff)
	}
	fi, err := os.Stat(dir + "/run.sh")
	if err != nil || fi.Mode().Perm()&0o100 == 0 {
		t.Errorf("run.sh mode = %v, %v; want executable", fi.Mode(), err)
	}
}

func TestCheckoutRefusesNonHash(t *testing.T) {
	f := newFixture(t, true)
	f.commitFiles("refs/heads/main", map[string]string{"a": "a"}, "a")
	src, err := Open(t.Context(), Spec{URL: f.dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := src.Checkout(t.Context(), Revision{Hash: WorktreeHash}); !errors.Is(err, ErrInvalidSpec) {
		t.Fatalf("Checkout(worktree) on a repository = %v, want ErrInvalidSpec", err)
	}
}
