package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/switchyard/switchyard/internal/rollout"
)

// progress shows a bar on a terminal and one line per device otherwise.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	tty    bool
	total  int
	ndone  int
	failed int
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, tty: isTerminal(w), total: total}
}

func (p *progress) done(r rollout.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ndone++
	if r.Status == rollout.Failed || r.Status == rollout.RolledBack {
		p.failed++
	}
	if !p.tty {
		fmt.Fprintf(p.w, "%s: %s (%d/%d)\n", r.Device, r.Status, p.ndone, p.total)
		return
	}
	const width = 30
	n := width * p.ndone / max(p.total, 1)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d done, %d failed, %d remaining ", strings.Repeat("#", n), strings.Repeat(" ", width-n),
		p.ndone, p.total, p.failed, p.total-p.ndone)
}

func (p *progress) finish() {
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

// printSummary prints each device's result and returns how many failed.
func printSummary(w io.Writer, results []rollout.Result) int {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tRESULT\tCHANGES\tDETAIL")
	failed := 0
	for _, r := range results {
		detail := ""
		if r.Err != nil {
			detail = r.Err.Error()
		}
		if r.Status == rollout.Failed || r.Status == rollout.RolledBack {
			failed++
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", r.Device, r.Status, len(r.Changes), detail)
	}
	tw.Flush()
	return failed
}
