package daemon

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/switchyard/switchyard/providers"
)

func TestPerDeviceMetricsAreBounded(t *testing.T) {
	m := newMetrics()
	m.perDevice.limit = 2
	at := time.Unix(1_700_000_000, 0)
	m.perDevice.set([]DeviceStatus{
		{Name: "a", State: StateInSync, LastAppliedAt: at},
		{Name: "b", State: StateDrifted, Drift: &DriftEvent{Changes: make([]providers.Change, 3)}, InFlight: &providers.Txn{ID: "1"}},
		{Name: "c", State: StateFailed},
	})
	want := `
# HELP switchyard_device_state 1 for each managed device, labelled with its current state (in-sync, drifted, failed, held, in-flight, unknown).
# TYPE switchyard_device_state gauge
switchyard_device_state{device="a",state="in-sync"} 1
switchyard_device_state{device="b",state="drifted"} 1
# HELP switchyard_device_drift_changes Changes it would take to put a drifted device back; 0 when it matches its intent.
# TYPE switchyard_device_drift_changes gauge
switchyard_device_drift_changes{device="a"} 0
switchyard_device_drift_changes{device="b"} 3
# HELP switchyard_device_in_flight 1 while a confirmed commit on the device is neither confirmed nor cancelled.
# TYPE switchyard_device_in_flight gauge
switchyard_device_in_flight{device="a"} 0
switchyard_device_in_flight{device="b"} 1
# HELP switchyard_device_last_success_timestamp_seconds When a change was last confirmed on the device (Unix time); absent before the first.
# TYPE switchyard_device_last_success_timestamp_seconds gauge
switchyard_device_last_success_timestamp_seconds{device="a"} 1.7e+09
# HELP switchyard_device_series_dropped Managed devices without per-device series, past the cardinality limit.
# TYPE switchyard_device_series_dropped gauge
switchyard_device_series_dropped 1
`
	names := []string{"switchyard_device_state", "switchyard_device_drift_changes", "switchyard_device_in_flight",
		"switchyard_device_last_success_timestamp_seconds", "switchyard_device_series_dropped"}
	if err := testutil.GatherAndCompare(m.reg, strings.NewReader(want), names...); err != nil {
		t.Error(err)
	}
	// A device that changes state keeps one series; one that leaves has none.
	m.perDevice.set([]DeviceStatus{{Name: "a", State: StateDrifted}})
	if n := testutil.CollectAndCount(m.perDevice.state); n != 1 {
		t.Errorf("%d state series after the fleet shrank, want 1", n)
	}
}
