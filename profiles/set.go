package profiles

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Dir is the folder of an intent repository that holds its own profiles.
const Dir = "profiles"

//go:embed shipped/*.json
var shippedFS embed.FS

// shipped parses the embedded profiles once; they are immutable after.
var shipped = sync.OnceValues(func() ([]*Profile, error) {
	return readFS(shippedFS, "shipped", "shipped")
})

// Set is the profiles a run knows: the shipped ones and those of the
// intent repository. It is immutable and safe for concurrent use.
type Set struct {
	list []*Profile // sorted by platform, then release (oldest first)
}

// Shipped returns the set of profiles embedded in the binary.
func Shipped() (*Set, error) {
	ps, err := shipped()
	if err != nil {
		return nil, err
	}
	return newSet(ps), nil
}

// Load returns the shipped profiles plus those in repo/profiles (a missing
// folder is fine). A repository profile with the ID of a shipped one
// replaces it.
func Load(repo string) (*Set, error) {
	base, err := shipped()
	if err != nil {
		return nil, err
	}
	own, err := readDir(filepath.Join(repo, Dir))
	if err != nil {
		return nil, err
	}
	byID := map[string]*Profile{}
	for _, p := range append(slices.Clone(base), own...) {
		byID[p.ID()] = p
	}
	all := make([]*Profile, 0, len(byID))
	for _, p := range byID {
		all = append(all, p)
	}
	return newSet(all), nil
}

func newSet(ps []*Profile) *Set {
	s := &Set{list: slices.Clone(ps)}
	slices.SortFunc(s.list, func(a, b *Profile) int {
		return cmp.Or(cmp.Compare(a.Platform, b.Platform), CompareReleases(a.Release, b.Release))
	})
	return s
}

func readDir(dir string) ([]*Profile, error) {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("profiles: %w", err)
	case !fi.IsDir():
		return nil, fmt.Errorf("profiles: %s is not a folder", dir)
	}
	return readFS(os.DirFS(dir), dir, "")
}

// readFS reads every *.json file of root in fsys. origin names them in
// errors and in Profile.Origin ("shipped" for the embedded ones).
func readFS(fsys fs.FS, root, origin string) ([]*Profile, error) {
	names, err := fs.Glob(fsys, path.Join(pathOrDot(root, origin), "*.json"))
	if err != nil {
		return nil, err
	}
	var out []*Profile
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("profiles: %w", err)
		}
		o := origin
		if o == "" {
			o = filepath.Join(root, filepath.Base(n))
		}
		p, err := Parse(data, o)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// pathOrDot is the folder to glob in: root inside the embedded FS, "." in
// a DirFS already rooted at root.
func pathOrDot(root, origin string) string {
	if origin == "shipped" {
		return root
	}
	return "."
}

// List returns every profile, by platform and release.
func (s *Set) List() []*Profile { return slices.Clone(s.list) }

// Platform returns the profiles of platform, oldest release first.
func (s *Set) Platform(platform string) []*Profile {
	var out []*Profile
	for _, p := range s.list {
		if p.Platform == platform {
			out = append(out, p)
		}
	}
	return out
}

// Select returns the profile of platform at release; an empty release
// selects the newest profile of the platform. A platform with no profile
// at all gives nil, nil when release is empty. An unknown release is an
// error that lists the known ones.
func (s *Set) Select(platform, release string) (*Profile, error) {
	ps := s.Platform(platform)
	if release == "" {
		if len(ps) == 0 {
			return nil, nil
		}
		return ps[len(ps)-1], nil
	}
	for _, p := range ps {
		if p.Release == release {
			return p, nil
		}
	}
	known := make([]string, len(ps))
	for i, p := range ps {
		known[i] = p.Release
	}
	if len(known) == 0 {
		return nil, fmt.Errorf("no profile for %s %s: switchyard knows no %s release (import one with `switchyard profiles import`)", platform, release, platform)
	}
	return nil, fmt.Errorf("no profile for %s %s; known %s releases: %s (import others with `switchyard profiles import`)", platform, release, platform, strings.Join(known, ", "))
}

// CompareReleases orders Cisco release strings by their numbers:
// "10.6(3)" < "10.6(10)" < "17.18.1" and "17.9.4a" after "17.9.4".
func CompareReleases(a, b string) int {
	pa, pb := releaseParts(a), releaseParts(b)
	for i := range min(len(pa), len(pb)) {
		if c := cmp.Compare(pa[i].n, pb[i].n); c != 0 {
			return c
		}
		if c := cmp.Compare(pa[i].s, pb[i].s); c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(len(pa), len(pb)), cmp.Compare(a, b))
}

type part struct {
	n int
	s string
}

func releaseParts(r string) []part {
	var out []part
	for f := range strings.FieldsFuncSeq(r, func(c rune) bool { return c == '.' || c == '(' || c == ')' }) {
		i := 0
		for i < len(f) && f[i] >= '0' && f[i] <= '9' {
			i++
		}
		n, _ := strconv.Atoi(f[:i])
		out = append(out, part{n: n, s: f[i:]})
	}
	return out
}
