package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// writeHistory appends records for leaf1 and leaf2 at t0+0s … t0+9s across
// several rotated files, with the record at t0+4s appended last (a caller
// with its own clock) so that file order and time order differ.
func writeHistory(t *testing.T, dir string) {
	t.Helper()
	a := openAudit(t, dir, WithAuditMaxBytes(3*lineLen), WithAuditMaxFiles(10))
	order := []int{0, 1, 2, 3, 5, 6, 7, 8, 9, 4}
	for _, sec := range order {
		r := rec(sec)
		r.Time = t0.Add(time.Duration(sec) * time.Second)
		if sec%2 == 1 {
			r.Device = "leaf2"
		}
		if err := a.Append(r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadAuditFilter(t *testing.T) {
	dir := t.TempDir()
	writeHistory(t, dir)
	if n := len(auditNames(t, dir)); n < 3 {
		t.Fatalf("history spans %d files, want at least 3", n)
	}
	tests := []struct {
		name   string
		filter Filter
		want   []string
	}{
		{"all in time order", Filter{}, []string{"r0000", "r0001", "r0002", "r0003", "r0004", "r0005", "r0006", "r0007", "r0008", "r0009"}},
		{"one device", Filter{Device: "leaf2"}, []string{"r0001", "r0003", "r0005", "r0007", "r0009"}},
		{"since is inclusive", Filter{Since: t0.Add(7 * time.Second)}, []string{"r0007", "r0008", "r0009"}},
		{"limit keeps the newest", Filter{Limit: 3}, []string{"r0007", "r0008", "r0009"}},
		{"all filters together", Filter{Device: "leaf1", Since: t0.Add(3 * time.Second), Limit: 2}, []string{"r0006", "r0008"}},
		{"limit above the count", Filter{Device: "leaf1", Limit: 50}, []string{"r0000", "r0002", "r0004", "r0006", "r0008"}},
		{"unknown device", Filter{Device: "spine9"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns, err := ReadAudit(dir, tt.filter)
			if err != nil || len(warns) != 0 {
				t.Fatalf("ReadAudit = %v, warnings %v", err, warns)
			}
			if diff := cmp.Diff(tt.want, revisions(got)); diff != "" {
				t.Errorf("revisions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadAuditWarnings(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		wantRevs  []string
		wantWarns []Warning
	}{
		{
			name: "invalid line in a rotated file",
			files: map[string]string{
				"audit.log.1": `{"v":1,"time":"2025-03-01T12:00:00Z","revision":"a","operator":"x","result":"ok"}` + "\n" +
					"garbage\n" +
					`{"v":1,"time":"2025-03-01T12:00:01Z","revision":"b","operator":"x","result":"ok"}` + "\n",
				"audit.log": `{"v":1,"time":"2025-03-01T12:00:02Z","revision":"c","operator":"x","result":"ok"}` + "\n",
			},
			wantRevs:  []string{"a", "b", "c"},
			wantWarns: []Warning{{File: "audit.log.1", Line: 2}},
		},
		{
			name: "record without time",
			files: map[string]string{
				"audit.log": `{"v":1,"revision":"a"}` + "\n",
			},
			wantWarns: []Warning{{File: "audit.log", Line: 1}},
		},
		{
			name: "blank lines are not warned about",
			files: map[string]string{
				"audit.log": "\n\r\n" + `{"v":1,"time":"2025-03-01T12:00:00Z","revision":"a","operator":"x","result":"ok"}` + "\r\n\n",
			},
			wantRevs: []string{"a"},
		},
		{
			name: "torn final line",
			files: map[string]string{
				"audit.log": `{"v":1,"time":"2025-03-01T12:00:00Z","revision":"a","operator":"x","result":"ok"}` + "\n" + `{"v":1,"ti`,
			},
			wantRevs:  []string{"a"},
			wantWarns: []Warning{{File: "audit.log", Line: 2}},
		},
		{
			name: "unrelated files are ignored",
			files: map[string]string{
				"audit.log.bak": "garbage\n",
				"audit.log.01":  "garbage\n",
				"audit.log.0":   "garbage\n",
				"audit.logx":    "garbage\n",
			},
		},
		{
			name: "no audit log yet",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, warns, err := ReadAudit(dir, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantRevs, revisions(got)); diff != "" {
				t.Errorf("revisions (-want +got):\n%s", diff)
			}
			for i := range warns {
				if warns[i].Reason == "" {
					t.Errorf("warning %v has no reason", warns[i])
				}
				warns[i].Reason = ""
			}
			if diff := cmp.Diff(tt.wantWarns, warns); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadAuditMissingDir(t *testing.T) {
	_, _, err := ReadAudit(filepath.Join(t.TempDir(), "nope"), Filter{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("ReadAudit = %v, want os.ErrNotExist", err)
	}
}

func TestWarningString(t *testing.T) {
	w := Warning{File: "audit.log.2", Line: 17, Reason: "truncated final line skipped"}
	if got, want := w.String(), "audit.log.2:17: truncated final line skipped"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// FuzzParseRecord checks that no audit line, however damaged, panics the
// reader, and that an accepted record survives a write-read round trip.
func FuzzParseRecord(f *testing.F) {
	f.Add([]byte(`{"v":1,"time":"2025-03-01T12:00:00Z","revision":"a","operator":"x","result":"ok"}`+"\n"), false)
	f.Add([]byte(`{"v":1,"ti`), true)
	f.Add([]byte("\r\n"), false)
	f.Add([]byte(`{"time":"2025-03-01T12:00:00Z","changes":[{"op":"delete","path":"/a"}]}`), true)
	f.Fuzz(func(t *testing.T, line []byte, final bool) {
		r, reason, ok := parseRecord(line, final)
		if !ok && reason == "" && len(bytes.TrimSpace(line)) > 0 {
			t.Fatalf("rejected %q without a reason", line)
		}
		if !ok {
			return
		}
		raw, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		again, _, ok := parseRecord(append(raw, '\n'), false)
		if !ok {
			t.Fatalf("re-encoded record %s does not parse", raw)
		}
		if diff := cmp.Diff(r, again, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("round trip (-first +second):\n%s", diff)
		}
	})
}
