package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"

	"github.com/openconfig/ygot/ygot"
	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

// Canary secret values: no output of any command may contain them.
const (
	canaryPassword = "canary-password-5e2f81"
	canaryTACACS   = "canary-tacacs-key-c94d07"
	canarySNMP     = "canary-snmp-community-7a1f"
)

// campusE2E is examples/campus copied to a temporary repository whose
// selected devices point at a simulated fleet on free 127.0.0.1 ports. Every
// command it runs is recorded and checked for the canary secrets when the
// test ends.
type campusE2E struct {
	t          *testing.T
	repo       string
	knownHosts string
	sim        *simfleet.Fleet
	// caFile verifies the simulators' TLS (gNMI, NX-API); "" when none is
	// simulated.
	caFile  string
	outputs []string
	// limits are the --limit flags of every command (selection unless a
	// test widens it).
	limits []string
}

func startCampus(t *testing.T) *campusE2E {
	t.Helper()
	return startCampusWith(t, simfleet.Options{})
}

// startCampusWith is startCampus with simulator options (a clock).
func startCampusWith(t *testing.T, opts simfleet.Options) *campusE2E {
	t.Helper()
	ams := func(d *inventory.Device) bool { return d.Labels["site"] == "ams" }
	return startCampusSim(t, opts, ams, selection)
}

