//go:build unix

package state

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/switchyard/switchyard/providers"
)

// crashEnv, when set in the environment, makes the test binary run
// crashWriter on the directory it names instead of the tests.
const crashEnv = "SWITCHYARD_STATE_CRASH_WRITER"

const (
	crashDevices   = 4
	crashRetention = 20
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashEnv); dir != "" {
		if err := crashWriter(dir); err != nil {
			fmt.Fprintln(os.Stderr, "crash writer:", err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashWriter writes to the store and audit log in dir until it is killed.
// Iteration c sets device c%4's revision to c, records a run with revision
// c and appends an audit record with revision c, printing "<step> <c>"
// after each of the three writes. It resumes after the highest counter a
// previous writer left.
func crashWriter(dir string) error {
	s, err := Open(dir, WithRunRetention(crashRetention), WithLockTimeout(10*time.Second))
	if err != nil {
		return err
	}
	c, runDone, err := highestCounter(s)
	if err != nil {
		return err
	}
	a, err := OpenAudit(dir, WithAuditMaxBytes(4<<10), WithAuditMaxFiles(3),
		WithAuditClock(func() time.Time { return t0.Add(time.Duration(c) * time.Second) }))
	if err != nil {
		return err
	}
	out := bufio.NewWriter(os.Stdout)
	// An iteration a kill cut between its device and run writes is
	// finished first, as a program recovering its work would: otherwise two
	// kills in a row between those writes leave two device counters ahead
	// of the newest run.
	first := 0
	if !runDone {
		first = 1
	} else {
		c++
	}
	for ; ; c++ {
		for _, step := range crashSteps[first:] {
			if err := step.write(s, a, c); err != nil {
				return fmt.Errorf("%s %d: %w", step.name, c, err)
			}
			fmt.Fprintln(out, step.name, c)
			if err := out.Flush(); err != nil {
				return err
			}
		}
		first = 0
	}
}

// crashSteps are the writes of one crashWriter iteration, in order. Record
// sizes vary with c so that pages split, overflow and are freed.
var crashSteps = []struct {
	name  string
	write func(s *Store, a *Audit, c int) error
}{
	{"device", func(s *Store, _ *Audit, c int) error {
		rev := strconv.Itoa(c)
		dev := crashDevice(c)
		return s.Update(dev, func(st *DeviceState) error {
			st.LastAppliedRevision = rev
			st.DriftPaths = make([]string, c%37)
			for i := range st.DriftPaths {
				st.DriftPaths[i] = fmt.Sprintf("/interfaces/interface[name=Ethernet1/%d]/config/description", i)
			}
			st.InFlight = nil
			if c%3 != 0 {
				st.InFlight = &providers.Txn{Device: dev, ID: "persist-" + rev, Extra: []byte(`{"n":` + rev + `}`)}
			}
			return nil
		})
	}},
	{"run", func(s *Store, _ *Audit, c int) error {
		_, err := s.RecordRun(Run{Kind: KindApply, Revision: strconv.Itoa(c),
			Devices: []RunDevice{{Name: crashDevice(c), Result: "confirmed", Changes: c % 37}}})
		return err
	}},
	{"audit", func(_ *Store, a *Audit, c int) error {
		rev := strconv.Itoa(c)
		return a.Append(Record{Device: crashDevice(c), Revision: rev, Operator: OperatorDaemon, Result: "confirmed", TxnID: "persist-" + rev})
	}},
}

func crashDevice(c int) string { return fmt.Sprintf("dev%d", c%crashDevices) }

// highestCounter is the largest revision among devices and runs (each
// must parse as a counter), and whether that iteration recorded its run.
func highestCounter(s *Store) (int, bool, error) {
	devs, err := s.List()
	if err != nil {
		return 0, false, err
	}
	runs, err := s.Runs(1)
	if err != nil {
		return 0, false, err
	}
	hiDev, hiRun := 0, 0
	for _, d := range devs {
		n, err := strconv.Atoi(d.LastAppliedRevision)
		if err != nil {
			return 0, false, fmt.Errorf("device %s: %w", d.Name, err)
		}
		hiDev = max(hiDev, n)
	}
	if len(runs) > 0 {
		if hiRun, err = strconv.Atoi(runs[0].Revision); err != nil {
			return 0, false, fmt.Errorf("run %d: %w", runs[0].Seq, err)
		}
	}
	return max(hiDev, hiRun), hiRun >= hiDev, nil
}

// crashSeen is what the parent knows after each round.
type crashSeen struct {
	acked   int            // highest counter the writer reported done
	devices map[string]int // last revision seen per device
	runSeq  uint64         // newest run sequence seen
	audit   int            // newest audit counter seen
	// where counts the rounds by where the kill fell, for the log.
	where map[string]int
}

func TestSurvivesSIGKILL(t *testing.T) {
	// The kill points are random; the seed is logged and can be fixed
	// with SWITCHYARD_STATE_CRASH_SEED to replay a failure's schedule.
	seed := uint64(time.Now().UnixNano())
	if env := os.Getenv("SWITCHYARD_STATE_CRASH_SEED"); env != "" {
		var err error
		if seed, err = strconv.ParseUint(env, 10, 64); err != nil {
			t.Fatalf("SWITCHYARD_STATE_CRASH_SEED: %v", err)
		}
	}
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x5717c4))
	dir := t.TempDir()
	seen := &crashSeen{devices: map[string]int{}, where: map[string]int{}}
	const rounds = 12
	for round := range rounds {
		// Some rounds kill at once (during Open and bucket creation),
		// the rest after a random number of completed writes, so that
		// the kill lands in each of the three steps.
		target := 0
		if round%4 != 0 {
			target = 1 + rng.IntN(90)
		}
		killWriter(t, dir, seen, target)
		verifyAfterCrash(t, dir, seen)
	}
	if seen.acked == 0 {
		t.Fatal("the writer never completed an iteration")
	}
	t.Logf("%d rounds, %d iterations acknowledged, newest run seq %d, kills fell %v", rounds, seen.acked, seen.runSeq, seen.where)
}

// killWriter starts a writer, waits until it has reported target writes,
// and SIGKILLs it while it is in the next one.
func killWriter(t *testing.T, dir string, seen *crashSeen, target int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	for n := 0; n < target && sc.Scan(); n++ {
		step, counter, _ := strings.Cut(sc.Text(), " ")
		c, err := strconv.Atoi(counter)
		if err != nil {
			t.Fatalf("writer printed %q", sc.Text())
		}
		if step == "audit" {
			seen.acked = c
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("writer ended with %v, not by SIGKILL; stderr:\n%s", err, stderr.String())
	}
}

// verifyAfterCrash reopens the store and audit log and checks that
// everything decodes, acknowledged writes survived and no counter went
// back.
func verifyAfterCrash(t *testing.T, dir string, seen *crashSeen) {
	t.Helper()
	s, err := Open(dir, WithRunRetention(crashRetention))
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	}()
	if err := s.Check(); err != nil {
		t.Fatalf("consistency check after kill: %v", err)
	}
	hiDev := verifyDevices(t, s, seen)
	hiRun := verifyRuns(t, s, seen)
	// The device is written before its run: the newest run is the newest
	// device counter, or one behind if the kill fell between the two.
	if hiRun != 0 && hiDev != hiRun && hiDev != hiRun+1 {
		t.Errorf("newest device counter %d and newest run %d are inconsistent", hiDev, hiRun)
	}
	seen.where[crashPoint(hiDev, hiRun, lastAudit(t, dir))]++
	if hiRun < seen.acked {
		t.Errorf("acknowledged iteration %d lost: newest run is %d", seen.acked, hiRun)
	}
	verifyAudit(t, dir, seen, hiRun)
}

// crashPoint names the step the writer was in when it was killed, from
// the newest counters each step left.
func crashPoint(dev, run, audit int) string {
	switch {
	case dev > run:
		return "in run"
	case run > audit:
		return "in audit"
	default:
		return "in device"
	}
}

// lastAudit returns the newest audit counter.
func lastAudit(t *testing.T, dir string) int {
	t.Helper()
	recs, _, err := ReadAudit(dir, Filter{Limit: 1})
	if err != nil || len(recs) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(recs[0].Revision)
	return n
}

func verifyDevices(t *testing.T, s *Store, seen *crashSeen) int {
	t.Helper()
	devs, err := s.List()
	if err != nil {
		t.Fatalf("device records do not decode: %v", err)
	}
	hi := 0
	for _, d := range devs {
		n, err := strconv.Atoi(d.LastAppliedRevision)
		if err != nil {
			t.Fatalf("device %s revision %q", d.Name, d.LastAppliedRevision)
		}
		if n < seen.devices[d.Name] {
			t.Errorf("device %s went back from %d to %d", d.Name, seen.devices[d.Name], n)
		}
		if d.InFlight != nil && d.InFlight.ID != "persist-"+d.LastAppliedRevision {
			t.Errorf("device %s is half-written: revision %s with txn %s", d.Name, d.LastAppliedRevision, d.InFlight.ID)
		}
		seen.devices[d.Name] = n
		hi = max(hi, n)
	}
	return hi
}

func verifyRuns(t *testing.T, s *Store, seen *crashSeen) int {
	t.Helper()
	runs, err := s.Runs(0)
	if err != nil {
		t.Fatalf("runs do not decode: %v", err)
	}
	if len(runs) > crashRetention {
		t.Errorf("%d runs kept, retention is %d", len(runs), crashRetention)
	}
	if len(runs) == 0 {
		return 0
	}
	if runs[0].Seq < seen.runSeq {
		t.Errorf("run sequence went back from %d to %d", seen.runSeq, runs[0].Seq)
	}
	seen.runSeq = runs[0].Seq
	for i := 1; i < len(runs); i++ {
		newer, _ := strconv.Atoi(runs[i-1].Revision)
		older, _ := strconv.Atoi(runs[i].Revision)
		if runs[i].Seq != runs[i-1].Seq-1 || older >= newer {
			t.Errorf("runs not monotonic: seq %d rev %s then seq %d rev %s",
				runs[i].Seq, runs[i].Revision, runs[i-1].Seq, runs[i-1].Revision)
		}
	}
	hi, err := strconv.Atoi(runs[0].Revision)
	if err != nil {
		t.Fatalf("run revision %q", runs[0].Revision)
	}
	return hi
}

func verifyAudit(t *testing.T, dir string, seen *crashSeen, hiRun int) {
	t.Helper()
	recs, warns, err := ReadAudit(dir, Filter{})
	if err != nil {
		t.Fatalf("read audit after kill: %v", err)
	}
	for _, w := range warns {
		if !strings.Contains(w.Reason, "truncated") && !strings.Contains(w.Reason, "not a valid record") {
			t.Errorf("unexpected audit warning %v", w)
		}
	}
	prev := 0
	for _, r := range recs {
		n, err := strconv.Atoi(r.Revision)
		if err != nil || n <= prev {
			t.Fatalf("audit counters not strictly increasing: %q after %d", r.Revision, prev)
		}
		prev = n
	}
	if prev < seen.audit || prev < seen.acked || prev > hiRun {
		t.Errorf("newest audit counter %d, want between max(%d, %d) and newest run %d", prev, seen.audit, seen.acked, hiRun)
	}
	seen.audit = prev
}
