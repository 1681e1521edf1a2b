package securitytest

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCLINeverShowsSecrets puts a distinct canary in every secret reference
// of the campus (device password, enable password, TACACS+ key from the
// environment, TACACS+ key from a file, a wrong password) and runs every
// command against all four transports, successful and failing, then
// searches everything switchyard printed or wrote for any canary in any
// encoding. It first proves the canaries are really used: the devices
// accepted the password and the enable password, and the TACACS+ keys
// reached the NX-API device's running configuration.
func TestCLINeverShowsSecrets(t *testing.T) {
	rec := &recorder{}
	c := startCampus(t, rec)
	t.Cleanup(func() { rec.assertNoSecrets(t) })
	outDir := t.TempDir()
	planFile := filepath.Join(outDir, "plan.json")

	// Commands that contact no device.
	mustExit(t, c.run("validate"), 0)
	for _, f := range []string{"table", "json"} {
		mustExit(t, c.run("inventory", "--format", f), 0)
	}
	for _, d := range c.sim.All() {
		format := "json"
		if d.Transport == "cli" || d.Transport == "nxapi" {
			format = "cli"
		}
		mustExit(t, c.run("render", d.Name, "--format", format), 0)
	}

	// Plans, in every format, with protocol detail logged.
	r := c.run("plan", "--verbose", "--out", planFile)
	mustExit(t, r, 2)
	if !strings.Contains(r.stderr, `"level":"DEBUG"`) {
		t.Errorf("plan --verbose logged no protocol detail:\n%s", r.stderr)
	}
	for _, f := range []string{"text", "json", "markdown", "html"} {
		mustExit(t, c.run("plan", "--format", f, "--verbose"), 2)
	}
	saved, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"SWITCHYARD_TACACS_KEY", filepath.Base(c.secretFile)} {
		if !bytes.Contains(saved, []byte(ref)) {
			t.Errorf("the saved plan does not mention %s: the test no longer covers a secret-bearing change", ref)
		}
	}

	failingApplies(t, c)

	// The applies that succeed: every device, every transport.
	r = c.run("apply", "--verbose", "--yes", "--confirm-timeout", "1m", "--timeout", "10s")
	mustExit(t, r, 0)
	r = c.run("apply", "--plan", planFile, "--yes", "--verbose")
	if r.code == 0 {
		t.Errorf("apply of a plan made before the fleet converged succeeded; want it refused as stale:\n%s", r)
	}
	mustExit(t, c.run("plan", "--format", "json"), 0)
	assertTACACSKeysPushed(t, c)
	// The SNMP community is a list key on IOS-XE and IOS-XR: on the device
	// as the key, in every output above as an alias only.
	for _, name := range []string{"ams-core-1", "ams-acc-1", "fra-core-1"} {
		if run, err := c.sim.Running(name); err != nil || !strings.Contains(run, canarySNMP) {
			t.Errorf("%s lacks the SNMP community %q (%v): the canary is not used", name, canarySNMP, err)
		}
	}

	rec.addTree(t, outDir)
	rec.addTree(t, c.repo)
}

