package gitsource

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
)

const remoteName = "origin"

// fetchRemote lists the remote's refs, picks the followed one and fetches
// it into the cache repository unless its commit is already there.
func (s *Source) fetchRemote(ctx context.Context) (*git.Repository, plumbing.ReferenceName, plumbing.Hash, error) {
	auth, err := selectAuth(s.spec, s.kind)
	if err != nil {
		return nil, "", plumbing.ZeroHash, err
	}
	repo, err := s.openCache()
	if err != nil {
		return nil, "", plumbing.ZeroHash, err
	}
	remote, err := repo.Remote(remoteName)
	if err != nil {
		return nil, "", plumbing.ZeroHash, fmt.Errorf("cache %s: %w", s.dir, err)
	}
	listed, err := remote.ListContext(ctx, &git.ListOptions{Auth: auth.method, CABundle: auth.caBundle, PeelingOption: git.IgnorePeeled})
	if err != nil {
		return nil, "", plumbing.ZeroHash, fmt.Errorf("list refs: %w", err)
	}
	refs, head := remoteRefs(listed)
	name, err := pickRef(s.spec.Ref, refs, head)
	if err != nil {
		return nil, "", plumbing.ZeroHash, err
	}
	want := refs[name]
	if _, err := repo.Storer.EncodedObject(plumbing.AnyObject, want); err != nil {
		spec := config.RefSpec("+" + name.String() + ":" + name.String())
		err = remote.FetchContext(ctx, &git.FetchOptions{
			RefSpecs: []config.RefSpec{spec},
			Auth:     auth.method,
			CABundle: auth.caBundle,
			Tags:     git.NoTags,
			Force:    true,
		})
		if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
			return nil, "", plumbing.ZeroHash, fmt.Errorf("fetch %s: %w", name, err)
		}
	}
	if err := repo.Storer.SetReference(plumbing.NewHashReference(name, want)); err != nil {
		return nil, "", plumbing.ZeroHash, fmt.Errorf("cache %s: record %s: %w", s.dir, name, err)
	}
	return repo, name, want, nil
}

// openCache opens the bare cache repository, creating it on first use.
func (s *Source) openCache() (*git.Repository, error) {
	repo, err := git.PlainOpen(s.dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if err := os.MkdirAll(s.dir, 0o700); err != nil {
			return nil, fmt.Errorf("create cache: %w", err)
		}
		repo, err = git.PlainInit(s.dir, true)
		if err != nil {
			return nil, fmt.Errorf("init cache %s: %w", s.dir, err)
		}
		_, err = repo.CreateRemote(&config.RemoteConfig{Name: remoteName, URLs: []string{s.spec.URL}})
		if err != nil {
			return nil, fmt.Errorf("init cache %s: %w", s.dir, err)
		}
		return repo, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open cache %s: %w", s.dir, err)
	}
	return repo, nil
}

// remoteRefs keeps the branches and tags of a ref advertisement, and where
// the remote's HEAD points: its symbolic target when advertised, else the
// branch with HEAD's hash (main, then master, then the first by name).
func remoteRefs(listed []*plumbing.Reference) (map[plumbing.ReferenceName]plumbing.Hash, plumbing.ReferenceName) {
	refs := map[plumbing.ReferenceName]plumbing.Hash{}
	var headRef *plumbing.Reference
	for _, r := range listed {
		switch {
		case r.Name() == plumbing.HEAD:
			headRef = r
		case r.Type() == plumbing.HashReference && (r.Name().IsBranch() || r.Name().IsTag()):
			refs[r.Name()] = r.Hash()
		}
	}
	if headRef == nil {
		return refs, ""
	}
	if headRef.Type() == plumbing.SymbolicReference {
		return refs, headRef.Target()
	}
	var same []plumbing.ReferenceName
	for n, h := range refs {
		if n.IsBranch() && h == headRef.Hash() {
			same = append(same, n)
		}
	}
	sort.Slice(same, func(i, j int) bool { return same[i] < same[j] })
	for _, pref := range []plumbing.ReferenceName{"refs/heads/main", "refs/heads/master"} {
		for _, n := range same {
			if n == pref {
				return refs, n
			}
		}
	}
	if len(same) > 0 {
		return refs, same[0]
	}
	return refs, ""
}
