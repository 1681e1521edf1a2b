package securitytest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"

	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/nxos"
)

// switchyardBin is the switchyard binary under test, built by TestMain.
var switchyardBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "securitytest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	switchyardBin = filepath.Join(dir, "switchyard")
	build := exec.Command("go", "build", "-o", switchyardBin, "github.com/switchyard/switchyard/cmd/switchyard")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build switchyard:", err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

const examples = "../../examples/campus"

// Canary values, one per secret reference. Each is distinct so that a
// leak names its source.
const (
	canaryPassword   = "canary-device-password-6f1d3b"
	canaryEnable     = "canary-enable-password-a82c4e"
	canaryTACACS     = "canary-tacacs-key-91e07d"
	canarySNMP       = "canary-snmp-community-48b2"
	canaryFileSecret = "canary-file-tacacs-key-3c55fa"
	canaryWrongPass  = "canary-wrong-password-d4709b"
	canaryWebhook    = "canary-webhook-secret-5b2e68"
	canaryAPIToken   = "canary-api-token-file-e7a190"
)

var allCanaries = []string{canaryPassword, canaryEnable, canaryTACACS, canarySNMP, canaryFileSecret, canaryWrongPass,
	canaryWebhook, canaryAPIToken}

func registry(t testing.TB) *providers.Registry {
	t.Helper()
	r := providers.NewRegistry()
	for _, reg := range []func(*providers.Registry) error{iosxe.Register, iosxr.Register, nxos.Register, ios.Register} {
		if err := reg(r); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// campus is a copy of examples/campus whose devices point at a simulated
// fleet on free 127.0.0.1 ports, with the secret references of the example
// plus a file-based one (the second TACACS+ server's key).
type campus struct {
	t          *testing.T
	repo       string
	knownHosts string
	caFile     string
	secretFile string
	sim        *simfleet.Fleet
	rec        *recorder
}

// startCampus sets every canary in the environment, copies the campus and
// starts all of its devices (all four transports).
func startCampus(t *testing.T, rec *recorder) *campus {
	t.Helper()
	t.Setenv("SWITCHYARD_PASSWORD", canaryPassword)
	t.Setenv("SWITCHYARD_ENABLE_PASSWORD", canaryEnable)
	t.Setenv("SWITCHYARD_TACACS_KEY", canaryTACACS)
	t.Setenv("SWITCHYARD_SNMP_COMMUNITY", canarySNMP)
	t.Setenv("SWITCHYARD_WRONG_PASSWORD", canaryWrongPass)
	t.Setenv("SWITCHYARD_WEBHOOK_SECRET", canaryWebhook)
	t.Setenv("SWITCHYARD_KNOWN_HOSTS", "")
	t.Setenv("SWITCHYARD_CA_FILE", "")
	stateDir := filepath.Join(t.TempDir(), "state") // never the user's own
	t.Setenv("SWITCHYARD_STATE_DIR", stateDir)
	tmp := t.TempDir()
	c := &campus{t: t, repo: filepath.Join(tmp, "campus"), knownHosts: filepath.Join(tmp, "known_hosts"),
		caFile: filepath.Join(tmp, "ca.pem"), secretFile: filepath.Join(tmp, "secrets", "tacacs-2"), rec: rec}
	copyTree(t, examples, c.repo)
	if err := os.MkdirAll(filepath.Dir(c.secretFile), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, c.secretFile, canaryFileSecret+"\n", 0o600)
	c.edit("groups/campus.yaml", "{address: 10.20.0.49, port: 49, key: {env: SWITCHYARD_TACACS_KEY}}",
		"{address: 10.20.0.49, port: 49, key: {file: "+c.secretFile+"}}")
	c.edit("credentials.yaml", "\ndefaults:", `
  - name: wrong-admin
    username: admin
    password: {env: SWITCHYARD_WRONG_PASSWORD}
    enable_password: {env: SWITCHYARD_WRONG_PASSWORD}

defaults:`)

	reg := registry(t)
	// Through the gate, as the commands load it: the simulators are the
	// devices' releases.
	inv, ds := fleet.Load(c.repo, reg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	seedProofs(t, stateDir, reg, inv.Devices)
	sim, err := simfleet.Start(t.Context(), inv, reg, simfleet.Options{Username: "admin", Password: canaryPassword,
		EnablePassword: canaryEnable, AnyPort: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	if len(sim.Skipped) > 0 {
		t.Fatalf("devices not simulated: %v", sim.Skipped)
	}
	c.sim = sim
	if err := sim.WriteKnownHosts(c.knownHosts); err != nil {
		t.Fatal(err)
	}
	if err := sim.WriteCABundle(c.caFile); err != nil {
		t.Fatal(err)
	}
	for _, d := range inv.Devices {
		c.setAddress(d.Name, d.Address, sim.Addr(d.Name))
	}
	return c
}

// setAddress points device name (declared at old) at addr.
func (c *campus) setAddress(name, old, addr string) {
	c.t.Helper()
	for _, f := range []string{"devices/ams.yaml", "devices/fra.yaml"} {
		b, err := os.ReadFile(filepath.Join(c.repo, f))
		if err != nil {
			c.t.Fatal(err)
		}
		if bytes.Contains(b, []byte("- name: "+name+"\n")) {
			c.edit(f, "address: "+old+"\n", "address: "+addr+"\n")
			return
		}
	}
	c.t.Fatalf("device %s not found in the campus", name)
}

// edit replaces the one occurrence of old in the repository file rel.
func (c *campus) edit(rel, old, new string) {
	c.t.Helper()
	editFile(c.t, filepath.Join(c.repo, rel), old, new)
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), old); n != 1 {
		t.Fatalf("%s has %d occurrences of %q, want 1", path, n, old)
	}
	writeFile(t, path, strings.Replace(string(b), old, new, 1), 0o644)
}

// run runs switchyard on the campus with its known_hosts and CA bundle.
func (c *campus) run(args ...string) result {
	c.t.Helper()
	return c.runIn(c.repo, args...)
}

func (c *campus) runIn(repo string, args ...string) result {
	c.t.Helper()
	return runSwitchyard(c.t, c.rec, append(args, "--repo", repo, "--known-hosts", c.knownHosts, "--ca-file", c.caFile)...)
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// runSwitchyard runs the binary with the test's environment, stdin
// /dev/null, and records its output.
func runSwitchyard(t *testing.T, rec *recorder, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 45*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, switchyardBin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errOut.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	default:
		t.Fatalf("switchyard %v: %v", args, err)
	}
	name := "switchyard " + strings.Join(args, " ")
	t.Logf("%s: exit %d in %v", name, r.code, time.Since(start).Round(time.Millisecond))
	if rec != nil {
		rec.add(name+" (stdout)", out.Bytes())
		rec.add(name+" (stderr)", errOut.Bytes())
	}
	return r
}

// recorder keeps everything switchyard wrote, to be searched for secrets.
type recorder struct {
	mu    sync.Mutex
	items []recorded
}

type recorded struct {
	name string
	data []byte
}

func (r *recorder) add(name string, data []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, recorded{name, bytes.Clone(data)})
}

// addTree records every regular file below dir.
func (r *recorder) addTree(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r.add("file "+p, b)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// assertNoSecrets fails t for every recorded item that holds a canary in
// any of its encodings.
func (r *recorder) assertNoSecrets(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	total := 0
	for _, it := range r.items {
		total += len(it.data)
		for _, canary := range allCanaries {
			if e, ok := containsSecret(it.data, canary); ok {
				t.Errorf("secret %q (%s) appears in %s:\n%s", canary, e.form, it.name, excerpt(it.data, e.value))
			}
		}
	}
	t.Logf("searched %d outputs and files (%d bytes) for %d canaries", len(r.items), total, len(allCanaries))
}

func excerpt(b []byte, needle string) string {
	i := max(0, bytes.Index(b, []byte(needle)))
	lo, hi := max(0, i-200), min(len(b), i+200)
	return string(b[lo:hi])
}

// writeFile writes content to path with mode perm.
func writeFile(t *testing.T, path, content string, perm fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the regular files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// closedPort returns a 127.0.0.1 address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// seedProofs records a passed timer proof for every device with a device
// timer, so that apply does not first wait a real minute per device for
// its proof: these tests are about secrets, not proofs (internal/fleet and
// cmd/switchyard test those).
func seedProofs(t *testing.T, dir string, reg *providers.Registry, devs []*inventory.Device) {
	t.Helper()
	st, err := state.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	proofs, err := fleet.PassedProofs(reg, devs, time.Now(), "seeded by the test")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range proofs {
		if err := st.SetProof(p); err != nil {
			t.Fatal(err)
		}
	}
}
