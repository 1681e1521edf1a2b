package daemon

import (
	"github.com/prometheus/client_golang/prometheus"
)

// maxDeviceSeries bounds the per-device metrics: past this many devices
// (in name order) no per-device series are exported, and
// switchyard_device_series_dropped says how many were left out. Each
// device has one series per metric: its state is a label whose value
// changes, not a series per state.
const maxDeviceSeries = 2000

// deviceMetrics are the per-device gauges.
type deviceMetrics struct {
	limit       int
	state       *prometheus.GaugeVec
	lastSuccess *prometheus.GaugeVec
	drift       *prometheus.GaugeVec
	inFlight    *prometheus.GaugeVec
	dropped     prometheus.Gauge
}

func newDeviceMetrics(reg *prometheus.Registry) *deviceMetrics {
	m := &deviceMetrics{
		limit: maxDeviceSeries,
		state: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "switchyard_device_state",
			Help: "1 for each managed device, labelled with its current state (in-sync, drifted, failed, held, in-flight, unknown).",
		}, []string{"device", "state"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "switchyard_device_last_success_timestamp_seconds",
			Help: "When a change was last confirmed on the device (Unix time); absent before the first.",
		}, []string{"device"}),
		drift: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "switchyard_device_drift_changes",
			Help: "Changes it would take to put a drifted device back; 0 when it matches its intent.",
		}, []string{"device"}),
		inFlight: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "switchyard_device_in_flight",
			Help: "1 while a confirmed commit on the device is neither confirmed nor cancelled.",
		}, []string{"device"}),
		dropped: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "switchyard_device_series_dropped",
			Help: "Managed devices without per-device series, past the cardinality limit.",
		}),
	}
	reg.MustRegister(m.state, m.lastSuccess, m.drift, m.inFlight, m.dropped)
	return m
}

// set replaces every per-device series with those of list (sorted by
// name), so devices no longer managed disappear.
func (m *deviceMetrics) set(list []DeviceStatus) {
	for _, v := range []*prometheus.GaugeVec{m.state, m.lastSuccess, m.drift, m.inFlight} {
		v.Reset()
	}
	kept := list[:min(len(list), m.limit)]
	m.dropped.Set(float64(len(list) - len(kept)))
	for _, ds := range kept {
		m.state.WithLabelValues(ds.Name, ds.State).Set(1)
		if !ds.LastAppliedAt.IsZero() {
			m.lastSuccess.WithLabelValues(ds.Name).Set(float64(ds.LastAppliedAt.Unix()))
		}
		drift := 0
		if ds.Drift != nil && !ds.Drift.Remediated {
			drift = len(ds.Drift.Changes)
		}
		m.drift.WithLabelValues(ds.Name).Set(float64(drift))
		inFlight := 0.0
		if ds.InFlight != nil {
			inFlight = 1
		}
		m.inFlight.WithLabelValues(ds.Name).Set(inFlight)
	}
}
