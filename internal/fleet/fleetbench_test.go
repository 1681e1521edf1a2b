//go:build fleetbench

package fleet

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
)

// TestFleetBench is the fleet benchmark (make bench): it starts a synthetic
// simulated fleet in this process, then runs the switchyard binary as a
// subprocess against it (plan, apply, plan again) and reports each run's
// wall time, CPU seconds and peak RSS, as measured by the kernel for the
// subprocess alone. Sizes: SWITCHYARD_BENCH_DEVICES (default 500),
// SWITCHYARD_BENCH_CONCURRENCY (default 50), SWITCHYARD_BENCH_PLATFORM
// (default mixed).
func TestFleetBench(t *testing.T) {
	n := envInt("SWITCHYARD_BENCH_DEVICES", 500)
	conc := envInt("SWITCHYARD_BENCH_CONCURRENCY", 50)
	platform := os.Getenv("SWITCHYARD_BENCH_PLATFORM")
	if platform == "" {
		platform = "mixed"
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "switchyard")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/switchyard")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	repo := filepath.Join(dir, "repo")
	data, err := simfleet.Synthetic(n, platform)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "fleet.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	reg := registry(t)
	inv, ds := inventory.LoadAndResolve(repo, inventory.ResolveOptions{CheckPlatform: reg.CheckTransport})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	start := time.Now()
	sim, err := simfleet.Start(t.Context(), inv, reg, simfleet.Options{Username: "admin", Password: "bench"})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	kh := filepath.Join(dir, "known_hosts")
	if err := sim.WriteKnownHosts(kh); err != nil {
		t.Fatal(err)
	}
	t.Logf("started %d simulated devices in %s", n, time.Since(start).Round(time.Millisecond))
	t.Logf("machine: %s/%s, %d CPUs (GOMAXPROCS %d), %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	t.Logf("| step | devices | concurrency | exit | wall s | CPU s | peak RSS MB |")
	t.Logf("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	common := []string{"--repo", repo, "--known-hosts", kh, "--concurrency", strconv.Itoa(conc), "--timeout", "120s"}
	for _, step := range []struct {
		name string
		args []string
		want int
	}{
		{"plan", append([]string{"plan", "--format", "json"}, common...), 2},
		{"apply", append([]string{"apply", "--yes", "--confirm-timeout", "5m", "--max-failures", "0"}, common...), 0},
		{"plan (drift sweep, in sync)", append([]string{"plan", "--format", "json"}, common...), 0},
	} {
		wall, cpu, rss, code := runMeasured(t.Context(), t, bin, step.args)
		t.Logf("| %s | %d | %d | %d | %.2f | %.2f | %.0f |", step.name, n, conc, code, wall.Seconds(), cpu.Seconds(), float64(rss)/1024)
		if code != step.want {
			t.Errorf("%s exit %d, want %d", step.name, code, step.want)
		}
	}
}

func runMeasured(ctx context.Context, t *testing.T, bin string, args []string) (wall, cpu time.Duration, maxRSSKB int64, code int) {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "SWITCHYARD_PASSWORD=bench")
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
		t.Logf("%s output (tail):\n%s", fmt.Sprint(args[0]), b)
	}
	return wall, cpu, ru.Maxrss, code
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
