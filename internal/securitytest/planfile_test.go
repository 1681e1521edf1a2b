package securitytest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/plan"
)

// TestSavedPlans checks that a saved plan is private to its owner (0600)
// and that a plan edited after it was saved is refused with a clear error
// and nothing pushed. A plan whose digest was recomputed after the edit is
// accepted by the loader (the digest is not a signature), but apply pushes
// the intent, never the plan's values: the forged value reaches no device.
func TestSavedPlans(t *testing.T) {
	rec := &recorder{}
	c := startCampus(t, rec)
	t.Cleanup(func() { rec.assertNoSecrets(t) })
	dir := t.TempDir()
	planFile := filepath.Join(dir, "plan.json")
	limit := []string{"--limit", "ams-acc-1"}
	mustExit(t, c.run(append([]string{"plan", "--out", planFile}, limit...)...), 2)
	if fi, err := os.Stat(planFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("plan --out wrote %s with mode %v (%v), want 0600", planFile, fi.Mode().Perm(), err)
	}
	saved, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	const orig, evil = `"desk 1.01"`, `"desk 1.01 pwned"`
	if !bytes.Contains(saved, []byte(orig)) {
		t.Fatalf("the saved plan has no %s to tamper with:\n%s", orig, saved)
	}
	device := c.sim.Device("ams-acc-1")
	before := device.Running()

	t.Run("edited plan is refused", func(t *testing.T) {
		tampered := filepath.Join(dir, "tampered.json")
		writeFile(t, tampered, strings.Replace(string(saved), orig, evil, 1), 0o600)
		r := c.run(append([]string{"apply", "--plan", tampered, "--yes"}, limit...)...)
		mustExit(t, r, 1)
		if !strings.Contains(r.stderr, plan.ErrTampered.Error()) || !strings.Contains(r.stderr, tampered) {
			t.Errorf("tampered plan: stderr does not say the file %s was modified:\n%s", tampered, r.stderr)
		}
		if !bytes.Equal(before, device.Running()) || device.ConfirmedCommitPending() {
			t.Error("a tampered plan changed the device")
		}
	})

	t.Run("re-digested forgery pushes the intent, not the forgery", func(t *testing.T) {
		p, err := plan.Load(bytes.NewReader(saved))
		if err != nil {
			t.Fatal(err)
		}
		forged := 0
		for i := range p.Devices {
			for j := range p.Devices[i].Changes {
				if ch := &p.Devices[i].Changes[j]; ch.After == "desk 1.01" {
					ch.After = "desk 1.01 pwned"
					forged++
				}
			}
		}
		if forged == 0 {
			t.Fatal("no change to forge")
		}
		var b bytes.Buffer
		if err := p.Save(&b); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "forged.json")
		writeFile(t, file, b.String(), 0o600)
		mustExit(t, c.run(append([]string{"apply", "--plan", file, "--yes"}, limit...)...), 0)
		after := device.Running()
		if bytes.Contains(after, []byte("pwned")) || !bytes.Contains(after, []byte("desk 1.01")) {
			t.Errorf("apply of a forged plan pushed the forged value, or not the intent:\n%s", after)
		}
	})
}
