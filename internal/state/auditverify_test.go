package state

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeLog appends n records (rec(1) … rec(n)) and closes the log.
func writeLog(t *testing.T, dir string, n int, opts ...AuditOption) {
	t.Helper()
	a := openAudit(t, dir, opts...)
	for i := 1; i <= n; i++ {
		if err := a.Append(rec(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

// editLines rewrites the lines of the file name in dir.
func editLines(t *testing.T, dir, name string, edit func([]string) []string) {
	t.Helper()
	path := filepath.Join(dir, name)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	lines = edit(lines)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func verify(t *testing.T, dir string) Verification {
	t.Helper()
	v, err := VerifyAudit(dir)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVerifyIntactChainAcrossRotation(t *testing.T) {
	dir := t.TempDir()
	writeLog(t, dir, 5, WithAuditMaxBytes(2*lineLen), WithAuditMaxFiles(5))
	// A new process continues the chain.
	writeLog(t, dir, 4, WithAuditMaxBytes(2*lineLen), WithAuditMaxFiles(5))
	if n := len(auditNames(t, dir)); n < 3 {
		t.Fatalf("%d files, want rotation to have happened", n)
	}
	v := verify(t, dir)
	if v.Break != nil || v.Records != 9 || v.Chained != 9 || v.Legacy != 0 || len(v.Warnings) != 0 {
		t.Fatalf("verification = %+v, want 9 chained records intact", v)
	}
	seq, head, ok, err := readHead(dir)
	if err != nil || !ok || seq != 9 || head != v.Head {
		t.Errorf("head anchor = %d %s %v %v, want seq 9 and %s", seq, head, ok, err, v.Head)
	}
}

func TestVerifyCatchesTampering(t *testing.T) {
	swap := func(i, j int) func([]string) []string {
		return func(l []string) []string { l[i], l[j] = l[j], l[i]; return l }
	}
	drop := func(i int) func([]string) []string {
		return func(l []string) []string { return append(l[:i], l[i+1:]...) }
	}
	replace := func(i int, old, new string) func([]string) []string {
		return func(l []string) []string { l[i] = strings.Replace(l[i], old, new, 1); return l }
	}
	tests := []struct {
		name     string
		edit     func([]string) []string
		wantLine int
		want     string
	}{
		{"edited result", replace(2, `"result":"confirmed"`, `"result":"failed"`), 3, "edited"},
		{"edited first record", replace(0, `"device":"leaf1"`, `"device":"leaf2"`), 1, "edited"},
		{"edited last record", replace(5, `"revision":"r0006"`, `"revision":"r0666"`), 6, "does not match the head anchor"},
		{"edited seq", replace(3, `"seq":4`, `"seq":5`), 4, "edited: it follows seq 3 but says seq 5"},
		{"removed record", drop(2), 3, "1 record(s) removed before this one (seq 3 to 3)"},
		{"swapped records", swap(2, 3), 4, "reordered: seq 3 comes after seq 4"},
		{"duplicated record", func(l []string) []string { return append(l[:3], append([]string{l[2]}, l[3:]...)...) }, 4, "reordered or duplicated"},
		{"truncated end", func(l []string) []string { return l[:4] }, 0, "the newest 2 record(s) were removed"},
		{"inserted record without hash", func(l []string) []string {
			return append(l[:3], append([]string{`{"v":1,"time":"2025-03-01T12:00:02Z","operator":"x","result":"confirmed"}`}, l[3:]...)...)
		}, 4, "record without a hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeLog(t, dir, 6)
			editLines(t, dir, AuditFile, tt.edit)
			v := verify(t, dir)
			if v.Break == nil {
				t.Fatalf("tampering not detected: %+v", v)
			}
			if v.Break.Line != tt.wantLine || !strings.Contains(v.Break.Reason, tt.want) {
				t.Errorf("break = %s; want line %d and %q", v.Break, tt.wantLine, tt.want)
			}
		})
	}
}

func TestVerifyNamesTheRotatedFile(t *testing.T) {
	dir := t.TempDir()
	writeLog(t, dir, 6, WithAuditMaxBytes(2*lineLen), WithAuditMaxFiles(5))
	editLines(t, dir, AuditFile+".1", func(l []string) []string {
		l[0] = strings.Replace(l[0], `"operator":"daemon"`, `"operator":"mallory"`, 1)
		return l
	})
	v := verify(t, dir)
	if v.Break == nil || v.Break.File != AuditFile+".1" || v.Break.Line != 1 {
		t.Fatalf("break = %v, want audit.log.1:1", v.Break)
	}
}

func TestLegacyPrefixThenChain(t *testing.T) {
	dir := t.TempDir()
	legacy := `{"v":1,"time":"2025-02-01T10:00:00Z","device":"leaf1","operator":"daemon","result":"confirmed"}
{"v":1,"time":"2025-02-01T10:00:01Z","device":"leaf2","operator":"daemon","result":"confirmed"}
`
	if err := os.WriteFile(filepath.Join(dir, AuditFile), []byte(legacy), 0o600); err != nil {
		t.Fatal(err)
	}
	writeLog(t, dir, 3)
	v := verify(t, dir)
	if v.Break != nil || v.Legacy != 2 || v.Chained != 3 || v.Records != 5 {
		t.Fatalf("verification = %+v, want 2 legacy and 3 chained records intact", v)
	}
	// The last legacy record is covered by the first chained one.
	editLines(t, dir, AuditFile, func(l []string) []string {
		l[1] = strings.Replace(l[1], "leaf2", "leaf9", 1)
		return l
	})
	if v := verify(t, dir); v.Break == nil || v.Break.Line != 2 {
		t.Errorf("edited last legacy record: break = %v, want line 2", v.Break)
	}
}

func TestTwoWritersDoNotForkTheChain(t *testing.T) {
	dir := t.TempDir()
	a, b := openAudit(t, dir), openAudit(t, dir)
	for i := 1; i <= 6; i++ {
		w := a
		if i%2 == 0 {
			w = b
		}
		if err := w.Append(rec(i)); err != nil {
			t.Fatal(err)
		}
	}
	v := verify(t, dir)
	if v.Break != nil || v.Chained != 6 {
		t.Fatalf("verification = %+v (break %v), want 6 chained records intact", v, v.Break)
	}
}
