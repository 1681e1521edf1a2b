package plan

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
)

// A drift report says who changed each drifted device in every format:
// the device's account, or unknown.
func TestDriftReportSaysWhoChangedTheDevice(t *testing.T) {
	at := time.Date(2026, 12, 4, 19, 4, 36, 0, time.UTC)
	changes := []diff.Change{{Op: diff.Update, Path: "/system/config/hostname", Before: "x", After: "y"}}
	told := DevicePlan{Name: "told", Platform: "iosxe", Changes: changes}
	told.Attribute(&providers.Attribution{User: "alice", Session: "7", Host: "10.0.0.5", At: at, Source: "netconf-config-change"})
	silent := DevicePlan{Name: "silent", Platform: "nxos", Changes: changes}
	silent.Attribute(nil)
	p := New("abc", at, told, silent)
	want := []string{"alice (session 7, from 10.0.0.5) at 2026-12-04T19:04:36Z [netconf-config-change]", "unknown (the device does not say)"}
	for name, render := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return Text(b, p, false) },
		"markdown": func(b *bytes.Buffer) error { return Markdown(b, p) },
		"html":     func(b *bytes.Buffer) error { return HTML(b, p) },
		"json":     func(b *bytes.Buffer) error { return JSON(b, p) },
	} {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if name == "json" {
			want := []string{`"changed_by": "alice"`, `"changed_at": "2026-12-04T19:04:36Z"`, `"changed_by": "unknown"`, `"source": "netconf-config-change"`}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("json lacks %s:\n%s", w, out)
				}
			}
			continue
		}
		for _, w := range want {
			if name == "markdown" {
				w = mdEscape(w)
			}
			if !strings.Contains(out, w) {
				t.Errorf("%s lacks %q:\n%s", name, w, out)
			}
		}
	}
	if silent.ChangedBy != providers.ChangedByUnknown || !silent.ChangedAt.IsZero() {
		t.Errorf("unattributed drift: %q at %v", silent.ChangedBy, silent.ChangedAt)
	}
}
