package gitsource

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Source is an opened Spec. Its methods are safe for concurrent use; they
// are serialised internally. One Source should own a cache folder: two
// processes fetching into the same CacheDir at once are not coordinated.
type Source struct {
	spec    Spec
	kind    kind
	sub     string // clean slash sub-path, "" for the root
	dir     string // local folder or repository, or the cache repository
	isRepo  bool   // false only for a plain local folder
	display string // sanitised URL for errors and logs
	opts    options
	trigger chan struct{}

	mu sync.Mutex
}

// DefaultCacheDir is where remote clones go when Spec.CacheDir is empty:
// the user cache folder's switchyard/git, else a folder under os.TempDir().
func DefaultCacheDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "switchyard", "git")
	}
	return filepath.Join(os.TempDir(), "switchyard-git-cache")
}

// Open validates spec and prepares its source. It reaches no network: a
// remote is first contacted by Fetch. For a local location it checks that
// the folder exists and whether it is a Git repository (a folder holding
// .git, or a bare repository); parent folders are not searched, so a folder
// inside some other repository is a plain folder. A plain folder cannot
// follow a Ref.
func Open(ctx context.Context, spec Spec, opts ...Option) (*Source, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	o := defaultOptions()
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	k, _ := spec.kind()
	sub, _ := cleanSubPath(spec.SubPath)
	s := &Source{spec: spec, kind: k, sub: sub, display: SanitizeURL(spec.URL), opts: o, trigger: make(chan struct{}, 1)}
	if k != kindLocal {
		cache := spec.CacheDir
		if cache == "" {
			cache = DefaultCacheDir()
		}
		s.dir = filepath.Join(cache, cacheKey(spec.URL))
		s.isRepo = true
		return s, nil
	}
	p, err := spec.localPath()
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("open source %s: %w", s.display, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%w: %s is not a folder", ErrInvalidSpec, s.display)
	}
	s.dir = p
	s.isRepo = isGitRepo(p)
	if !s.isRepo && spec.Ref != "" {
		return nil, fmt.Errorf("%w: %s is not a Git repository, so ref %q cannot be followed", ErrInvalidSpec, s.display, spec.Ref)
	}
	return s, nil
}

// String is the Spec with its URL sanitised.
func (s *Source) String() string { return s.spec.String() }

// cacheKey names the cache folder of a remote URL.
func cacheKey(rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	return hex.EncodeToString(sum[:12])
}

// isGitRepo reports whether dir is a work tree root (holds .git) or a bare
// repository (HEAD, objects/ and refs/).
func isGitRepo(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		return true
	}
	fi, err := os.Stat(filepath.Join(dir, "HEAD"))
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	for _, d := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(dir, d)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// Fetch brings the source up to date and resolves its ref to a revision. A
// remote is cloned (bare, into CacheDir) on first use and fetched after; the
// remote's refs are listed first, so an unchanged ref costs no fetch. A
// local repository is read where it is, at the committed tip of the ref. A
// plain folder yields the WorktreeHash revision. With a Gate, the revision's
// Signed, SignedBy and SignatureProblem are filled; an unsigned head is not
// an error here (see LastGood).
func (s *Source) Fetch(ctx context.Context) (Revision, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return Revision{}, err
	}
	if !s.isRepo {
		return Revision{Hash: WorktreeHash, ShortHash: WorktreeHash, Source: s.display}, nil
	}
	var (
		repo *git.Repository
		name plumbing.ReferenceName
		hash plumbing.Hash
		err  error
	)
	if s.kind == kindLocal {
		repo, name, hash, err = s.resolveLocal()
	} else {
		repo, name, hash, err = s.fetchRemote(ctx)
	}
	if err != nil {
		return Revision{}, s.wrap("fetch", err)
	}
	c, err := peelToCommit(repo, hash)
	if err != nil {
		return Revision{}, s.wrap("fetch", fmt.Errorf("%s: %w", name, err))
	}
	rev := revisionOf(c, name.String(), s.display)
	s.applyGate(&rev, c)
	s.opts.logger.Debug("fetched revision", "component", "gitsource", "source", s.display, "rev", rev.ShortHash, "ref", rev.Ref)
	return rev, nil
}

// wrap names the operation and the source, and scrubs secrets.
func (s *Source) wrap(op string, err error) error {
	return replaceInError(fmt.Errorf("%s %s: %w", op, s.display, err),
		s.spec.Auth.HTTPSToken.Reveal(), "[redacted]",
		s.spec.Auth.SSHKeyPassphrase.Reveal(), "[redacted]",
		s.spec.URL, s.display, // the raw URL may carry a user name
		s.rawURLBase(), s.displayBase())
}

