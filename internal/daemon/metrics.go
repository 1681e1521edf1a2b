package daemon

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the daemon's Prometheus metrics, on a registry of its own (no
// global state).
type metrics struct {
	reg       *prometheus.Registry
	reconcile *prometheus.HistogramVec
	apply     *prometheus.HistogramVec
	devices   *prometheus.GaugeVec
	lastSync  prometheus.Gauge
	pushes    *prometheus.CounterVec
	rollbacks prometheus.Counter
	drift     prometheus.Counter
	perDevice *deviceMetrics
}

// Device states counted by switchyard_devices.
const (
	StateInSync   = "in-sync"
	StateDrifted  = "drifted"
	StateFailed   = "failed"
	StateHeld     = "held"
	StateInFlight = "in-flight"
	StateUnknown  = "unknown"
)

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		reconcile: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "switchyard_reconcile_duration_seconds",
			Help:    "Duration of a reconcile or drift pass over the fleet (observe, plan, apply).",
			Buckets: prometheus.ExponentialBuckets(0.1, 2, 14),
		}, []string{"trigger"}),
		apply: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "switchyard_apply_duration_seconds",
			Help:    "Duration of pushing a change to one device (confirmed-commit lifecycle).",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 14),
		}, []string{"result"}),
		devices: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "switchyard_devices",
			Help: "Managed devices by state (in-sync, drifted, failed, held, in-flight, unknown).",
		}, []string{"state"}),
		lastSync: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "switchyard_last_successful_sync_timestamp_seconds",
			Help: "When the fleet last converged on the enforced revision with no device failing (Unix time).",
		}),
		pushes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "switchyard_pushes_total",
			Help: "Changes pushed to devices, by result (confirmed, rolled-back, failed).",
		}, []string{"result"}),
		rollbacks: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "switchyard_rollbacks_total",
			Help: "Pushed changes cancelled or left to revert because verification or a health check failed.",
		}),
		drift: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "switchyard_drift_events_total",
			Help: "Drift events: a device found different from the intent it last had applied.",
		}),
	}
	m.reg.MustRegister(m.reconcile, m.apply, m.devices, m.lastSync, m.pushes, m.rollbacks, m.drift,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, s := range []string{StateInSync, StateDrifted, StateFailed, StateHeld, StateInFlight, StateUnknown} {
		m.devices.WithLabelValues(s)
	}
	m.perDevice = newDeviceMetrics(m.reg)
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
