package daemon

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/rollout"
)

// Event is what a notification says. Generic webhooks receive it as
// JSON; Slack-compatible ones receive Text.
type Event struct {
	Event    string    `json:"event"`
	Time     time.Time `json:"time"`
	Revision string    `json:"revision,omitempty"`
	Author   string    `json:"author,omitempty"`
	// Device is set for device events (drift).
	Device string `json:"device,omitempty"`
	// Devices counts the devices of a rollout by result.
	Devices map[string]int `json:"devices,omitempty"`
	// Text is a one-line human summary (the Slack message).
	Text string `json:"text"`
}

// notifyTarget is one configured target with its bounded queue.
type notifyTarget struct {
	cfg   NotificationConfig
	url   string // a secret: never logged
	queue chan Event
}

// notifier sends events to the configured targets. emit never blocks:
// each target has a bounded queue drained by its own goroutine, and an
// event that finds the queue full is dropped and counted.
type notifier struct {
	targets []*notifyTarget
	client  *retryablehttp.Client
	log     *slog.Logger
	sent    *prometheus.CounterVec
	wg      sync.WaitGroup
}

// newNotifier reads the targets' URLs and builds their queues; nothing is
// sent before run.
func newNotifier(cfgs []NotificationConfig, secrets credentials.Source, reg *prometheus.Registry, log *slog.Logger) (*notifier, error) {
	n := &notifier{log: log.With("component", "notify"),
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "switchyard_notifications_total",
			Help: "Notifications by target and result (sent, failed after retries, dropped because the queue was full).",
		}, []string{"target", "result"})}
	reg.MustRegister(n.sent)
	for _, c := range cfgs {
		v, err := secrets.Value(*c.URL)
		if err != nil {
			return nil, fmt.Errorf("notification %q: url: %w", c.Name, err)
		}
		raw := strings.TrimSpace(v.Reveal())
		if u, err := url.Parse(raw); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("notification %q: url is not an http(s) URL", c.Name)
		}
		n.targets = append(n.targets, &notifyTarget{cfg: c, url: raw, queue: make(chan Event, c.QueueSize)})
		for _, r := range []string{"sent", "failed", "dropped"} {
			n.sent.WithLabelValues(c.Name, r)
		}
	}
	c := retryablehttp.NewClient()
	c.Logger = nil // its logs name the URL, which is a secret
	c.RetryMax = 3
	c.RetryWaitMin, c.RetryWaitMax = time.Second, 30*time.Second
	c.HTTPClient.Timeout = 10 * time.Second
	n.client = c
	return n, nil
}

// emit queues ev for every target that takes it, without blocking.
func (n *notifier) emit(ev Event) {
	if n == nil {
		return
	}
	for _, t := range n.targets {
		if !t.cfg.wants(ev.Event) {
			continue
		}
		select {
		case t.queue <- ev:
		default:
			n.sent.WithLabelValues(t.cfg.Name, "dropped").Inc()
			n.log.Warn("notification dropped: queue full", "target", t.cfg.Name, "event", ev.Event)
		}
	}
}

// run starts one sender per target; they stop when ctx is done (events
// still queued are not sent). wait waits for them.
func (n *notifier) run(ctx context.Context) {
	if n == nil {
		return
	}
	for _, t := range n.targets {
		n.wg.Add(1)
		go func() {
			defer n.wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case ev := <-t.queue:
					n.send(ctx, t, ev)
				}
			}
		}()
	}
}

func (n *notifier) wait() {
	if n != nil {
		n.wg.Wait()
	}
}

// send posts one event, retrying 5xx and 429 answers (Retry-After
// honoured) and network errors. Webhook receivers take a repeated
// notification as harmless; one lost to an error is logged and counted.
func (n *notifier) send(ctx context.Context, t *notifyTarget, ev Event) {
	var body any = ev
	if t.cfg.Kind == NotifySlack {
		body = map[string]string{"text": ev.Text}
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(raw))
	if err != nil {
		n.sent.WithLabelValues(t.cfg.Name, "failed").Inc()
		n.log.Error("notification not sent: bad request", "target", t.cfg.Name)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "switchyard")
	resp, err := n.client.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode < 300 {
			n.sent.WithLabelValues(t.cfg.Name, "sent").Inc()
			return
		}
		err = fmt.Errorf("answer %s", resp.Status)
	}
	n.sent.WithLabelValues(t.cfg.Name, "failed").Inc()
	n.log.Warn("notification not delivered", "target", t.cfg.Name, "event", ev.Event, "err", redactURL(err, t.url))
}

// redactURL is err's text without the secret URL (retryablehttp and
// net/http name it in their errors).
func redactURL(err error, raw string) string {
	s := err.Error()
	for _, form := range []string{raw, strings.TrimSuffix(raw, "/")} {
		if form != "" {
			s = strings.ReplaceAll(s, form, "(webhook url)")
		}
	}
	if u, perr := url.Parse(raw); perr == nil {
		if u.RawQuery != "" {
			s = strings.ReplaceAll(s, u.RawQuery, "(redacted)")
		}
		if len(u.Path) > 1 {
			s = strings.ReplaceAll(s, u.Path, "/(redacted)")
		}
	}
	return s
}

// notifyRollout sends rollout-started (results nil) or, once the rollout
// is over, rollout-finished or rollout-failed with the devices by result.
func (d *Daemon) notifyRollout(l *loaded, devices int, results map[string]rollout.Result) {
	ev := Event{Time: d.clock.Now(), Revision: l.rev.Hash, Author: l.rev.Author}
	what := fmt.Sprintf("%s (%s) by %s", l.rev.ShortHash, l.rev.Message, l.rev.Author)
	if results == nil {
		ev.Event, ev.Text = EventRolloutStarted, fmt.Sprintf("switchyard: rollout of %s started on %d device(s)", what, devices)
		d.notify.emit(ev)
		return
	}
	ev.Devices = map[string]int{}
	failed := 0
	for _, r := range results {
		res := fleet.AuditResult(r.Status)
		ev.Devices[res]++
		if r.Status == rollout.Failed || r.Status == rollout.RolledBack {
			failed++
		}
	}
	ev.Event, ev.Text = EventRolloutFinished, fmt.Sprintf("switchyard: rollout of %s finished: %d device(s) confirmed", what, ev.Devices["confirmed"])
	if failed > 0 {
		ev.Event, ev.Text = EventRolloutFailed, fmt.Sprintf("switchyard: rollout of %s failed on %d of %d device(s)", what, failed, devices)
	}
	d.notify.emit(ev)
}
