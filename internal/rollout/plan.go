package rollout

import (
	"context"
	"time"

	"github.com/switchyard/switchyard/providers"

	"golang.org/x/sync/errgroup"
)

// Observe reads every unit's running configuration and diffs it against the
// desired one, cfg.Concurrency devices at a time. It contacts devices
// read-only. Results are in the order of units; a device that cannot be
// reached has Status Failed and Err set, and the others go on.
func Observe(ctx context.Context, units []Unit, cfg Config) []Result {
	cfg.defaults()
	results := make([]Result, len(units))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(cfg.Concurrency)
	for i := range units {
		g.Go(func() error {
			results[i] = observeOne(ctx, &units[i], &cfg)
			if cfg.OnResult != nil {
				cfg.OnResult(results[i])
			}
			return nil // per-device errors are results, not fleet errors
		})
	}
	_ = g.Wait() // the goroutines never return errors
	return results
}

func observeOne(ctx context.Context, u *Unit, cfg *Config) (r Result) {
	start := time.Now()
	r.Device = u.Name
	defer func() { r.Duration = time.Since(start) }()
	s, err := connect(ctx, u)
	if err != nil {
		r.Status, r.Err = Failed, err
		return r
	}
	defer s.Close()
	o, err := observe(ctx, u, s)
	if err != nil {
		r.Status, r.Err = Failed, err
		return r
	}
	r.Digest, r.Changes, r.Warnings, r.SecretForms = o.running.Digest, o.changes, o.running.Warnings, o.forms
	r.Status = InSync
	if len(o.changes) > 0 {
		r.Status = Changes
		r.ChangedBy = attribute(ctx, u, s, cfg)
	}
	return r
}

// attribute asks the device who changed it, when cfg asks for it and the
// session can; a failure is logged and leaves the change unattributed.
func attribute(ctx context.Context, u *Unit, s providers.Session, cfg *Config) *providers.Attribution {
	ca, ok := s.(providers.ChangeAttributor)
	if cfg.AttributeSince == nil || !ok {
		return nil
	}
	since, drifted := cfg.AttributeSince(u.Name)
	if !drifted {
		return nil
	}
	a, err := ca.LastChange(ctx, since)
	if err != nil {
		cfg.Logger.Warn("cannot read who changed the device", "device", u.Name, "err", err)
		return nil
	}
	return a
}
