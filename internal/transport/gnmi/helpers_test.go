package gnmi_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

const (
	testUser     = "ops"
	testPassword = "s3cr3t-Pa55word"
)

// baseDevice is the running configuration targets start with.
func baseDevice(t *testing.T) *oc.Device {
	t.Helper()
	d := &oc.Device{}
	d.GetOrCreateSystem().Hostname = ygot.String("leaf1")
	e1 := d.GetOrCreateInterface("Ethernet1/1")
	e1.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	e1.Description = ygot.String("uplink")
	e1.Mtu = ygot.Uint16(1500)
	e2 := d.GetOrCreateInterface("Ethernet1/2")
	e2.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	sv := e2.GetOrCreateEthernet().GetOrCreateSwitchedVlan()
	sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
	sv.AccessVlan = ygot.Uint16(10)
	ni := d.GetOrCreateNetworkInstance("DEFAULT")
	ni.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_DEFAULT_INSTANCE
	ni.GetOrCreateVlan(10).Name = ygot.String("users")
	if err := d.Validate(); err != nil {
		t.Fatalf("base device is invalid: %v", err)
	}
	return d
}

// logBuffer is a concurrency-safe log sink.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// env is a target and the means to reach it.
type env struct {
	target *gnmisim.Target
	clock  *devicesim.ManualClock
	logs   *logBuffer
}

// startTarget starts a simulator with baseDevice on a ManualClock.
func startTarget(t *testing.T) *env {
	t.Helper()
	e := &env{clock: devicesim.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), logs: &logBuffer{}}
	logger := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tg, err := gnmisim.Start(t.Context(), gnmisim.Config{
		Name: "leaf1", Username: testUser, Password: testPassword,
		Running: baseDevice(t), Clock: e.clock, Logger: logger,
	})
	if err != nil {
		t.Fatalf("gnmisim.Start: %v", err)
	}
	t.Cleanup(func() { _ = tg.Close() })
	e.target = tg
	return e
}

// config returns a client Config that trusts the target.
func (e *env) config() gnmi.Config {
	return gnmi.Config{
		Address:  e.target.Addr(),
		Username: testUser,
		Password: models.NewSecret(testPassword),
		CAPEM:    e.target.CAPEM(),
		Timeout:  10 * time.Second,
		Logger:   slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// dial connects a client, closed at cleanup.
func (e *env) dial(t *testing.T) *gnmi.Client {
	t.Helper()
	c, err := gnmi.Dial(t.Context(), e.config())
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// assertSame fails when the two trees differ.
func assertSame(t *testing.T, want, got *oc.Device) {
	t.Helper()
	n, err := ygot.Diff(want, got)
	if err != nil {
		t.Fatalf("ygot.Diff: %v", err)
	}
	if len(n.GetUpdate()) != 0 || len(n.GetDelete()) != 0 {
		t.Errorf("trees differ (-want +got):\n%s", cmp.Diff(emit(t, want), emit(t, got)))
	}
}

func emit(t *testing.T, d *oc.Device) string {
	t.Helper()
	js, err := ygot.EmitJSON(d, &ygot.EmitJSONConfig{Format: ygot.RFC7951, Indent: " ", SkipValidation: true})
	if err != nil {
		t.Fatalf("EmitJSON: %v", err)
	}
	return js
}

// noSecret fails when s contains the password.
func noSecret(t *testing.T, what, s string) {
	t.Helper()
	if strings.Contains(s, testPassword) {
		t.Errorf("%s contains the password: %s", what, s)
	}
}
