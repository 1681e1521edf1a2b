package cliconf

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cliconf -update)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, d)
	}
}

func mustParseFile(t testing.TB, name string) *Config {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(string(b))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return c
}

// goldenCases are the realistic devices: running config, desired variant
// and the scope their owners would give.
var goldenCases = []struct {
	name string
	opts Options
}{
	{"ios_access", Options{Managed: Authoritative("username", "vlan", "ntp server")}},
	{"iosxe_router", Options{Managed: Authoritative("ip route", "ip prefix-list", "route-map")}},
	{"nxos_switch", Options{Managed: Authoritative("username", "vlan", "ntp server", "logging server")}},
}

func TestGoldenDiff(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			running := mustParseFile(t, tc.name+".cfg")
			desired := mustParseFile(t, tc.name+".desired.cfg")
			cmds := Diff(running, desired, tc.opts)
			golden(t, tc.name+".txt", strings.Join(cmds, "\n")+"\n")

			applied, err := Apply(running, cmds)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if again := Diff(applied, desired, tc.opts); len(again) != 0 {
				t.Errorf("second Diff not empty:\n%s", strings.Join(again, "\n"))
			}
			if again := Diff(applied, desired, Options{}); len(again) != 0 {
				t.Errorf("second Diff (default scope) not empty:\n%s", strings.Join(again, "\n"))
			}
			if cmds := Diff(desired, desired, tc.opts); len(cmds) != 0 {
				t.Errorf("Diff(desired, desired) = %q, want none", cmds)
			}
		})
	}
}

// TestGoldenDefaultScope shows what the default scope leaves alone: the
// same devices diffed with the zero Options.
func TestGoldenDefaultScope(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			running := mustParseFile(t, tc.name+".cfg")
			desired := mustParseFile(t, tc.name+".desired.cfg")
			cmds := Diff(running, desired, Options{})
			golden(t, tc.name+".default.txt", strings.Join(cmds, "\n")+"\n")
			applied, err := Apply(running, cmds)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if again := Diff(applied, desired, Options{}); len(again) != 0 {
				t.Errorf("second Diff not empty:\n%s", strings.Join(again, "\n"))
			}
		})
	}
}

func TestGoldenRoundTrip(t *testing.T) {
	for _, tc := range goldenCases {
		for _, file := range []string{tc.name + ".cfg", tc.name + ".desired.cfg"} {
			t.Run(file, func(t *testing.T) {
				c := mustParseFile(t, file)
				again, err := Parse(c.String())
				if err != nil {
					t.Fatalf("reparse: %v", err)
				}
				if !c.Equal(again) {
					t.Errorf("parse(format(parse(x))) != parse(x):\n%s", cmp.Diff(c.String(), again.String()))
				}
			})
		}
	}
}
