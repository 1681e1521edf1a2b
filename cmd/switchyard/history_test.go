package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/state"
)

func TestHistoryVerify(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	a, err := state.OpenAudit(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, dev := range []string{"leaf1", "leaf2", "leaf3"} {
		if err := a.Append(state.Record{Device: dev, Operator: "ada", Result: "confirmed", Revision: "9f1c"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "history", "--state-dir", dir, "--verify")
	if code != exitOK || !strings.Contains(out, "audit log intact: 3 record(s) verified") {
		t.Fatalf("intact: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	path := filepath.Join(dir, state.AuditFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(raw), `"device":"leaf2","operator":"ada","result":"confirmed"`, `"device":"leaf2","operator":"ada","result":"failed"`, 1)
	if edited == string(raw) {
		t.Fatal("the edit did not apply")
	}
	if err := os.WriteFile(path, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "history", "--state-dir", dir, "--verify")
	if code != exitFailure || !strings.Contains(out, "audit log BROKEN at audit.log:2: edited") || !strings.Contains(out, "device leaf2") {
		t.Errorf("edited: exit %d, stdout %q", code, out)
	}
	code, out, errOut = runCLI(t, "history", "--state-dir", dir)
	if code != exitOK || !strings.Contains(errOut, "warning: the audit log has been tampered with: audit.log:2") || !strings.Contains(out, "leaf3") {
		t.Errorf("history of a broken log: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestHistoryVerifyLegacyLog(t *testing.T) {
	dir := t.TempDir()
	legacy := `{"v":1,"time":"2025-02-01T10:00:00Z","device":"leaf1","operator":"daemon","result":"confirmed"}
{"v":1,"time":"2025-02-01T10:00:01Z","device":"leaf2","operator":"daemon","result":"confirmed"}
`
	if err := os.WriteFile(filepath.Join(dir, state.AuditFile), []byte(legacy), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "history", "--state-dir", dir, "--verify")
	if code != exitOK || !strings.Contains(out, "0 record(s) verified; 2 older record(s) without hashes (legacy prefix") {
		t.Errorf("legacy: exit %d, stdout %q", code, out)
	}
}
