package daemon

import (
	"fmt"
	"slices"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule says when something next happens after a time.
type Schedule interface {
	// Next returns the first time strictly after t.
	Next(t time.Time) time.Time
}

// every is a fixed-interval schedule.
type every time.Duration

func (e every) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

// cronParser reads standard 5-field cron (minute hour day-of-month month
// day-of-week) and the @hourly/@daily/@weekly descriptors. Times are in the
// daemon's local time zone unless the spec starts with CRON_TZ=.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseCron parses a 5-field cron expression.
func ParseCron(spec string) (Schedule, error) {
	s, err := cronParser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("%q is not a 5-field cron expression (minute hour day month weekday): %v", spec, err)
	}
	return s, nil
}

// ParseSchedule parses an interval ("15m") or a 5-field cron expression.
func ParseSchedule(spec string) (Schedule, error) {
	if d, err := time.ParseDuration(spec); err == nil {
		if d < time.Second {
			return nil, fmt.Errorf("interval %s is shorter than a second", spec)
		}
		return every(d), nil
	}
	s, err := ParseCron(spec)
	if err != nil {
		return nil, fmt.Errorf("%q is neither an interval (15m) nor a 5-field cron expression: %v", spec, err)
	}
	return s, nil
}

// Window is a parsed maintenance window.
type Window struct {
	Name     string
	Start    Schedule
	Duration time.Duration
	// Groups restricts the window to members of these groups; empty is
	// every device.
	Groups []string
}

// OpenAt reports whether the window is open at t, and if so when it
// closes. The window is open from each start s for Duration: [s, s+d).
func (w *Window) OpenAt(t time.Time) (bool, time.Time) {
	s := w.Start.Next(t.Add(-w.Duration))
	if s.IsZero() || s.After(t) {
		return false, time.Time{}
	}
	return true, s.Add(w.Duration)
}

// NextOpen returns the next time after t the window opens.
func (w *Window) NextOpen(t time.Time) time.Time { return w.Start.Next(t) }

// Applies reports whether the window covers a device in groups.
func (w *Window) Applies(groups []string) bool {
	if len(w.Groups) == 0 {
		return true
	}
	for _, g := range w.Groups {
		if slices.Contains(groups, g) {
			return true
		}
	}
	return false
}

func parseWindows(cfg []WindowConfig) ([]Window, error) {
	out := make([]Window, 0, len(cfg))
	for _, wc := range cfg {
		s, err := ParseCron(wc.Schedule)
		if err != nil {
			return nil, fmt.Errorf("maintenance window %s: %w", wc.Name, err)
		}
		out = append(out, Window{Name: wc.Name, Start: s, Duration: wc.Duration, Groups: wc.Groups})
	}
	return out, nil
}
