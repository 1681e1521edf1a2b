//go:build fleetbench

package fleet

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
)

const benchPassword = "bench"

// TestFleetBench is the fleet benchmark (make bench). It starts a synthetic
// simulated fleet in this process and runs the switchyard binary as a
// subprocess against it (plan, apply with confirmed commits, plan again as
// the drift sweep), reporting each run's wall time, CPU seconds and peak
// RSS as the kernel measured them for the subprocess alone. It then starts
// a fresh fleet and runs the same three steps in-process through
// rollout.Observe and rollout.Apply, reporting per-device latency
// percentiles (the CLI reports no per-device timing); that pass shares
// the process, and so the CPUs, with the simulators.
//
// Sizes: SWITCHYARD_BENCH_DEVICES (default 1000), SWITCHYARD_BENCH_CONCURRENCY
// (default 100), SWITCHYARD_BENCH_PLATFORM (default all: every platform and
// transport; see simfleet.SyntheticAt). Each TLS device names its own CA
// file; SWITCHYARD_BENCH_CA=bundle gives them all the bundle of every
// simulator's CA instead (--ca-file). SWITCHYARD_BENCH_PROFILE=DIR writes
// a CPU profile of this process (the simulators, and in the in-process pass
// switchyard too) for every step to DIR. SWITCHYARD_BENCH_STEPS=plan runs
// only the subprocess plan (the scaling curve of docs/performance.md).
func TestFleetBench(t *testing.T) {
	n := envInt("SWITCHYARD_BENCH_DEVICES", 1000)
	conc := envInt("SWITCHYARD_BENCH_CONCURRENCY", 100)
	platform := cmp.Or(os.Getenv("SWITCHYARD_BENCH_PLATFORM"), "all")
	raiseFileLimit(t, uint64(2*n+8*conc+256))
	dir := t.TempDir()
	bin := filepath.Join(dir, "switchyard")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/switchyard").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Logf("machine: %s/%s, %d CPUs (GOMAXPROCS %d), %s, load average %s", runtime.GOOS, runtime.GOARCH,
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), loadAvg())

	bf := startBenchFleet(t, dir, n, platform)
	t.Logf("subprocess pass: the switchyard binary, measured by the kernel")
	t.Logf("| step | devices | concurrency | exit | wall s | CPU s | peak RSS MB |")
	t.Logf("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	common := []string{"--repo", bf.repo, "--known-hosts", bf.knownHosts, "--ca-file", bf.caFile,
		"--concurrency", strconv.Itoa(conc), "--timeout", "120s"}
	for i, step := range []struct {
		name string
		args []string
		want int
	}{
		{"plan", append([]string{"plan", "--format", "json"}, common...), 2},
		{"apply", append([]string{"apply", "--yes", "--confirm-timeout", "5m", "--max-failures", "0"}, common...), 0},
		{"plan (drift sweep, in sync)", append([]string{"plan", "--format", "json"}, common...), 0},
	} {
		if i > 0 && os.Getenv("SWITCHYARD_BENCH_STEPS") == "plan" {
			return
		}
		stop := profile(t, fmt.Sprintf("subprocess-%d-%s", i, step.args[0]))
		wall, cpu, rss, code := runMeasured(t.Context(), t, bin, step.args)
		stop()
		t.Logf("| %s | %d | %d | %d | %.2f | %.2f | %.0f |", step.name, n, conc, code, wall.Seconds(), cpu.Seconds(), float64(rss)/1024)
		if code != step.want {
			t.Errorf("%s exit %d, want %d", step.name, code, step.want)
		}
	}
	if err := bf.sim.Close(); err != nil {
		t.Errorf("close the first fleet: %v", err)
	}
	inProcessPass(t, startBenchFleet(t, t.TempDir(), n, platform), conc)
}

// benchFleet is a running synthetic fleet and the files switchyard needs
// to reach it.
type benchFleet struct {
	sim                           *simfleet.Fleet
	inv                           *inventory.Inventory
	repo, knownHosts, caFile, dir string
}

