package daemon

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// Notification kinds.
const (
	// NotifyWebhook POSTs the Event as JSON.
	NotifyWebhook = "webhook"
	// NotifySlack POSTs {"text": …} to a Slack-compatible incoming webhook
	// (Slack, Mattermost, Rocket.Chat, Microsoft Teams workflows).
	NotifySlack = "slack"
)

// Notification events.
const (
	EventRolloutStarted   = "rollout-started"
	EventRolloutFinished  = "rollout-finished"
	EventRolloutFailed    = "rollout-failed"
	EventDriftFound       = "drift-found"
	EventDriftRemediated  = "drift-remediated"
	EventRevisionRejected = "revision-rejected"
)

// allEvents are the events a notification gets when it lists none.
var allEvents = []string{EventRolloutStarted, EventRolloutFinished, EventRolloutFailed,
	EventDriftFound, EventDriftRemediated, EventRevisionRejected}

// NotificationConfig is one notification target. The URL is a secret
// reference: incoming-webhook URLs carry their credential.
type NotificationConfig struct {
	Name string            `json:"name"`
	Kind string            `json:"kind"`
	URL  *models.SecretRef `json:"url"`
	// Events are the events sent; empty means all.
	Events []string `json:"events,omitempty"`
	// QueueSize bounds the events waiting to be sent; past it new events
	// are dropped (and counted).
	QueueSize int        `json:"queue_size"`
	Range     diag.Range `json:"-"`
}

// wants reports whether the target takes events of kind ev.
func (n *NotificationConfig) wants(ev string) bool {
	return len(n.Events) == 0 || slices.Contains(n.Events, ev)
}

func (l *loader) notification(n *yaml.Node, p string) NotificationConfig {
	c := NotificationConfig{Range: l.rng(n)}
	l.mapping(n, p, fields{
		"name":       l.str(&c.Name, p+".name"),
		"kind":       l.str(&c.Kind, p+".kind"),
		"url":        l.secretRef(&c.URL, p+".url"),
		"events":     l.strList(&c.Events, p+".events"),
		"queue_size": l.integer(&c.QueueSize, p+".queue_size"),
	})
	return c
}

func (l *loader) validateNotifications(c *Config) {
	names := map[string]bool{}
	for i, n := range c.Notifications {
		p := fmt.Sprintf("notifications[%d]", i)
		switch {
		case n.Name == "" || names[n.Name]:
			l.ds.Errorf(n.Range, "%s: every notification needs a unique name", p)
		case n.Kind != NotifyWebhook && n.Kind != NotifySlack:
			l.ds.Errorf(l.at(p+".kind"), "%s.kind: %q is not %s or %s", p, n.Kind, NotifyWebhook, NotifySlack)
		case n.URL == nil:
			l.ds.Errorf(n.Range, "%s: url is required, as {env: NAME} or {file: PATH} (webhook URLs hold a credential)", p)
		case n.QueueSize < 0 || n.QueueSize > 10000:
			l.ds.Errorf(l.at(p+".queue_size"), "%s.queue_size: %d is not between 1 and 10000", p, n.QueueSize)
		}
		names[n.Name] = true
		for _, ev := range n.Events {
			if !slices.Contains(allEvents, ev) {
				l.ds.Errorf(l.at(p+".events"), "%s.events: unknown event %q (known: %s)", p, ev, strings.Join(allEvents, ", "))
			}
		}
	}
}
