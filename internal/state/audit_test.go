package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/providers"
)

// fixedClock returns a clock that starts at t0 and advances a second per
// call; it is safe for concurrent use.
func fixedClock() func() time.Time {
	var mu sync.Mutex
	next := t0
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now := next
		next = next.Add(time.Second)
		return now
	}
}

// openAudit opens an audit log in dir and closes it at cleanup.
func openAudit(t *testing.T, dir string, opts ...AuditOption) *Audit {
	t.Helper()
	a, err := OpenAudit(dir, append([]AuditOption{WithAuditClock(fixedClock())}, opts...)...)
	if err != nil {
		t.Fatalf("OpenAudit: %v", err)
	}
	t.Cleanup(func() {
		if err := a.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return a
}

// rec is a minimal valid record numbered n.
func rec(n int) Record {
	return Record{Device: "leaf1", Revision: fmt.Sprintf("r%04d", n), Operator: OperatorDaemon, Result: "confirmed"}
}

func TestAppendWritesOneSyncedLine(t *testing.T) {
	dir := t.TempDir()
	a := openAudit(t, dir)
	in := Record{
		Revision: "9f1c", Author: "Ada <ada@example.net>", Device: "leaf1", RunID: "7",
		Operator: "ada", Result: "confirmed", Summary: "2 changes",
		Changes:      []ChangeSummary{{Op: "update", Path: "/system/config/hostname"}},
		BeforeDigest: "aa", AfterDigest: "bb", TxnID: "persist-1",
	}
	if err := a.Append(in); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 1, 13, 0, 0, 0, time.FixedZone("CET", 3600))
	if err := a.Append(Record{Time: at, Operator: "ada", Result: "failed", Error: "timeout"}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, AuditFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(raw), "\n")
	if len(lines) != 3 || lines[2] != "" {
		t.Fatalf("audit.log = %q, want two newline-terminated lines", raw)
	}
	wantFirst := `{"v":1,"time":"2025-03-01T12:00:00Z","revision":"9f1c","author":"Ada \u003cada@example.net\u003e",` +
		`"device":"leaf1","run_id":"7","operator":"ada","result":"confirmed","summary":"2 changes",` +
		`"changes":[{"op":"update","path":"/system/config/hostname"}],"before_digest":"aa","after_digest":"bb","txn_id":"persist-1","seq":1}` + "\n"
	if diff := cmp.Diff(wantFirst, lines[0]); diff != "" {
		t.Errorf("first line (-want +got):\n%s", diff)
	}
	if !strings.Contains(lines[1], `"time":"2025-03-01T12:00:00Z"`) {
		t.Errorf("explicit time not stored in UTC: %s", lines[1])
	}
	fi, err := os.Stat(filepath.Join(dir, AuditFile))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != fileMode {
		t.Errorf("audit.log mode = %#o, want %#o", fi.Mode().Perm(), fileMode)
	}
}

func TestAppendValidates(t *testing.T) {
	tests := []struct {
		name string
		rec  Record
	}{
		{"no operator", Record{Result: "ok"}},
		{"no result", Record{Operator: OperatorDaemon}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := openAudit(t, t.TempDir())
			if err := a.Append(tt.rec); !errors.Is(err, ErrInvalid) {
				t.Fatalf("Append = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestAuditOptionsValidate(t *testing.T) {
	for name, opt := range map[string]AuditOption{
		"zero max bytes": WithAuditMaxBytes(0),
		"zero max files": WithAuditMaxFiles(0),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := OpenAudit(t.TempDir(), opt); !errors.Is(err, ErrInvalid) {
				t.Fatalf("OpenAudit = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestAppendAfterClose(t *testing.T) {
	a, err := OpenAudit(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := a.Append(rec(1)); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("Append after Close = %v, want os.ErrClosed", err)
	}
}

// lineLen is the encoded size of rec(n) stamped by fixedClock, for n from
// 2 to 9 (a one-digit seq and a prev hash; rec(1) has no prev).
const lineLen = 197

func TestRotation(t *testing.T) {
	tests := []struct {
		name      string
		maxBytes  int64
		maxFiles  int
		appends   int
		wantFiles []string // files present, sorted
		wantKept  int      // newest records still readable
	}{
		{"under the limit no rotation", 10 * lineLen, 3, 10, []string{"audit.log"}, 10},
		{"one rotation", 4 * lineLen, 3, 6, []string{"audit.log", "audit.log.1"}, 6},
		{"oldest files dropped", 2 * lineLen, 2, 9, []string{"audit.log", "audit.log.1", "audit.log.2"}, 5},
		{"record larger than the limit goes alone", lineLen / 2, 1, 3, []string{"audit.log", "audit.log.1"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a := openAudit(t, dir, WithAuditMaxBytes(tt.maxBytes), WithAuditMaxFiles(tt.maxFiles))
			for i := 1; i <= tt.appends; i++ {
				if err := a.Append(rec(i)); err != nil {
					t.Fatal(err)
				}
			}
			if got := auditNames(t, dir); !cmp.Equal(tt.wantFiles, got) {
				t.Errorf("files = %v, want %v", got, tt.wantFiles)
			}
			for _, name := range auditNames(t, dir) {
				fi, err := os.Stat(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if fi.Size() > max(tt.maxBytes, lineLen) {
					t.Errorf("%s is %d bytes, over the limit %d", name, fi.Size(), tt.maxBytes)
				}
			}
			got, warns, err := ReadAudit(dir, Filter{})
			if err != nil || len(warns) != 0 {
				t.Fatalf("ReadAudit = %v, warnings %v", err, warns)
			}
			var want []string
			for i := tt.appends - tt.wantKept + 1; i <= tt.appends; i++ {
				want = append(want, rec(i).Revision)
			}
			if diff := cmp.Diff(want, revisions(got)); diff != "" {
				t.Errorf("readable revisions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecordLineLen(t *testing.T) {
	r := rec(1)
	r.Version, r.Time, r.Seq, r.Prev = auditVersion, t0, 2, strings.Repeat("0", 64)
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw)+1 != lineLen {
		t.Fatalf("lineLen = %d, want %d: update the constant", lineLen, len(raw)+1)
	}
}

func TestFailedRotationStillAppends(t *testing.T) {
	dir := t.TempDir()
	// A non-empty directory where audit.log.1 should go makes the
	// rename of the live file fail.
	if err := os.MkdirAll(filepath.Join(dir, AuditFile+".1", "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	a := openAudit(t, dir, WithAuditMaxBytes(lineLen), WithAuditMaxFiles(1),
		WithAuditLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	for i := 1; i <= 3; i++ {
		if err := a.Append(rec(i)); err != nil {
			t.Fatalf("Append %d: %v", i, err)
		}
	}
	if got := strings.Count(logs.String(), "audit log rotation failed"); got != 2 {
		t.Errorf("logged %d rotation failures, want 2:\n%s", got, logs.String())
	}
	got, warns, err := ReadAudit(dir, Filter{})
	if err != nil || len(warns) != 0 {
		t.Fatalf("ReadAudit = %v, warnings %v", err, warns)
	}
	if diff := cmp.Diff([]string{"r0001", "r0002", "r0003"}, revisions(got)); diff != "" {
		t.Errorf("revisions (-want +got):\n%s", diff)
	}
}

func TestConcurrentAppendRotates(t *testing.T) {
	dir := t.TempDir()
	a := openAudit(t, dir, WithAuditMaxBytes(8*lineLen), WithAuditMaxFiles(100))
	const workers, each = 8, 40
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				r := rec(i)
				r.Device = fmt.Sprintf("dev%d", w)
				if err := a.Append(r); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	got, warns, err := ReadAudit(dir, Filter{})
	if err != nil || len(warns) != 0 {
		t.Fatalf("ReadAudit = %v, warnings %v", err, warns)
	}
	seen := map[string]bool{}
	for i, r := range got {
		key := r.Device + "/" + r.Revision
		if seen[key] {
			t.Errorf("record %s read twice", key)
		}
		seen[key] = true
		if i > 0 && !got[i-1].Time.Before(r.Time) {
			t.Errorf("records %d and %d out of time order", i-1, i)
		}
	}
	if len(seen) != workers*each {
		t.Errorf("read %d distinct records, want %d", len(seen), workers*each)
	}
}

func TestTornFinalLine(t *testing.T) {
	tests := []struct {
		name      string
		tail      string // bytes left by the interrupted append
		wantWarns int    // before the next append
		wantRevs  []string
	}{
		{"cut inside a string", `{"v":1,"time":"2025-03-01T12:00:05Z","revision":"r00`, 1, []string{"r0001", "r0002"}},
		{"cut after one byte", `{`, 1, []string{"r0001", "r0002"}},
		{"cut just before the newline keeps the record",
			`{"v":1,"time":"2025-03-01T12:00:05Z","revision":"r0003","operator":"daemon","result":"confirmed"}`,
			0, []string{"r0001", "r0002", "r0003"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a, err := OpenAudit(dir, WithAuditClock(fixedClock()))
			if err != nil {
				t.Fatal(err)
			}
			for i := 1; i <= 2; i++ {
				if err := a.Append(rec(i)); err != nil {
					t.Fatal(err)
				}
			}
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			appendRaw(t, filepath.Join(dir, AuditFile), tt.tail)

			got, warns, err := ReadAudit(dir, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) != tt.wantWarns {
				t.Errorf("warnings = %v, want %d", warns, tt.wantWarns)
			}
			if diff := cmp.Diff(tt.wantRevs, revisions(got)); diff != "" {
				t.Errorf("revisions before next append (-want +got):\n%s", diff)
			}

			// A restarted writer starts on a fresh line; the torn bytes
			// stay, skipped with the same warning.
			a = openAudit(t, dir, WithAuditClock(func() time.Time { return t0.Add(time.Hour) }))
			if err := a.Append(rec(9)); err != nil {
				t.Fatal(err)
			}
			got, warns, err = ReadAudit(dir, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) != tt.wantWarns {
				t.Errorf("warnings after append = %v, want %d", warns, tt.wantWarns)
			}
			if diff := cmp.Diff(append(tt.wantRevs, "r0009"), revisions(got)); diff != "" {
				t.Errorf("revisions after next append (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSummarizeDropsValues(t *testing.T) {
	const secret = "s3cr3t-tacacs-key"
	changes := []providers.Change{
		{Op: "update", Path: "/system/aaa/server-groups/server-group[name=T]/servers/server[address=10.0.0.1]/tacacs/config/secret-key", Before: "old-" + secret, After: secret},
		{Op: "create", Path: "/system/aaa/authentication/users/user[username=ops]", After: map[string]any{"password": secret}},
	}
	dir := t.TempDir()
	a := openAudit(t, dir)
	if err := a.Append(Record{Device: "leaf1", Operator: OperatorDaemon, Result: "confirmed", Changes: Summarize(changes)}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, AuditFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(secret)) {
		t.Fatalf("audit log contains a change value: %s", raw)
	}
	if !bytes.Contains(raw, []byte("secret-key")) {
		t.Errorf("audit log lost the change path: %s", raw)
	}
	if Summarize(nil) != nil {
		t.Error("Summarize(nil) is not nil")
	}
}

// TestRecordHasNoValueFields guards the promise that a record cannot carry
// a configuration value: every field, recursively, is a string, number,
// time or a slice of such structs; no any, map or raw bytes.
func TestRecordHasNoValueFields(t *testing.T) {
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		switch typ.Kind() {
		case reflect.String, reflect.Int:
		case reflect.Slice:
			if typ.Elem().Kind() != reflect.Struct {
				t.Errorf("%s is %s: only slices of structs are allowed", path, typ)
				return
			}
			walk(path+"[]", typ.Elem())
		case reflect.Struct:
			if typ == reflect.TypeFor[time.Time]() {
				return
			}
			for f := range typ.Fields() {
				walk(path+"."+f.Name, f.Type)
			}
		default:
			t.Errorf("%s is %s, which could carry a value", path, typ)
		}
	}
	walk("Record", reflect.TypeFor[Record]())
}

func TestCurrentOperator(t *testing.T) {
	if CurrentOperator() == "" {
		t.Fatal("CurrentOperator is empty")
	}
}

// appendRaw appends s to the file at path without a newline, as a writer
// killed mid-append would leave it.
func appendRaw(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// auditNames lists the audit files in dir, sorted by name.
func auditNames(t *testing.T, dir string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, AuditFile+"*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range matches {
		matches[i] = filepath.Base(m)
	}
	return matches
}

// revisions returns the Revision of each record.
func revisions(recs []Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Revision)
	}
	return out
}
