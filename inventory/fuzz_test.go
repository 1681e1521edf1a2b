package inventory

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds one intent file to LoadFiles and Resolve. Properties:
// neither panics, and every error has a file and, unless it is about the
// whole file, a line.
func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"testdata/valid", "testdata/invalid", "../examples/campus"} {
		err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			f.Add(data)
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		files := map[string][]byte{"a.yaml": data}
		repo, ds := LoadFiles(files)
		_, more := Resolve(repo, ResolveOptions{})
		for _, d := range append(ds, more...) {
			if d.Range.File == "" {
				t.Errorf("diagnostic without a file: %s", d)
			}
			if d.Range.Line == 0 && !isWholeFile(d.Summary) {
				t.Errorf("diagnostic without a line: %s", d)
			}
		}
	})
}

// isWholeFile reports whether a diagnostic summary is about a file as a
// whole: YAML errors that yaml.v3 reports without a line.
func isWholeFile(summary string) bool {
	return len(summary) >= 13 && summary[:13] == "invalid YAML:"
}
