package daemon

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/inventory"
)

// reportsDir is the folder of dry-run reports inside the state directory.
const reportsDir = "reports"

// reportFormats are the renderings of each report, by file suffix: the
// same renderers as `switchyard plan`.
var reportFormats = []struct {
	ext    string
	render func(*bytes.Buffer, *plan.Plan) error
}{
	{"json", func(b *bytes.Buffer, p *plan.Plan) error { return plan.JSON(b, p) }},
	{"md", func(b *bytes.Buffer, p *plan.Plan) error { return plan.Markdown(b, p) }},
	{"html", func(b *bytes.Buffer, p *plan.Plan) error { return plan.HTML(b, p) }},
}

// report writes the dry-run report for the window opening at open: every
// managed device observed (read-only) against the enforced revision. The
// files are reports/<time>.{json,md,html} and reports/latest.*.
//
// prev is the revision an earlier report for the same opening covered
// ("" for the first): the report says it replaces it.
func (d *Daemon) report(ctx context.Context, open time.Time, prev string) error {
	l := d.enforced
	if l == nil {
		return nil
	}
	pending := d.pendingInFlight()
	devs := slices.DeleteFunc(slices.Clone(l.devices), func(dev *inventory.Device) bool { return pending[dev.Name] })
	units, fails := d.units(l, devs)
	results := rollout.Observe(ctx, units, rollout.Config{Concurrency: d.cfg.Rollout.Concurrency, Logger: d.log})
	if err := ctx.Err(); err != nil {
		return err
	}
	now := d.clock.Now()
	p := fleet.Plan(l.rev, now, units, results, fails)
	window := d.windowOpeningAt(open)
	if p.Message != "" {
		p.Message += " — "
	}
	p.Message += fmt.Sprintf("dry run for maintenance window %s opening %s", window, open.Format("2006-01-02 15:04 MST"))
	if prev != "" {
		p.Message += fmt.Sprintf(" (redone: revision %s replaced %s, which the earlier report covered)", l.rev.ShortHash, short(prev))
	}
	dir := filepath.Join(d.cfg.StateDir, reportsDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	stamp := now.UTC().Format("20060102T150405Z")
	ref := &ReportReference{Window: window, CreatedAt: now, Revision: l.rev.Hash, Replaces: prev}
	for _, f := range reportFormats {
		var b bytes.Buffer
		if err := f.render(&b, p); err != nil {
			return fmt.Errorf("render report: %w", err)
		}
		name := stamp + "." + f.ext
		if err := writeAtomic(filepath.Join(dir, name), b.Bytes()); err != nil {
			return err
		}
		if err := writeAtomic(filepath.Join(dir, "latest."+f.ext), b.Bytes()); err != nil {
			return err
		}
		ref.Files = append(ref.Files, filepath.Join(reportsDir, name))
	}
	d.pruneReports(dir)
	d.mu.Lock()
	d.status.LatestReport = ref
	d.mu.Unlock()
	d.log.Info("dry-run report written", "window", window, "opens", open, "devices_changing", p.Summary.Changed, "files", ref.Files)
	return nil
}

func (d *Daemon) windowOpeningAt(open time.Time) string {
	var names []string
	for i := range d.windows {
		if d.windows[i].NextOpen(open.Add(-time.Second)).Equal(open) {
			names = append(names, d.windows[i].Name)
		}
	}
	return strings.Join(names, ", ")
}

// pruneReports keeps the newest reports.keep reports (of each format).
func (d *Daemon) pruneReports(dir string) {
	for _, f := range reportFormats {
		matches, _ := filepath.Glob(filepath.Join(dir, "2*."+f.ext))
		slices.Sort(matches)
		for len(matches) > d.cfg.Reports.Keep {
			_ = os.Remove(matches[0])
			matches = matches[1:]
		}
	}
}