// failingApplies runs apply where each device fails differently: a NETCONF
// device rejects the edit, a device is unreachable, and one device of
// each transport is given a wrong password (also as enable password).
func failingApplies(t *testing.T, c *campus) {
	t.Helper()
	bad := filepath.Join(t.TempDir(), "campus-bad")
	copyTree(t, c.repo, bad)
	wrong := []string{"ams-acc-2", "ams-closet-1", "fra-core-1", "fra-dist-1"} // netconf, cli, gnmi, nxapi
	for _, name := range wrong {
		f := "devices/ams.yaml"
		if strings.HasPrefix(name, "fra") {
			f = "devices/fra.yaml"
		}
		b, err := os.ReadFile(filepath.Join(bad, f))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		// Devices that name their credentials already get them replaced.
		block := "  - name: " + name + "\n"
		if i := strings.Index(text, block); i >= 0 && strings.Contains(text[i:min(len(text), i+400)], "credentials: legacy-admin") {
			text = text[:i] + strings.Replace(text[i:], "credentials: legacy-admin", "credentials: wrong-admin", 1)
		} else {
			text = strings.Replace(text, block, block+"    credentials: wrong-admin\n", 1)
		}
		writeFile(t, filepath.Join(bad, f), text, 0o644)
	}
	editFile(t, filepath.Join(bad, "devices/fra.yaml"), "address: "+c.sim.Addr("fra-acc-1")+"\n", "address: "+closedPort(t)+"\n")
	rejecting := c.sim.Device("ams-acc-1")
	if err := rejecting.Knobs().RejectPath("/interfaces", "% Invalid input detected (secret check)"); err != nil {
		t.Fatal(err)
	}
	defer rejecting.Knobs().Reset()

	failures := map[string]string{
		"ams-acc-1":    "invalid input detected (secret check)", // the device's rejection, as it said it
		"ams-acc-2":    "ssh authentication failed",
		"ams-closet-1": "ssh authentication failed",
		"fra-core-1":   "gnmi authentication failed",
		"fra-dist-1":   "nxapi authentication failed",
		"fra-acc-1":    "connection refused",
	}
	var limits []string
	for _, name := range append(wrong, "ams-acc-1", "fra-acc-1") {
		limits = append(limits, "--limit", name)
	}
	r := c.runIn(bad, append([]string{"apply", "--yes", "--verbose", "--max-failures", "10", "--timeout", "5s"}, limits...)...)
	mustExit(t, r, 1)
	t.Logf("failing apply:\n%s", r.stdout)
	rows := summary(t, r.stdout)
	for name, why := range failures {
		row := strings.ToLower(rows[name])
		if !strings.HasPrefix(row, "failed") || !strings.Contains(row, why) {
			t.Errorf("%s: apply summary %q, want failed with %q", name, rows[name], why)
		}
	}
	// Plan with the same failures: errors in each format.
	for _, f := range []string{"text", "json", "markdown", "html"} {
		mustExit(t, c.runIn(bad, append([]string{"plan", "--verbose", "--timeout", "5s", "--format", f}, limits...)...), 1)
	}
}

// summary parses apply's result table into device -> "STATUS CHANGES DETAIL".
func summary(t *testing.T, out string) map[string]string {
	t.Helper()
	rows := map[string]string{}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "DEVICE") {
		t.Fatalf("apply stdout has no result table:\n%s", out)
	}
	for _, l := range lines[1:] {
		name, rest, _ := strings.Cut(l, " ")
		rows[name] = strings.TrimSpace(rest)
	}
	return rows
}

// assertTACACSKeysPushed proves the TACACS+ canaries (from the environment
// and from a file) are really used: they are in the NX-API device's
// running configuration, read over NX-API with the canary password.
func assertTACACSKeysPushed(t *testing.T, c *campus) {
	t.Helper()
	pem, err := os.ReadFile(c.caFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	body := `[{"jsonrpc":"2.0","method":"cli_ascii","params":{"cmd":"show running-config","version":1},"id":1}]`
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://"+c.sim.Addr("fra-dist-1")+"/ins", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json-rpc")
	req.SetBasicAuth("admin", canaryPassword)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var replies []struct {
		Result struct {
			Msg string `json:"msg"`
		} `json:"result"`
	}
	if err := json.Unmarshal(raw, &replies); err != nil || len(replies) != 1 {
		t.Fatalf("show running-config over NX-API: %v: %s", err, raw)
	}
	running := replies[0].Result.Msg
	// The simulator keeps a pushed key only in its "type 7" form, which it
	// derives as nxapisim's obfuscate does.
	for _, canary := range []string{canaryTACACS, canaryFileSecret} {
		sum := sha256.Sum256([]byte("key7:" + canary))
		if want := `key 7 "` + hex.EncodeToString(sum[:6]) + `"`; !strings.Contains(running, want) {
			t.Errorf("the TACACS+ key %q did not reach fra-dist-1 (no %s): the canary is not used\n%s", canary, want, running)
		}
	}
}

func mustExit(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\n%s", r.code, code, r)
	}
}
