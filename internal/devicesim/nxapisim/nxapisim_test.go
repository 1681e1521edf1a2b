package nxapisim_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
)

type reply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code int `json:"code"`
		Data struct {
			Msg string `json:"msg"`
		} `json:"data"`
	} `json:"error"`
}

func start(t *testing.T, running string) (*nxapisim.Device, func(method string, cmds ...string) []reply) {
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
	call := func(method string, cmds ...string) []reply {
		t.Helper()
		var reqs []map[string]any
		for i, c := range cmds {
			reqs = append(reqs, map[string]any{"jsonrpc": "2.0", "method": method, "params": map[string]any{"cmd": c, "version": 1}, "id": i + 1})
		}
		b, _ := json.Marshal(reqs)
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://"+d.Addr()+"/ins", bytes.NewReader(b))
		req.SetBasicAuth("admin", "pw")
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out []reply
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatalf("decode (HTTP %d): %v", resp.StatusCode, err)
		}
		return out
	}
	return d, call
}

func failure(r reply) string {
	if r.Error == nil {
		return ""
	}
	return fmt.Sprintf("%d %s", r.Error.Code, strings.TrimSpace(r.Error.Data.Msg))
}

func TestBatchStopsAtFirstError(t *testing.T) {
	d, call := start(t, "hostname a\n")
	out := call("cli", "hostname b", "frobnicate", "hostname c")
	got := []string{failure(out[0]), failure(out[1]), failure(out[2])}
	want := []string{"", "-32602 % Invalid command at '^' marker.", "-32602 not executed: an earlier command in the request failed"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if d.Running() != "hostname b\n" {
		t.Errorf("running = %q, want the first command applied only", d.Running())
	}
}

func TestGrammarAndFeatures(t *testing.T) {
	tests := []struct {
		name string
		cmds []string
		ok   bool
	}{
		{"interface sub-mode", []string{"interface Ethernet1/1", "  description x", "  no shutdown"}, true},
		{"unknown in every mode", []string{"interface Ethernet1/1", "  frobnicate x"}, false},
		{"global command from a sub-mode leaves it", []string{"interface Ethernet1/1", "hostname x", "description y"}, false},
		{"tacacs needs the feature", []string{"tacacs-server host 10.0.0.1"}, false},
		{"tacacs with the feature", []string{"feature tacacs+", "tacacs-server host 10.0.0.1", "aaa group server tacacs+ G", "  server 10.0.0.1"}, true},
		{"lacp needs the feature", []string{"interface Ethernet1/1", "  channel-group 1 mode active"}, false},
		{"static channel needs nothing", []string{"interface Ethernet1/1", "  channel-group 1"}, true},
		{"svi needs the feature", []string{"interface Vlan10"}, false},
		{"acl entries", []string{"ip access-list A", "  10 permit tcp any any eq 22", "  20 deny ip any any log"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, call := start(t, "hostname a\n")
			out := call("cli", tc.cmds...)
			failed := false
			for _, r := range out {
				failed = failed || r.Error != nil
			}
			if failed == tc.ok {
				t.Errorf("failed = %v, want %v (%+v)", failed, !tc.ok, out)
			}
		})
	}
}

func TestNXOSLineSemantics(t *testing.T) {
	d, call := start(t, "hostname a\nip name-server 10.0.0.53\nntp server 10.0.0.1\n")
	out := call("cli", "configure terminal", "feature tacacs+",
		"username bob password s3cret role network-admin", "username bob sshkey ssh-rsa AAAA",
		"username bob password s3cret role network-operator",
		"tacacs-server host 10.0.0.49 key k3y", "ip name-server 10.0.0.54", "ntp server 10.0.0.1 prefer", "end")
	for i, r := range out {
		if r.Error != nil {
			t.Fatalf("command %d: %s", i+1, failure(r))
		}
	}
	run := d.Running()
	for _, leak := range []string{"s3cret", "k3y"} {
		if strings.Contains(run, leak) {
			t.Errorf("running shows the clear-text secret %q:\n%s", leak, run)
		}
	}
	for _, want := range []string{"username bob password 5 $5$", "role network-operator\n", "username bob sshkey ssh-rsa AAAA\n",
		`tacacs-server host 10.0.0.49 key 7 "`, "ip name-server 10.0.0.53 10.0.0.54\n", "ntp server 10.0.0.1 prefer\n"} {
		if !strings.Contains(run, want) {
			t.Errorf("running lacks %q:\n%s", want, run)
		}
	}
	if strings.Count(run, "username bob password") != 1 || strings.Count(run, "ntp server") != 1 {
		t.Errorf("lines were not replaced:\n%s", run)
	}
}

func TestCheckpointsAndRollback(t *testing.T) {
	d, call := start(t, "")
	before := d.Running()
	if out := call("cli", "checkpoint cp0", "hostname changed", "interface Ethernet1/1", "  description x"); failure(out[3]) != "" {
		t.Fatal(failure(out[3]))
	}
	if out := call("cli", "rollback running-config checkpoint cp0"); failure(out[0]) != "" {
		t.Fatal(failure(out[0]))
	}
	if got := d.Running(); got != before {
		t.Errorf("rollback is not exact (-want +got):\n%s", cmp.Diff(before, got))
	}
	for i := 1; i < nxapisim.MaxCheckpoints; i++ {
		if out := call("cli", fmt.Sprintf("checkpoint cp%d", i)); out[0].Error != nil {
			t.Fatalf("checkpoint %d: %s", i, failure(out[0]))
		}
	}
	if out := call("cli", "checkpoint one-too-many"); !strings.Contains(failure(out[0]), "Maximum number of checkpoints") {
		t.Errorf("11th checkpoint: %q, want a refusal", failure(out[0]))
	}
	if out := call("cli", "checkpoint cp1"); !strings.Contains(failure(out[0]), "already in use") {
		t.Errorf("duplicate checkpoint: %q", failure(out[0]))
	}
	out := call("cli_ascii", "no checkpoint cp0", "show checkpoint summary")
	var msg struct{ Msg string }
	_ = json.Unmarshal(out[1].Result, &msg)
	if strings.Contains(msg.Msg, "cp0:") || !strings.Contains(msg.Msg, "1) cp1:") {
		t.Errorf("summary after deleting cp0:\n%s", msg.Msg)
	}
	if got := len(d.Checkpoints()); got != nxapisim.MaxCheckpoints-1 {
		t.Errorf("%d checkpoints, want %d", got, nxapisim.MaxCheckpoints-1)
	}
}

func TestProtocolErrors(t *testing.T) {
	_, call := start(t, "")
	if out := call("cli_show", "show hostname"); out[0].Error == nil || out[0].Error.Code != -32601 {
		t.Errorf("unknown method: %+v", out[0])
	}
	if out := call("cli", "show running-config"); out[0].Error == nil {
		t.Error("structured show running-config accepted")
	}
}