// rawURLBase and displayBase are the scheme://[user@]host parts of the raw
// and sanitised URL, to catch URLs that libraries rebuild from pieces.
func (s *Source) rawURLBase() string {
	u, err := url.Parse(s.spec.URL)
	if err != nil || u.User == nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.User.String() + "@"
}

func (s *Source) displayBase() string {
	u, err := url.Parse(s.spec.URL)
	if err != nil || u.User == nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://"
}

func (s *Source) applyGate(rev *Revision, c *object.Commit) {
	if s.opts.gate == nil {
		return
	}
	by, err := s.opts.gate.Verify(c)
	if err != nil {
		rev.SignatureProblem = err.Error()
		return
	}
	rev.Signed, rev.SignedBy = true, by
}

// openRepo opens the repository behind a Source (local or cache).
func (s *Source) openRepo() (*git.Repository, error) {
	return git.PlainOpenWithOptions(s.dir, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
}

func (s *Source) resolveLocal() (*git.Repository, plumbing.ReferenceName, plumbing.Hash, error) {
	repo, err := s.openRepo()
	if err != nil {
		return nil, "", plumbing.ZeroHash, err
	}
	refs, head, err := localRefs(repo)
	if err != nil {
		return nil, "", plumbing.ZeroHash, err
	}
	name, err := pickRef(s.spec.Ref, refs, head)
	if err != nil {
		return nil, "", plumbing.ZeroHash, err
	}
	return repo, name, refs[name], nil
}

// localRefs lists branches and tags, and where HEAD points ("HEAD" itself
// when detached).
func localRefs(repo *git.Repository) (map[plumbing.ReferenceName]plumbing.Hash, plumbing.ReferenceName, error) {
	refs := map[plumbing.ReferenceName]plumbing.Hash{}
	iter, err := repo.References()
	if err != nil {
		return nil, "", err
	}
	err = iter.ForEach(func(r *plumbing.Reference) error {
		if r.Type() == plumbing.HashReference && (r.Name().IsBranch() || r.Name().IsTag()) {
			refs[r.Name()] = r.Hash()
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	var head plumbing.ReferenceName
	if h, err := repo.Storer.Reference(plumbing.HEAD); err == nil {
		switch h.Type() {
		case plumbing.SymbolicReference:
			head = h.Target()
		case plumbing.HashReference:
			head = plumbing.HEAD
			refs[plumbing.HEAD] = h.Hash()
		}
	}
	return refs, head, nil
}

// pickRef chooses the reference that ref names among refs. head is where
// the repository's HEAD points ("" when unknown).
func pickRef(ref string, refs map[plumbing.ReferenceName]plumbing.Hash, head plumbing.ReferenceName) (plumbing.ReferenceName, error) {
	if ref == "" {
		if _, ok := refs[head]; ok && head != "" {
			return head, nil
		}
		ref = "main"
	}
	if full := plumbing.ReferenceName(ref); full.IsBranch() || full.IsTag() {
		if _, ok := refs[full]; !ok {
			return "", fmt.Errorf("%w: %s", ErrRefNotFound, full)
		}
		return full, nil
	}
	branch, tag := plumbing.NewBranchReferenceName(ref), plumbing.NewTagReferenceName(ref)
	_, isBranch := refs[branch]
	_, isTag := refs[tag]
	switch {
	case isBranch && isTag:
		return "", fmt.Errorf("%w: %q is both %s and %s", ErrAmbiguousRef, ref, branch, tag)
	case isBranch:
		return branch, nil
	case isTag:
		return tag, nil
	}
	return "", fmt.Errorf("%w: no branch or tag %q", ErrRefNotFound, ref)
}

// peelToCommit follows annotated tags to the commit they name.
func peelToCommit(repo *git.Repository, h plumbing.Hash) (*object.Commit, error) {
	for range 10 {
		obj, err := repo.Object(plumbing.AnyObject, h)
		if err != nil {
			return nil, fmt.Errorf("read object %s: %w", h, err)
		}
		switch o := obj.(type) {
		case *object.Commit:
			return o, nil
		case *object.Tag:
			h = o.Target
		default:
			return nil, fmt.Errorf("%s is a %s, not a commit", h, obj.Type())
		}
	}
	return nil, errors.New("tag chain too long")
}

// commit reads a revision's commit.
func (s *Source) commit(repo *git.Repository, rev Revision) (*object.Commit, error) {
	if !plumbing.IsHash(rev.Hash) {
		return nil, fmt.Errorf("%w: %q is not a commit hash", ErrInvalidSpec, rev.Hash)
	}
	return repo.CommitObject(plumbing.NewHash(rev.Hash))
}

// logger is the Source's logger with its component and source keys.
func (s *Source) logger() *slog.Logger {
	return s.opts.logger.With("component", "gitsource", "source", s.display)
}
