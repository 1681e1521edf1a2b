package plan

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
)

// Markdown writes p as GitHub-flavoured Markdown for a pull request: a
// summary table (device, platform, creates, updates, deletes, risk,
// status), then for each device with changes, warnings or an error a
// collapsible <details> block holding the risk hints and the changes in a
// code block. User-controlled text is escaped for the context it lands
// in; secrets are redacted.
func Markdown(w io.Writer, p *Plan) error {
	p = p.redacted()
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "### switchyard plan for revision %s", mdEscape(p.Revision))
	if p.Author != "" {
		fmt.Fprintf(bw, " by %s", mdEscape(p.Author))
	}
	fmt.Fprint(bw, "\n\n")
	if p.Message != "" {
		fmt.Fprintf(bw, "> %s\n\n", mdEscape(p.Message))
	}
	fmt.Fprintf(bw, "%s\n\n", summaryLine(p.Summary))
	fmt.Fprintln(bw, "| Device | Platform | Create | Update | Delete | Risk | Status |")
	fmt.Fprintln(bw, "| --- | --- | ---: | ---: | ---: | --- | --- |")
	for i := range p.Devices {
		d := &p.Devices[i]
		c, u, del := diff.Count(d.Changes)
		risk, _ := d.Risk()
		fmt.Fprintf(bw, "| %s | %s | %d | %d | %d | %s | %s |\n",
			mdEscape(d.Name), mdEscape(d.Platform), c, u, del, risk, d.Status())
	}
	for i := range p.Devices {
		d := &p.Devices[i]
		if d.Status() == StatusNoChanges && len(d.Warnings) == 0 {
			continue
		}
		writeMarkdownDevice(bw, d)
	}
	return bw.Flush()
}

func writeMarkdownDevice(bw *bufio.Writer, d *DevicePlan) {
	risk, why := d.Risk()
	head := deviceHeadline(d)
	if risk != RiskNone {
		head += ", risk " + risk.String()
	}
	fmt.Fprintf(bw, "\n<details><summary><b>%s</b> (%s): %s</summary>\n\n",
		html.EscapeString(clean(d.Name)), html.EscapeString(platformLabel(d)), html.EscapeString(head))
	for _, r := range why {
		fmt.Fprintf(bw, "- %s\n", mdEscape(r))
	}
	if d.Rollback != nil {
		fmt.Fprintf(bw, "- rollback: %s\n", mdEscape(d.Rollback.Text()))
	}
	if d.ChangedBy != "" {
		fmt.Fprintf(bw, "- changed by: %s\n", mdEscape(changedBy(d)))
	}
	for _, warn := range d.Warnings {
		fmt.Fprintf(bw, "- **warning:** %s\n", mdEscape(warn))
	}
	if len(why)+len(d.Warnings) > 0 || d.Rollback != nil || d.ChangedBy != "" {
		fmt.Fprintln(bw)
	}
	var lines []string
	if d.Error != "" {
		lines = append(lines, "error: "+clean(d.Error))
	}
	for _, c := range d.Changes {
		lines = append(lines, changeLines(c)...)
	}
	if len(lines) > 0 {
		fence := codeFence(lines)
		fmt.Fprintf(bw, "%sdiff\n%s\n%s\n\n", fence, strings.Join(lines, "\n"), fence)
	}
	fmt.Fprintln(bw, "</details>")
}

// codeFence returns a backtick fence longer than any run of backticks in
// lines, so no line can close it.
func codeFence(lines []string) string {
	longest := 0
	for _, l := range lines {
		run := 0
		for _, r := range l {
			if r == '`' {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// mdEscape escapes s for Markdown inline text not at the start of a line,
// including table cells: it backslash-escapes the punctuation of inline
// Markdown (emphasis, code, links, tables, headings, strikethrough, math,
// @mentions) and writes <, > and & as entities so no HTML is interpreted.
// Control characters (newlines too) are escaped first.
func mdEscape(s string) string {
	s = clean(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '!', '|', '~', '@', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
