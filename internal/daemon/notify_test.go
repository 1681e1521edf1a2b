package daemon

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/switchyard/switchyard/models"
)

// hookServer is a webhook receiver on 127.0.0.1 that hands each body on.
func hookServer(t *testing.T) (string, chan map[string]any) {
	t.Helper()
	got := make(chan map[string]any, 64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.NewDecoder(r.Body).Decode(&m) != nil {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		got <- m
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/hooks/T000/SECRET-PATH", got
}

// next returns the next body whose field key is want.
func next(t *testing.T, ch chan map[string]any, key, want string) map[string]any {
	t.Helper()
	timeout := time.NewTimer(time.Minute)
	defer timeout.Stop()
	for {
		select {
		case m := <-ch:
			if s, _ := m[key].(string); strings.Contains(s, want) {
				return m
			}
		case <-timeout.C:
			t.Fatalf("no notification with %s %q within a minute", key, want)
		}
	}
}

func TestNotificationsOfRolloutDriftAndRejection(t *testing.T) {
	c := newCampus(t)
	hook, hooks := hookServer(t)
	slack, slacks := hookServer(t)
	c.env = []string{"HOOK_URL", hook, "SLACK_URL", slack}
	r := c.start(c.config(`drift:
  schedule: 30m
notifications:
  - {name: ops, kind: webhook, url: {env: HOOK_URL}}
  - {name: chat, kind: slack, url: {env: SLACK_URL}, events: [rollout-failed, revision-rejected, drift-found]}
`))
	first := r.wait("reconcile").Revision
	started := next(t, hooks, "event", EventRolloutStarted)
	if started["revision"] != first || started["author"] != "Grace Hopper" {
		t.Errorf("rollout-started: %v", started)
	}
	done := next(t, hooks, "event", EventRolloutFinished)
	if devs, _ := done["devices"].(map[string]any); devs["confirmed"] == nil {
		t.Errorf("rollout-finished without confirmed devices: %v", done)
	}

	bad := c.commit("typo", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "platform: iosxe", "platform: iosxf", 1)
	})
	r.d.Sync()
	r.wait("reconcile")
	rej := next(t, hooks, "event", EventRevisionRejected)
	if rej["revision"] != bad || !strings.Contains(rej["text"].(string), "rejected, nothing pushed") {
		t.Errorf("revision-rejected: %v", rej)
	}
	doc := r.signIn(viewerToken).page("/revisions/"+bad, http.StatusOK)
	if diags := text(byID(doc, "diagnostics")); !strings.Contains(diags, "devices/ams.yaml:") || !strings.Contains(diags, "iosxf") {
		t.Errorf("revision page of the rejected head: diagnostics %q, want the file:line naming iosxf", diags)
	}
	msg := next(t, slacks, "text", "rejected")
	if len(msg) != 1 || !strings.Contains(msg["text"].(string), bad[:7]) {
		t.Errorf("slack message %v: want only a text naming %s", msg, bad[:7])
	}

	c.setHostname("ams-core-1", "console-edit")
	c.clock.Advance(30 * time.Minute)
	r.wait("drift")
	drift := next(t, hooks, "event", EventDriftFound)
	if drift["device"] != "ams-core-1" || !strings.Contains(drift["text"].(string), "changed by unknown") {
		t.Errorf("drift-found: %v", drift)
	}
	if s := next(t, slacks, "text", "drift on ams-core-1"); strings.Contains(s["text"].(string), "console-edit") {
		t.Errorf("the drift notification carries a configuration value: %v", s)
	}
	code, metrics := r.get("/metrics")
	if code != http.StatusOK || !strings.Contains(metrics, `switchyard_notifications_total{result="sent",target="ops"}`) {
		t.Errorf("metrics lack the notification counter")
	}
}

func newTestNotifier(t *testing.T, url string, queue int, log *slog.Logger) (*notifier, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	cfg := []NotificationConfig{{Name: "t", Kind: NotifyWebhook, URL: &models.SecretRef{Env: "U"}, QueueSize: queue}}
	sec := secrets("U", url)
	n, err := newNotifier(cfg, sec, reg, log)
	if err != nil {
		t.Fatal(err)
	}
	n.client.RetryWaitMin, n.client.RetryWaitMax = time.Millisecond, 5*time.Millisecond
	return n, reg
}

func TestNotifierDropsWhenTheQueueIsFull(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	received := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		mu.Lock()
		received++
		mu.Unlock()
	}))
	defer srv.Close()
	n, _ := newTestNotifier(t, srv.URL, 1, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(t.Context())
	n.run(ctx)
	for range 10 {
		n.emit(Event{Event: EventDriftFound, Text: "x"}) // never blocks, whatever the receiver does
	}
	close(release)
	sent, dropped := n.sent.WithLabelValues("t", "sent"), n.sent.WithLabelValues("t", "dropped")
	for testutil.ToFloat64(sent)+testutil.ToFloat64(dropped) < 10 {
		time.Sleep(10 * time.Millisecond) // waiting for delivery, not asserting on time
	}
	cancel()
	n.wait()
	if d := testutil.ToFloat64(dropped); d < 8 {
		t.Errorf("%v dropped, want at least 8 (one in flight, one queued)", d)
	}
	mu.Lock()
	defer mu.Unlock()
	if float64(received) != testutil.ToFloat64(sent) {
		t.Errorf("receiver got %d, sent counter %v", received, testutil.ToFloat64(sent))
	}
}

func TestNotifierRetriesAndKeepsTheURLSecret(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls < 3 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	n, _ := newTestNotifier(t, srv.URL+"/services/T1/B1/SECRETXYZ", 4, slog.New(slog.DiscardHandler))
	n.send(t.Context(), n.targets[0], Event{Event: EventRolloutStarted})
	if calls != 3 || testutil.ToFloat64(n.sent.WithLabelValues("t", "sent")) != 1 {
		t.Errorf("%d calls, sent %v: want two 503s retried then delivered once", calls, testutil.ToFloat64(n.sent.WithLabelValues("t", "sent")))
	}

	var logs bytes.Buffer
	down := httptest.NewServer(http.NotFoundHandler())
	url := down.URL + "/services/T1/B1/SECRETXYZ?token=SECRETQ"
	down.Close() // nothing listens there any more
	n, _ = newTestNotifier(t, url, 4, slog.New(slog.NewTextHandler(&logs, nil)))
	n.client.RetryMax = 1
	n.send(t.Context(), n.targets[0], Event{Event: EventRolloutStarted})
	if testutil.ToFloat64(n.sent.WithLabelValues("t", "failed")) != 1 {
		t.Error("failed delivery not counted")
	}
	out, _ := io.ReadAll(&logs)
	if bytes.Contains(out, []byte("SECRET")) || !bytes.Contains(out, []byte("notification not delivered")) {
		t.Errorf("log: %s", out)
	}
}
