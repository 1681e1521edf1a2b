package inventory

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
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
	l.files(names, contents)
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
	l := newLoader()
	l.files(names, contents)
	return l.repo, l.ds.Sort()
}

// loader accumulates the contents of every file.
type loader struct {
	repo  *Repository
	ds    diag.Diagnostics
	dec   decoder
	order int
	names map[string]map[string]diag.Range // kind -> name -> first declaration
}

func newLoader() *loader {
	l := &loader{repo: &Repository{}, names: map[string]map[string]diag.Range{}}
	l.dec.ds, l.dec.types = &l.ds, typeCache{}
	return l
}

// files parses the files in parallel, then adds their declarations in
// order, so that declared order follows file order.
func (l *loader) files(names []string, contents [][]byte) {
	for _, pf := range parseFiles(names, contents) {
		l.ds.Append(pf.ds...)
		for _, v := range pf.docs {
			var fsp fileSpec
			l.dec.decode(v, reflect.ValueOf(&fsp).Elem(), "")
			l.sections(&fsp)
		}
	}
}

func (l *loader) sections(fsp *fileSpec) {
	for _, v := range fsp.Devices {
		d := &DeviceSpec{src: v, order: l.next()}
		l.dec.decode(v, reflect.ValueOf(d).Elem(), "device")
		if l.unique("device", d.Name, v) {
			l.checkConfig(d.Config)
			l.repo.Devices = append(l.repo.Devices, d)
		}
	}
	for _, v := range fsp.Groups {
		g := &GroupSpec{src: v, order: l.next()}
		l.dec.decode(v, reflect.ValueOf(g).Elem(), "group")
		if l.unique("group", g.Name, v) {
			l.checkConfig(g.Config)
			l.repo.Groups = append(l.repo.Groups, g)
		}
	}
	for _, v := range fsp.Credentials {
		c := &CredentialSpec{src: v}
		l.dec.decode(v, reflect.ValueOf(c).Elem(), "credentials")
		if l.unique("credentials", c.Name, v) {
			l.repo.Credentials = append(l.repo.Credentials, c)
		}
	}
	if v := fsp.Defaults; v != nil && v.kind != kindNull {
		d := &DefaultsSpec{src: v}
		l.dec.decode(v, reflect.ValueOf(d).Elem(), "defaults")
		if prev := l.repo.Defaults; prev != nil {
			l.ds.Errorf(v.rng, "defaults are declared twice (first at %s); keep one defaults section", prev.Range)
			return
		}
		l.checkConfig(d.Config)
		l.repo.Defaults = d
	}
}

func (l *loader) next() int { l.order++; return l.order }

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

// checkConfig type-checks one layer of intent, so that unknown keys and
// wrong types are reported once, where they are written.
func (l *loader) checkConfig(v *value) {
	if v == nil {
		return
	}
	var c models.Config
	l.dec.decode(v, reflect.ValueOf(&c).Elem(), "config")
}
