package cliconf

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that Parse never panics, that a parsed configuration
// survives format and re-parse unchanged, and that a configuration diffed
// against itself needs no commands.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.cfg"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("banner motd \x03\nx\n\x03\n")
	f.Add("banner login ^C^C\n  a\n b\n")
	f.Add("  end\nexit\n\t\tvlan 1,2-3\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Parse(text)
		if err != nil {
			return
		}
		out := c.String()
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("reparse of formatted config: %v\n%q", err, out)
		}
		if !c.Equal(again) {
			t.Fatalf("round trip changed the config:\nfirst:  %q\nsecond: %q", out, again.String())
		}
		if cmds := Diff(c, c, Options{}); len(cmds) != 0 {
			t.Fatalf("Diff(c, c) = %q", cmds)
		}
	})
}
