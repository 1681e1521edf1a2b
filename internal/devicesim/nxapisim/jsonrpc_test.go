package nxapisim_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
)

// postRaw sends a raw JSON-RPC body and returns the HTTP status and body.
func postRaw(t *testing.T, running, body string) (*nxapisim.Device, int, string) {
	t.Helper()
	d, err := nxapisim.Start(t.Context(), nxapisim.Config{Name: "nx-1", Username: "admin", Password: "pw", Running: running})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(d.CAPEM())
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	t.Cleanup(hc.CloseIdleConnections)
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://"+d.Addr()+"/ins", bytes.NewReader([]byte(body)))
	req.SetBasicAuth("admin", "pw")
	req.Header.Set("Content-Type", "application/json-rpc")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return d, resp.StatusCode, string(b)
}

func batch(policy string, cmds ...string) string {
	var reqs []map[string]any
	for i, c := range cmds {
		r := map[string]any{"jsonrpc": "2.0", "method": "cli", "params": map[string]any{"cmd": c, "version": 1}, "id": i + 1}
		if policy != "" {
			r["rollback"] = policy
		}
		reqs = append(reqs, r)
	}
	b, _ := json.Marshal(reqs)
	return string(b)
}

func TestSemicolonSeparatedCommandsRunSeparately(t *testing.T) {
	d, code, body := postRaw(t, "hostname a\n",
		`{"jsonrpc":"2.0","method":"cli","params":{"cmd":"interface Ethernet1/1 ; description uplink ; hostname b","version":1},"id":1}`)
	if code != http.StatusOK || strings.Contains(body, "error") {
		t.Fatalf("HTTP %d %s", code, body)
	}
	want := "hostname b\ninterface Ethernet1/1\n  description uplink\n"
	if got := lines(d.Running()); got != want {
		t.Errorf("running:\n%s\nwant:\n%s", got, want)
	}
}

func TestBatchSubCommandsNeedNoIndentation(t *testing.T) {
	d, code, body := postRaw(t, "hostname a\nfeature lacp\n", batch("", "configure terminal", "interface Ethernet1/2",
		"description server", "channel-group 5 mode active", "exit", "vlan 30", "name web", "end"))
	if code != http.StatusOK || strings.Contains(body, `"error"`) {
		t.Fatalf("HTTP %d %s", code, body)
	}
	want := "hostname a\nfeature lacp\ninterface Ethernet1/2\n  description server\n  channel-group 5 mode active\nvlan 30\n  name web\n"
	if got := lines(d.Running()); got != want {
		t.Errorf("running:\n%s\nwant:\n%s", got, want)
	}
}

func TestRollbackMember(t *testing.T) {
	tests := []struct {
		policy, running string
		wantErrors      int
	}{
		{"stop-on-error", "hostname b\n", 2},
		{"continue-on-error", "hostname c\n", 1},
		{"rollback-on-error", "hostname a\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.policy, func(t *testing.T) {
			d, _, body := postRaw(t, "hostname a\n", batch(tc.policy, "hostname b", "frobnicate", "hostname c"))
			if got := strings.Count(body, `"error"`); got != tc.wantErrors {
				t.Errorf("%d errors, want %d: %s", got, tc.wantErrors, body)
			}
			if d.Running() != tc.running {
				t.Errorf("running = %q, want %q", d.Running(), tc.running)
			}
		})
	}
	_, _, body := postRaw(t, "hostname a\n", batch("undo-everything", "hostname b"))
	if !strings.Contains(body, "-32602") {
		t.Errorf("unknown rollback value: %s", body)
	}
}

func TestErrorRepliesCarryNoResult(t *testing.T) {
	_, _, body := postRaw(t, "hostname a\n", batch("", "hostname b", "frobnicate"))
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw[0]["result"]; !ok {
		t.Errorf("success without result: %s", body)
	}
	if _, ok := raw[1]["result"]; ok {
		t.Errorf("error reply with a result member: %s", body)
	}
	if _, ok := raw[1]["error"]; !ok {
		t.Errorf("error reply without error: %s", body)
	}
}

func TestNotificationsGetNoReply(t *testing.T) {
	d, code, body := postRaw(t, "hostname a\n", `{"jsonrpc":"2.0","method":"cli","params":{"cmd":"hostname b","version":1}}`)
	if code != http.StatusNoContent || body != "" {
		t.Errorf("notification answered: HTTP %d %q", code, body)
	}
	if d.Running() != "hostname b\n" {
		t.Errorf("notification not executed: %q", d.Running())
	}
	_, _, body = postRaw(t, "hostname a\n", `[{"jsonrpc":"2.0","method":"cli","params":{"cmd":"hostname b","version":1}},`+
		`{"jsonrpc":"2.0","method":"cli","params":{"cmd":"hostname c","version":1},"id":7}]`)
	var out []struct {
		ID int `json:"id"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]struct {
		ID int `json:"id"`
	}{{7}}, out); d != "" {
		t.Errorf("batch replies (-want +got):\n%s", d)
	}
}

func TestVersionNumbers(t *testing.T) {
	for _, v := range []string{"1", "1.2", `"1.2"`} {
		_, _, body := postRaw(t, "hostname a\n", `{"jsonrpc":"2.0","method":"cli","params":{"cmd":"hostname b","version":`+v+`},"id":1}`)
		if strings.Contains(body, "error") {
			t.Errorf("version %s: %s", v, body)
		}
	}
	_, _, body := postRaw(t, "hostname a\n", `{"jsonrpc":"2.0","method":"cli","params":{"cmd":"hostname b","version":7},"id":1}`)
	if !strings.Contains(body, "-32602") {
		t.Errorf("version 7 accepted: %s", body)
	}
}

// lines drops the blank lines show running-config puts between sections.
func lines(s string) string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}
