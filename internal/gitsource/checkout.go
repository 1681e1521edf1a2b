package gitsource

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// maxLinkTarget bounds a symlink target read from a blob.
const maxLinkTarget = 4096

// Checkout materialises rev's tree (its SubPath only) into a fresh
// temporary folder and returns that folder and a cleanup that removes it.
// Files are read from the object store, never from a work tree, so the
// loader sees exactly that revision even while someone edits the checkout.
// Entries whose name could escape the folder, symlinks whose target is
// absolute, dangling or resolves outside the folder, and submodules are
// refused with ErrUnsafeTree; files and trees over the Limits with
// ErrTooLarge. On error nothing is left behind.
//
// For the WorktreeHash revision of a plain folder, Checkout returns the
// folder itself (joined with SubPath) and a no-op cleanup.
func (s *Source) Checkout(ctx context.Context, rev Revision) (string, func(), error) {
	if !s.isRepo {
		if !rev.IsWorktree() {
			return "", nil, fmt.Errorf("checkout %s: %w: a plain folder has only the %q revision", s.display, ErrInvalidSpec, WorktreeHash)
		}
		dir := filepath.Join(s.dir, filepath.FromSlash(s.sub))
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return "", nil, fmt.Errorf("checkout %s: sub-path %q is not a folder", s.display, s.sub)
		}
		return dir, func() {}, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	dir, err := s.checkout(ctx, rev)
	if err != nil {
		return "", nil, s.wrap("checkout "+rev.ShortHash+" of", err)
	}
	return dir, func() { _ = os.RemoveAll(dir) }, nil
}

func (s *Source) checkout(ctx context.Context, rev Revision) (string, error) {
	repo, err := s.openRepo()
	if err != nil {
		return "", err
	}
	c, err := s.commit(repo, rev)
	if err != nil {
		return "", err
	}
	tree, err := c.Tree()
	if err != nil {
		return "", err
	}
	if s.sub != "" {
		if tree, err = tree.Tree(s.sub); err != nil {
			return "", fmt.Errorf("sub-path %q: %w", s.sub, err)
		}
	}
	dir, err := os.MkdirTemp(s.opts.tempDir, "switchyard-rev-")
	if err != nil {
		return "", err
	}
	if err := materialise(ctx, repo, tree, dir, s.opts.limits); err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// treeWriter writes one tree below root, counting against limits.
type treeWriter struct {
	repo    *git.Repository
	root    *os.Root
	limits  Limits
	entries int
	total   int64
	links   []string
}

// materialise writes tree into the empty folder dir.
func materialise(ctx context.Context, repo *git.Repository, tree *object.Tree, dir string, limits Limits) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	w := &treeWriter{repo: repo, root: root, limits: limits.withDefaults()}
	if err := w.walk(ctx, tree, ""); err != nil {
		return err
	}
	return checkLinks(dir, w.links)
}

func (w *treeWriter) walk(ctx context.Context, tree *object.Tree, prefix string) error {
	for _, e := range tree.Entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := entryPath(prefix, e.Name)
		if err != nil {
			return err
		}
		if w.entries++; w.entries > w.limits.MaxEntries {
			return fmt.Errorf("%w: more than %d entries", ErrTooLarge, w.limits.MaxEntries)
		}
		if err := w.entry(ctx, e, rel); err != nil {
			return err
		}
	}
	return nil
}

func (w *treeWriter) entry(ctx context.Context, e object.TreeEntry, rel string) error {
	switch e.Mode {
	case filemode.Dir:
		sub, err := w.repo.TreeObject(e.Hash)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		if err := w.root.Mkdir(filepath.FromSlash(rel), 0o755); err != nil {
			return err
		}
		return w.walk(ctx, sub, rel)
	case filemode.Regular, filemode.Deprecated:
		return w.file(e, rel, 0o644)
	case filemode.Executable:
		return w.file(e, rel, 0o755)
	case filemode.Symlink:
		return w.symlink(e, rel)
	case filemode.Submodule:
		return fmt.Errorf("%w: %s is a submodule, which is not supported", ErrUnsafeTree, rel)
	}
	return fmt.Errorf("%w: %s has unknown mode %s", ErrUnsafeTree, rel, e.Mode)
}

func (w *treeWriter) file(e object.TreeEntry, rel string, perm os.FileMode) error {
	blob, err := w.repo.BlobObject(e.Hash)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	if blob.Size > w.limits.MaxFileSize {
		return fmt.Errorf("%w: %s is %d bytes, over the %d-byte file limit", ErrTooLarge, rel, blob.Size, w.limits.MaxFileSize)
	}
	if w.total += blob.Size; w.total > w.limits.MaxTotalSize {
		return fmt.Errorf("%w: tree is over the %d-byte limit at %s", ErrTooLarge, w.limits.MaxTotalSize, rel)
	}
	r, err := blob.Reader()
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	defer r.Close()
	f, err := w.root.OpenFile(filepath.FromSlash(rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, blob.Size+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n != blob.Size {
		err = fmt.Errorf("%s: blob size %d, read %d", rel, blob.Size, n)
	}
	return err
}

func (w *treeWriter) symlink(e object.TreeEntry, rel string) error {
	blob, err := w.repo.BlobObject(e.Hash)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	if blob.Size > maxLinkTarget {
		return fmt.Errorf("%w: symlink %s target is too long", ErrUnsafeTree, rel)
	}
	r, err := blob.Reader()
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	b, err := io.ReadAll(io.LimitReader(r, maxLinkTarget))
	_ = r.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	target := string(b)
	if target == "" || strings.ContainsAny(target, "\x00\\") || path.IsAbs(target) || filepath.IsAbs(target) {
		return fmt.Errorf("%w: symlink %s -> %q points outside the tree", ErrUnsafeTree, rel, target)
	}
	if !filepath.IsLocal(filepath.FromSlash(path.Join(path.Dir(rel), target))) {
		return fmt.Errorf("%w: symlink %s -> %q points outside the tree", ErrUnsafeTree, rel, target)
	}
	if err := w.root.Symlink(filepath.FromSlash(target), filepath.FromSlash(rel)); err != nil {
		return err
	}
	w.links = append(w.links, rel)
	return nil
}

// entryPath joins a tree entry name to its folder, refusing names that are
// not a single safe path element.
func entryPath(prefix, name string) (string, error) {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00") || strings.EqualFold(name, ".git") {
		return "", fmt.Errorf("%w: entry %q in %q", ErrUnsafeTree, name, prefix+"/")
	}
	rel := path.Join(prefix, name)
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", fmt.Errorf("%w: entry %q", ErrUnsafeTree, rel)
	}
	return rel, nil
}

// checkLinks resolves every written symlink for real (through chains of
// links, which a lexical check cannot see) and refuses any that is dangling,
// loops, or lands outside dir.
func checkLinks(dir string, links []string) error {
	if len(links) == 0 {
		return nil
	}
	rootReal, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	for _, l := range links {
		real, err := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(l)))
		if err != nil {
			return fmt.Errorf("%w: symlink %s is dangling or loops", ErrUnsafeTree, l)
		}
		rel, err := filepath.Rel(rootReal, real)
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return fmt.Errorf("%w: symlink %s resolves outside the tree", ErrUnsafeTree, l)
		}
	}
	return nil
}