// startBenchFleet starts n simulated devices on ports the kernel chooses
// (so that no other program can take one between choice and listen), then
// writes the intent repository with those addresses, known_hosts and the
// CA bundle to dir.
func startBenchFleet(t *testing.T, dir string, n int, platform string) *benchFleet {
	t.Helper()
	reg := registry(t)
	placeholder, err := simfleet.SyntheticAt(n, platform, func(string) (simfleet.SyntheticPlace, error) {
		return simfleet.SyntheticPlace{Addr: "127.0.0.1:1"}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	inv := loadSynthetic(t, filepath.Join(dir, "placeholder"), placeholder)
	start := time.Now()
	sim, err := simfleet.Start(t.Context(), inv, reg, simfleet.Options{Username: "admin", Password: benchPassword, AnyPort: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	if len(sim.Skipped) > 0 {
		t.Fatalf("devices not simulated: %v", sim.Skipped)
	}
	addrs := map[string]string{}
	for _, d := range sim.All() {
		addrs[d.Name] = d.Addr
	}
	// Each TLS device names its own CA, as a fleet under one enterprise CA
	// would: with the bundle of every simulator's CA in --ca-file instead,
	// each connection parses hundreds of certificates (see docs/performance.md).
	caDir := filepath.Join(dir, "ca")
	if err := os.MkdirAll(caDir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := simfleet.SyntheticAt(n, platform, func(name string) (simfleet.SyntheticPlace, error) {
		pl := simfleet.SyntheticPlace{Addr: addrs[name]}
		if pem := sim.CAPEM(name); pem != nil && os.Getenv("SWITCHYARD_BENCH_CA") != "bundle" {
			pl.CAFile = filepath.Join(caDir, name+".pem")
			return pl, os.WriteFile(pl.CAFile, pem, 0o644)
		}
		return pl, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	bf := &benchFleet{sim: sim, dir: dir, repo: filepath.Join(dir, "repo"),
		knownHosts: filepath.Join(dir, "known_hosts"), caFile: filepath.Join(dir, "ca.pem")}
	bf.inv = loadSynthetic(t, bf.repo, data)
	if err := sim.WriteKnownHosts(bf.knownHosts); err != nil {
		t.Fatal(err)
	}
	if err := sim.WriteCABundle(bf.caFile); err != nil {
		t.Fatal(err)
	}
	t.Logf("started %d simulated devices (%s) in %s", n, transportMix(sim), time.Since(start).Round(time.Millisecond))
	return bf
}

func loadSynthetic(t *testing.T, repo string, data []byte) *inventory.Inventory {
	t.Helper()
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "fleet.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	// Through the gate, as the switchyard binary loads it: the simulators
	// are the devices' releases.
	inv, ds := Load(repo, registry(t))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return inv
}

func transportMix(sim *simfleet.Fleet) string {
	count := map[string]int{}
	for _, d := range sim.All() {
		count[d.Platform+"/"+d.Transport]++
	}
	var parts []string
	for k, v := range count {
		parts = append(parts, fmt.Sprintf("%d %s", v, k))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

// inProcessPass runs plan, apply and the drift sweep through the rollout
// package in this process, for per-device latencies.
func inProcessPass(t *testing.T, bf *benchFleet, conc int) {
	// Drivers also read secret references in the rendered configuration
	// from the environment, at push time.
	t.Setenv("SWITCHYARD_PASSWORD", benchPassword)
	env := map[string]string{"SWITCHYARD_PASSWORD": benchPassword}
	units, fails := Units(bf.inv, bf.inv.Devices, registry(t), Options{KnownHostsFile: bf.knownHosts, CAFile: bf.caFile,
		Timeout: 120 * time.Second, Secrets: credentials.Source{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}})
	for _, f := range fails {
		t.Fatalf("unit %s: %v", f.Device, f.Err)
	}
	cfg := rollout.Config{Concurrency: conc, ConfirmTimeout: 5 * time.Minute}
	t.Logf("in-process pass: rollout.Observe/Apply in the benchmark process, sharing the CPUs with the simulators")
	t.Logf("| step | devices | concurrency | wall s | process CPU s | p50 ms | p99 ms | max ms | slowest transport (p99 ms) |")
	t.Logf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
	for i, step := range []struct {
		name string
		want rollout.Status
		run  func(context.Context) []rollout.Result
	}{
		{"plan", rollout.Changes, func(ctx context.Context) []rollout.Result { return rollout.Observe(ctx, units, cfg) }},
		{"apply", rollout.Applied, func(ctx context.Context) []rollout.Result { return rollout.Apply(ctx, units, cfg) }},
		{"plan (drift sweep, in sync)", rollout.InSync, func(ctx context.Context) []rollout.Result { return rollout.Observe(ctx, units, cfg) }},
	} {
		if i > 0 && os.Getenv("SWITCHYARD_BENCH_STEPS") == "plan" {
			return
		}
		stop := profile(t, fmt.Sprintf("inprocess-%d-%s", i, strings.Fields(step.name)[0]))
		cpu0, start := processCPU(), time.Now()
		results := step.run(t.Context())
		wall, cpu := time.Since(start), processCPU()-cpu0
		stop()
		for _, r := range results {
			if r.Status != step.want {
				t.Errorf("%s: %s status %s, want %s: %v", step.name, r.Device, r.Status, step.want, r.Err)
			}
		}
		p50, p99, pmax := percentiles(results)
		t.Logf("| %s | %d | %d | %.2f | %.2f | %.0f | %.0f | %.0f | %s |", step.name, len(units), conc, wall.Seconds(), cpu.Seconds(),
			ms(p50), ms(p99), ms(pmax), slowestTransport(bf.inv, results))
	}
}

func percentiles(results []rollout.Result) (p50, p99, pmax time.Duration) {
	d := make([]time.Duration, len(results))
	for i, r := range results {
		d[i] = r.Duration
	}
	slices.Sort(d)
	if len(d) == 0 {
		return 0, 0, 0
	}
	at := func(q float64) time.Duration { return d[min(len(d)-1, int(q*float64(len(d))))] }
	return at(0.50), at(0.99), d[len(d)-1]
}

// slowestTransport names the platform/transport whose devices have the
// highest p99 latency.
func slowestTransport(inv *inventory.Inventory, results []rollout.Result) string {
	kind := map[string]string{}
	for _, d := range inv.Devices {
		kind[d.Name] = d.Platform + "/" + d.Transport
	}
	by := map[string][]rollout.Result{}
	for _, r := range results {
		by[kind[r.Device]] = append(by[kind[r.Device]], r)
	}
	var worst string
	var worstP99 time.Duration
	for k, rs := range by {
		if _, p99, _ := percentiles(rs); p99 > worstP99 {
			worst, worstP99 = k, p99
		}
	}
	return fmt.Sprintf("%s (%.0f)", worst, ms(worstP99))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// profile starts a CPU profile of this process into
// $SWITCHYARD_BENCH_PROFILE/name.pprof, if that is set, and returns what
// stops it.
func profile(t *testing.T, name string) func() {
	t.Helper()
	dir := os.Getenv("SWITCHYARD_BENCH_PROFILE")
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, name+".pprof"))
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			t.Error(err)
		}
	}
}

// raiseFileLimit raises this process's soft limit on open files to at
// least need (up to the hard limit): every simulated device holds a
// listener, and every session an fd at both ends. The Go runtime already
// raises the soft limit to the hard one at start-up; this makes the need
// explicit and fails early when the hard limit is too low.
func raiseFileLimit(t *testing.T, need uint64) {
	t.Helper()
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	if lim.Cur >= need {
		return
	}
	if lim.Max < need {
		// Raising the hard limit needs privilege (CAP_SYS_RESOURCE); the
		// benchmark tries, the product never does.
		raised := syscall.Rlimit{Cur: need, Max: need}
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised); err == nil {
			return
		}
		// need counts two descriptors per device; a listener each plus the
		// connections in flight usually fit below it.
		t.Logf("open-file hard limit %d is below the %d estimated (ulimit -Hn); using %d", lim.Max, need, lim.Max)
	}
	lim.Cur = lim.Max
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatalf("raise the open-file limit to %d: %v", lim.Cur, err)
	}
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func runMeasured(ctx context.Context, t *testing.T, bin string, args []string) (wall, cpu time.Duration, maxRSSKB int64, code int) {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "SWITCHYARD_PASSWORD="+benchPassword)
	out, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("run %v: %v", args, err)
		}
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	code = cmd.ProcessState.ExitCode()
	if code != 0 && code != 2 {
		b, _ := os.ReadFile(out.Name())
		if len(b) > 4000 {
			b = b[len(b)-4000:]
		}
		t.Logf("%s output (tail):\n%s", args[0], b)
	}
	return wall, cpu, ru.Maxrss, code
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
