package plan

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
)

// Every renderer shows each device's rollback mechanism and proof.
func TestRollbackShownByEveryRenderer(t *testing.T) {
	p := New("abc", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		DevicePlan{Name: "xe1", Platform: "iosxe", Transport: "netconf", Changes: []diff.Change{{Op: diff.Update, Path: "/system/config/hostname", Before: "a", After: "b"}},
			Rollback: &Rollback{Mechanism: "cisco-ia-revert-timer", DeviceTimer: true, Proof: "proven 2026-01-01"}},
		DevicePlan{Name: "nx1", Platform: "nxos", Transport: "nxapi", Changes: []diff.Change{{Op: diff.Update, Path: "hostname", Before: "a", After: "b"}},
			Rollback: &Rollback{Mechanism: "nxos-checkpoint", OptIn: "the inventory"}})
	want := []string{"cisco-ia-revert-timer (proven 2026-01-01)", "nxos-checkpoint (no device-side timer; allowed by allow_without_device_timer in the inventory)"}
	for name, render := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return Text(b, p, false) },
		"markdown": func(b *bytes.Buffer) error { return Markdown(b, p) },
		"html":     func(b *bytes.Buffer) error { return HTML(b, p) },
	} {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if name == "markdown" {
				w = mdEscape(w)
			}
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s does not show %q:\n%s", name, w, b.String())
			}
		}
	}
	var b bytes.Buffer
	if err := JSON(&b, p); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Devices []struct {
			Rollback *Rollback `json:"rollback"`
		} `json:"devices"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if r := got.Devices[0].Rollback; r == nil || r.Mechanism != "cisco-ia-revert-timer" || !r.DeviceTimer || r.Proof != "proven 2026-01-01" {
		t.Errorf("JSON rollback of xe1 = %+v", r)
	}
	if (&DevicePlan{}).Rollback.Text() != "" {
		t.Error("a nil rollback renders text")
	}
}
