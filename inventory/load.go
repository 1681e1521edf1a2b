package inventory

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
)

// Repository is an intent repository as loaded from its files, before
// resolution. Names are unique within each kind.
type Repository struct {
	Devices     []*DeviceSpec
	Groups      []*GroupSpec
	Credentials []*CredentialSpec
	Defaults    *DefaultsSpec
}

// maxFileSize is the largest intent file read.
const maxFileSize = 16 << 20

// Load reads every .yaml and .yml file below dir (hidden folders such as
// .git are skipped), in lexical path order. File names in diagnostics are
// relative to dir. The returned diagnostics hold every problem found,
// sorted. With errors, the Repository holds what could be read; Resolve
// accepts it, so that one run can report every problem.
func Load(dir string) (*Repository, diag.Diagnostics) {
	var ds diag.Diagnostics
	root, err := os.OpenRoot(dir)
	if err != nil {
		ds.Errorf(diag.Range{File: dir}, "open intent repository: %v", err)
		return nil, ds
	}
	defer root.Close()
	var files []string
	err = fs.WalkDir(root.FS(), ".", func(p string, e fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case e.IsDir() && p != "." && strings.HasPrefix(e.Name(), "."):
			return fs.SkipDir
		case e.Type().IsRegular() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")):
			files = append(files, p)
		case e.Type()&fs.ModeSymlink != 0:
			// Links are never followed: they could lead out of the
			// repository. Say so, so that the user knows why.
			ds.Warnf(diag.Range{File: p}, "symbolic link not followed: intent is read only from files inside the repository")
		}
		return nil
	})
	if err != nil {
		ds.Errorf(diag.Range{File: dir}, "read intent repository: %v", err)
		return nil, ds
	}
	if len(files) == 0 {
		ds.Errorf(diag.Range{File: dir}, "no .yaml or .yml files found")
		return nil, ds
	}
	names := make([]string, 0, len(files))
	contents := make([][]byte, 0, len(files))
	for _, p := range files {
		data, err := readLimited(root, p)
		if err != nil {
			ds.Errorf(diag.Range{File: p}, "%v", err)
			continue
		}
		names, contents = append(names, p), append(contents, data)
	}
	l := newLoader()
	l.files(names, contents, runtime.GOMAXPROCS(0))
	ds.Append(l.ds...)
	return l.repo, ds.Sort()
}

func readLimited(root *os.Root, p string) ([]byte, error) {
	f, err := root.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err == nil && len(data) > maxFileSize {
		err = fmt.Errorf("file is larger than %d MiB", maxFileSize>>20)
	}
	return data, err
}

// LoadFiles loads intent from in-memory files (name to content), as Load does
// from a folder. It is what tests and fuzzing use.
func LoadFiles(files map[string][]byte) (*Repository, diag.Diagnostics) {
	names := slices.Sorted(maps.Keys(files))
	contents := make([][]byte, len(names))
	for i, n := range names {
		contents[i] = files[n]
	}
	return loadFiles(names, contents, runtime.GOMAXPROCS(0))
}

// loadFiles loads the named files, parsing and decoding them on up to
// workers goroutines. The result does not depend on workers.
func loadFiles(names []string, contents [][]byte, workers int) (*Repository, diag.Diagnostics) {
	l := newLoader()
	l.files(names, contents, workers)
	return l.repo, l.ds.Sort()
}

// loader accumulates the declarations of every file.
type loader struct {
	repo  *Repository
	ds    diag.Diagnostics
	types *typeCache
	order int
	names map[string]map[string]diag.Range // kind -> name -> first declaration
}

func newLoader() *loader {
	return &loader{repo: &Repository{}, types: &typeCache{}, names: map[string]map[string]diag.Range{}}
}

// files parses and decodes the files on up to workers goroutines (YAML
// parsing and type-checking are most of the cost of loading a large
// repository), then adds their declarations in file order, so that
// declared order and diagnostics do not depend on workers.
func (l *loader) files(names []string, contents [][]byte, workers int) {
	out := make([]decodedFile, len(names))
	parallel(len(names), workers, func(i int) {
		out[i] = decodeFile(parseFile(names[i], contents[i]), l.types)
	})
	for _, f := range out {
		for _, dc := range f {
			l.declare(dc)
		}
	}
}

// declare adds one declaration: its diagnostics, and, unless its name is
// missing or taken, the declaration with the diagnostics of its config.
func (l *loader) declare(dc decl) {
	l.ds.Append(dc.ds...)
	switch s := dc.spec.(type) {
	case *DeviceSpec:
		s.order = l.next()
		if l.unique("device", s.Name, dc.v) {
			l.ds.Append(dc.cfg...)
			l.repo.Devices = append(l.repo.Devices, s)
		}
	case *GroupSpec:
		s.order = l.next()
		if l.unique("group", s.Name, dc.v) {
			l.ds.Append(dc.cfg...)
			l.repo.Groups = append(l.repo.Groups, s)
		}
	case *CredentialSpec:
		if l.unique("credentials", s.Name, dc.v) {
			l.repo.Credentials = append(l.repo.Credentials, s)
		}
	case *DefaultsSpec:
		if prev := l.repo.Defaults; prev != nil {
			l.ds.Errorf(dc.v.rng, "defaults are declared twice (first at %s); keep one defaults section", prev.Range)
			return
		}
		l.ds.Append(dc.cfg...)
		l.repo.Defaults = s
	}
}

func (l *loader) next() int { l.order++; return l.order }

// nameRE is what device, group and credentials names may look like: they
// appear in --limit expressions, logs, file names and URLs.
var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// unique records a declaration and reports a duplicate name. It returns
// false for a duplicate or a missing name.
func (l *loader) unique(kind, name string, v *value) bool {
	rng := v.rng
	if nv := v.get("name"); nv != nil {
		rng = nv.rng
	}
	if name == "" {
		if v.kind == kindMap {
			l.ds.Errorf(rng, "%s: name is required", kind)
		}
		return false
	}
	if !nameRE.MatchString(name) {
		l.ds.Errorf(rng, "%s name %q is not valid: use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)", kind, name)
		return false
	}
	seen := l.names[kind]
	if seen == nil {
		seen = map[string]diag.Range{}
		l.names[kind] = seen
	}
	if prev, dup := seen[name]; dup {
		l.ds.Errorf(rng, "%s %q is declared twice: here and at %s", kind, name, prev)
		return false
	}
	seen[name] = rng
	return true
}