// startCampusSim copies the campus, simulates the devices simulate picks
// (simulate only what the commands select) with opts, points the repo at
// them and limits every command with limits.
func startCampusSim(t *testing.T, opts simfleet.Options, simulate func(*inventory.Device) bool, limits ...string) *campusE2E {
	t.Helper()
	t.Setenv("SWITCHYARD_PASSWORD", canaryPassword)
	t.Setenv("SWITCHYARD_TACACS_KEY", canaryTACACS)
	t.Setenv("SWITCHYARD_SNMP_COMMUNITY", canarySNMP)
	t.Setenv("SWITCHYARD_STATE_DIR", filepath.Join(t.TempDir(), "state"))
	repo := filepath.Join(t.TempDir(), "campus")
	copyTree(t, campus, repo)
	reg, err := newRegistry()
	if err != nil {
		t.Fatal(err)
	}
	// Through the gate, as the commands load it: every device gets its
	// release, and the simulators are those releases.
	inv, ds := fleet.Load(repo, reg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	inv.Devices = slices.DeleteFunc(slices.Clone(inv.Devices), func(d *inventory.Device) bool { return !simulate(d) })
	opts.Username, opts.Password, opts.AnyPort = "admin", canaryPassword, true
	sim, err := simfleet.Start(t.Context(), inv, reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	h := &campusE2E{t: t, repo: repo, knownHosts: filepath.Join(t.TempDir(), "known_hosts"),
		caFile: filepath.Join(t.TempDir(), "ca.pem"), sim: sim, limits: limits}
	if err := sim.WriteKnownHosts(h.knownHosts); err != nil {
		t.Fatal(err)
	}
	if err := sim.WriteCABundle(h.caFile); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(h.caFile); err != nil || fi.Size() == 0 {
		h.caFile = "" // no TLS device
	}
	for _, d := range inv.Devices {
		if addr := sim.Addr(d.Name); addr != "" {
			h.editRepo("devices/"+d.Labels["site"]+".yaml", "address: "+d.Address+"\n", "address: "+addr+"\n")
		}
	}
	t.Cleanup(h.checkNoSecrets)
	seedProofs(t, reg, inv.Devices)
	return h
}

// seedProofs records a passed timer proof for every simulated device with a
// device timer, so that apply does not prove them first: a proof waits for
// a real timer, and these tests are not about proofs (internal/fleet tests
// them on a manual clock; TestE2EProve runs switchyard prove).
func seedProofs(t *testing.T, reg *providers.Registry, devs []*inventory.Device) {
	t.Helper()
	st, err := state.Open(os.Getenv("SWITCHYARD_STATE_DIR"))
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

// selection limits every command to the simulated devices: the Amsterdam
// site (one device of each NETCONF platform, two access switches) without
// its classic IOS closet, which is managed over SSH CLI.
const selection = "site=ams,legacy!=true"

// run runs a command against the simulated devices.
func (h *campusE2E) run(args ...string) (int, string, string) {
	h.t.Helper()
	cmdline := strings.Join(args, " ")
	args = append(args, "--repo", h.repo, "--known-hosts", h.knownHosts)
	if h.caFile != "" {
		args = append(args, "--ca-file", h.caFile)
	}
	for _, l := range h.limits {
		args = append(args, "--limit", l)
	}
	var out, errOut syncBuffer
	start := time.Now()
	code := run(h.t.Context(), args, &out, &errOut)
	h.t.Logf("switchyard %s: exit %d in %v", cmdline, code, time.Since(start).Round(time.Millisecond))
	h.outputs = append(h.outputs, cmdline+" (stdout)\n"+out.String(), cmdline+" (stderr)\n"+errOut.String())
	return code, out.String(), errOut.String()
}

// syncBuffer is a bytes.Buffer safe for concurrent writes, as os.Stdout and
// os.Stderr are: the commands log and report progress from several
// goroutines, through more than one handler.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// editRepo replaces the one occurrence of old in the repository file rel.
func (h *campusE2E) editRepo(rel, old, new string) {
	h.t.Helper()
	path := filepath.Join(h.repo, rel)
	b, err := os.ReadFile(path)
	if err != nil {
		h.t.Fatal(err)
	}
	if n := strings.Count(string(b), old); n != 1 {
		h.t.Fatalf("%s has %d occurrences of %q, want 1", rel, n, old)
	}
	writeFile(h.t, path, strings.Replace(string(b), old, new, 1))
}

func (h *campusE2E) snapshot() map[string][]byte {
	out := map[string][]byte{}
	for _, d := range h.sim.Devices() {
		out[d.Name()] = d.Running()
	}
	return out
}

// assertUnchanged checks that every device still runs what before holds
// and has no confirmed commit pending.
func (h *campusE2E) assertUnchanged(what string, before map[string][]byte) {
	h.t.Helper()
	for _, d := range h.sim.Devices() {
		if !bytes.Equal(before[d.Name()], d.Running()) || d.ConfirmedCommitPending() {
			h.t.Errorf("%s: %s was changed (pending commit %v)", what, d.Name(), d.ConfirmedCommitPending())
		}
	}
}

func (h *campusE2E) checkNoSecrets() {
	for _, o := range h.outputs {
		for _, canary := range []string{canaryPassword, canaryTACACS, canarySNMP} {
			if strings.Contains(o, canary) {
				h.t.Errorf("secret value %q appears in the output of %s", canary, o)
			}
		}
	}
}

// noTerminal makes stdin a pipe that never delivers data, so that apply
// cannot mistake the test's stdin for a terminal.
func noTerminal(t *testing.T) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdin
	os.Stdin = r
	t.Cleanup(func() {
		os.Stdin = saved
		_ = w.Close()
		_ = r.Close()
	})
}

func TestE2EApplyRefusesStaleOrUnconfirmed(t *testing.T) {
	h := startCampus(t)
	noTerminal(t)
	planFile := filepath.Join(t.TempDir(), "plan.json")
	factory := h.snapshot()

	code, _, errOut := h.run("apply")
	if code != exitFailure || !strings.Contains(errOut, "refusing to apply without confirmation") {
		t.Errorf("apply without --yes or a terminal: exit %d, stderr:\n%s", code, errOut)
	}
	h.assertUnchanged("apply without confirmation", factory)

	if code, _, errOut := h.run("plan", "--out", planFile); code != exitChanges {
		t.Fatalf("plan --out: exit %d, want %d; stderr:\n%s", code, exitChanges, errOut)
	}

	t.Run("changed intent refuses the whole plan", func(t *testing.T) {
		const old, edited = "description: desk 1.01\n", "description: desk 1.01 (moved)\n"
		h.editRepo("devices/ams.yaml", old, edited)
		defer h.editRepo("devices/ams.yaml", edited, old)
		code, _, errOut := h.run("apply", "--plan", planFile, "--yes")
		if code != exitFailure || !strings.Contains(errOut, "is stale: the intent for ams-acc-1 changed since it was made") {
			t.Errorf("apply of a plan with changed intent: exit %d, stderr:\n%s", code, errOut)
		}
		h.assertUnchanged("apply of a plan with changed intent", factory)
	})

	t.Run("device changed out of band is refused, the others applied", func(t *testing.T) {
		const changed = "ams-acc-2"
		dev := h.sim.Device(changed)
		d, err := ocxml.Unmarshal(dev.RunningTree().Children)
		if err != nil {
			t.Fatal(err)
		}
		d.GetOrCreateInterface("GigabitEthernet1/0/2").Description = ygot.String("patched on the console")
		elems, err := ocxml.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		dev.SetRunning(&xmltree.Element{Children: elems})
		outOfBand := dev.Running()
		if bytes.Equal(outOfBand, factory[changed]) {
			t.Fatal("the out-of-band change did not change running")
		}

		code, out, errOut := h.run("apply", "--plan", planFile, "--yes", "--max-failures", "10")
		if code != exitFailure {
			t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailure, errOut)
		}
		results := summary(t, out)
		for _, sd := range h.sim.Devices() {
			name, line := sd.Name(), results[sd.Name()]
			if name == changed {
				if !strings.HasPrefix(line, string(rollout.Failed)) || !strings.Contains(line, changed+": "+rollout.ErrStale.Error()) {
					t.Errorf("%s: summary %q, want failed with %q", name, line, rollout.ErrStale)
				}
				if !bytes.Equal(outOfBand, sd.Running()) {
					t.Errorf("%s: a device that changed since the plan was pushed to", name)
				}
				continue
			}
			if !strings.HasPrefix(line, string(rollout.Applied)) {
				t.Errorf("%s: summary %q, want applied", name, line)
			}
			if bytes.Equal(factory[name], sd.Running()) || sd.ConfirmedCommitPending() {
				t.Errorf("%s: not applied (pending commit %v)", name, sd.ConfirmedCommitPending())
			}
		}

		code, out, errOut = h.run("plan", "--format", "json")
		if code != exitChanges {
			t.Fatalf("plan after apply: exit %d, want %d; stderr:\n%s", code, exitChanges, errOut)
		}
		p, err := plan.Load(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		for _, dp := range p.Devices {
			if hasChanges := len(dp.Changes) > 0; hasChanges != (dp.Name == changed) || dp.Error != "" {
				t.Errorf("plan after apply: %s has %d changes (error %q); only %s should have any", dp.Name, len(dp.Changes), dp.Error, changed)
			}
		}
	})
}

func TestE2ESecretsNeverShown(t *testing.T) {
	h := startCampus(t)
	planFile := filepath.Join(t.TempDir(), "plan.json")
	for _, args := range [][]string{
		{"--format", "text", "--verbose", "--out", planFile}, // protocol detail logged to stderr
		{"--format", "json"}, {"--format", "markdown"}, {"--format", "html"},
	} {
		code, out, errOut := h.run(append([]string{"plan"}, args...)...)
		if code != exitChanges || out == "" {
			t.Fatalf("plan %v: exit %d, stdout %d bytes; stderr:\n%s", args, code, len(out), errOut)
		}
		if slices.Contains(args, "--verbose") && !strings.Contains(errOut, `"level":"DEBUG"`) {
			t.Errorf("plan %v logged no protocol detail; stderr:\n%s", args, errOut)
		}
	}
	saved, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	h.outputs = append(h.outputs, "saved plan file\n"+string(saved))
	if !bytes.Contains(saved, []byte("SWITCHYARD_TACACS_KEY")) {
		t.Error("the saved plan does not reference the TACACS key: the test no longer covers a secret-bearing change")
	}
	if code, _, errOut := h.run("apply", "--verbose", "--plan", planFile, "--yes"); code != exitOK {
		t.Errorf("apply --plan: exit %d; stderr:\n%s", code, errOut)
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
