package fleet

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/providers"
)

// TestSecretChangedOnDevicePerTransport: after a push the state remembers
// (by keyed fingerprint) the form the device showed for each secret; a
// TACACS key set on the device by someone else shows a different form,
// which plan reports as "secret changed on the device" at the path, with
// no value or form; apply pushes the secret again and the device is back
// to what it was, byte for byte.
func TestSecretChangedOnDevicePerTransport(t *testing.T) {
	h := startOwnership(t)
	const key, handKey = "campus-tacacs-key", "hand-set-canary-4b1e"
	for transport, name := range map[string]string{"netconf": "ams-acc-1", "gnmi": "fra-core-1", "nxapi": "fra-dist-1", "cli": "ams-closet-1"} {
		t.Run(transport, func(t *testing.T) {
			h.t = t
			setKey := func(v string) { h.env["SWITCHYARD_TACACS_KEY"] = v; t.Setenv("SWITCHYARD_TACACS_KEY", v) }
			setKey(key)
			d := h.device(name, nil)
			h.apply("rev-a", d)
			afterA := h.running(name)
			o, _, err := h.st.Ownership(name)
			if err != nil {
				t.Fatal(err)
			}
			formPath := ""
			for p, m := range o.Secrets {
				if strings.Contains(p, "tacacs") && m.DeviceForm != "" {
					formPath = p
				}
			}
			if formPath == "" {
				t.Fatalf("the state remembers no device form of the TACACS key: %+v", o.Secrets)
			}
			if p := h.plan(d); len(p.Changes) != 0 {
				t.Fatalf("plan right after apply: %+v", p.Changes)
			}

			// Someone sets another key on the device (over the same
			// protocol, outside switchyard: the state does not record it).
			setKey(handKey)
			u, err := h.unit(d)
			if err != nil {
				t.Fatal(err)
			}
			if r := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})[0]; r.Status != rollout.Applied {
				t.Fatalf("hand change: %s %v", r.Status, r.Err)
			}
			handRunning := h.running(name)
			if handRunning == afterA {
				t.Fatal("the hand change did not change the device's stored form")
			}
			setKey(key)

			p := h.plan(d)
			changed := changesWith(p.Changes, diff.ReasonSecretChanged)
			if len(changed) == 0 || p.Status != rollout.Changes {
				t.Fatalf("plan after the hand change: %s %+v (err %v), want a %q change", p.Status, p.Changes, p.Err, diff.ReasonSecretChanged)
			}
			if !strings.Contains(strings.Join(changed, " "), formPath) {
				t.Errorf("secret changes at %v, want %s among them", changed, formPath)
			}
			for _, c := range p.Changes {
				if c.Before != nil || c.After != nil && c.Reason == diff.ReasonSecretChanged {
					t.Errorf("a secret change carries a value: %+v", c)
				}
				if shown := c.Path + toString(c.Before) + toString(c.After); strings.Contains(shown, handKey) || strings.Contains(shown, key) {
					t.Errorf("the plan shows a secret: %+v", c)
				}
			}

			if r := h.apply("rev-a", d); r.Status != rollout.Applied {
				t.Fatalf("apply after the hand change: %s %v", r.Status, r.Err)
			}
			// The NX-API simulator prints a re-set line last: compare lines.
			if got := h.running(name); sortedLines(got) != sortedLines(afterA) {
				t.Errorf("after apply the device does not hold the intent's key again:\n--- after A\n%s\n--- now\n%s", afterA, got)
			}
			if p := h.plan(d); len(p.Changes) != 0 {
				t.Errorf("plan after the re-push: %+v", p.Changes)
			}
			db, err := os.ReadFile(filepath.Join(h.dir, "state.db"))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{key, handKey, storedForm(t, handRunning, afterA)} {
				if s != "" && strings.Contains(string(db), s) {
					t.Errorf("the state database holds %q (a secret or its device form)", s)
				}
			}
		})
	}
}

// sortedLines returns the non-blank lines of s, sorted.
func sortedLines(s string) string {
	var ls []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			ls = append(ls, l)
		}
	}
	slices.Sort(ls)
	return strings.Join(ls, "\n")
}

// changesWith returns the paths of the changes with reason.
func changesWith(cs []providers.Change, reason string) []string {
	var out []string
	for _, c := range cs {
		if c.Reason == reason {
			out = append(out, c.Path)
		}
	}
	return out
}

// storedForm returns a word of hand that after lacks and that looks like a
// stored secret (the hand-set key's form), or "".
func storedForm(t *testing.T, hand, after string) string {
	t.Helper()
	for _, w := range strings.FieldsFunc(hand, func(r rune) bool { return strings.ContainsRune(" \t\n<>\"", r) }) {
		if len(w) >= 12 && !strings.Contains(after, w) {
			return w
		}
	}
	t.Errorf("no stored form of the hand-set key found in the running configuration")
	return ""
}
