package devicesim

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFleet(t *testing.T) {
	f := NewFleet(nil)
	for _, name := range []string{"r2", "r1"} {
		if _, err := f.Start(t.Context(), Config{Name: name, Username: testUser, Password: testPass}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.Start(t.Context(), Config{Name: "r1", Username: testUser, Password: testPass}); err == nil {
		t.Error("duplicate name accepted")
	}
	devs := f.Devices()
	if len(devs) != 2 || devs[0].Name() != "r1" || devs[0].Port() == devs[1].Port() {
		t.Fatalf("devices not sorted or ports shared: %v", devs)
	}
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := f.WriteKnownHosts(kh); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(kh)
	if err != nil || strings.Count(string(b), "\n") != 2 {
		t.Fatalf("known_hosts: %v %q", err, b)
	}
	c := dial11(t, f.Device("r2"))
	c.ok(`<discard-changes/>`)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.waitClosed(); err != nil {
		t.Errorf("session not closed by fleet close: %v", err)
	}
	if _, err := f.Start(t.Context(), Config{Name: "r3", Username: testUser, Password: testPass}); !errors.Is(err, ErrClosed) {
		t.Errorf("start after close: %v, want ErrClosed", err)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no name", Config{Username: "u", Password: "p"}},
		{"no password", Config{Name: "r", Username: "u"}},
		{"non-loopback address", Config{Name: "r", Username: "u", Password: "p", Addr: "0.0.0.0:0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); err == nil {
				t.Error("Validate accepted a bad config")
			}
		})
	}
}
