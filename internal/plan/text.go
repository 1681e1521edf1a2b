package plan

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
)

// ANSI SGR sequences used when colour is on.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
)

// Text writes p for a terminal: per device a headline, its warnings, and
// one line per change ("+" create, "~" update with before -> after, "-"
// delete; a deleted entry's leaves indented below it), then a summary
// line. ANSI colours are used only when color is true. Control characters
// in names, paths and values are escaped, and secrets are redacted.
func Text(w io.Writer, p *Plan, color bool) error {
	p = p.redacted()
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	fmt.Fprintf(bw, "Plan for revision %s", clean(p.Revision))
	if p.Author != "" {
		fmt.Fprintf(bw, " by %s", clean(p.Author))
	}
	fmt.Fprintln(bw)
	if p.Message != "" {
		fmt.Fprintf(bw, "  %s\n", clean(p.Message))
	}
	for i := range p.Devices {
		d := &p.Devices[i]
		fmt.Fprintf(bw, "\n%s (%s): ", paint(ansiBold, clean(d.Name)), platformLabel(d))
		if d.Status() == StatusFailed {
			fmt.Fprintln(bw, paint(ansiRed, deviceHeadline(d)))
		} else {
			fmt.Fprintln(bw, deviceHeadline(d))
		}
		if d.Rollback != nil {
			fmt.Fprintf(bw, "  rollback: %s\n", d.Rollback.Text())
		}
		if d.ChangedBy != "" {
			fmt.Fprintf(bw, "  changed by: %s\n", clean(changedBy(d)))
		}
		for _, warn := range d.Warnings {
			fmt.Fprintf(bw, "  %s\n", paint(ansiYellow, "warning: "+clean(warn)))
		}
		for _, c := range d.Changes {
			code := opColor(c.Op)
			for _, line := range changeLines(c) {
				fmt.Fprintf(bw, "  %s\n", paint(code, line))
			}
		}
	}
	fmt.Fprintf(bw, "\n%s\n", summaryLine(p.Summary))
	return bw.Flush()
}

func opColor(op diff.Op) string {
	switch op {
	case diff.Create:
		return ansiGreen
	case diff.Delete:
		return ansiRed
	}
	return ansiYellow
}

// platformLabel is "platform" or "platform via transport".
func platformLabel(d *DevicePlan) string {
	parts := []string{clean(d.Platform)}
	if d.Transport != "" {
		parts = append(parts, "via", clean(d.Transport))
	}
	return strings.Join(parts, " ")
}

// changedBy describes who changed a drifted device.
func changedBy(d *DevicePlan) string {
	if d.Attribution == nil {
		return d.ChangedBy + " (the device does not say)"
	}
	return d.Attribution.String()
}
