package main

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/forge"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/providers"
)

// maxCommentBytes keeps the comment under GitHub's 65536-character limit
// (the smallest of the three forges).
const maxCommentBytes = 60000

// maxPayloadLines bounds each device's desired payload in an offline
// comment.
const maxPayloadLines = 200

// reviewBody composes the comment: the marker, a verdict line, then the
// problems, the plan, or (offline) the desired payloads.
func reviewBody(marker, sha string, f *reviewFlags, r *reviewResult, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", marker)
	icon := map[forge.State]string{forge.StateSuccess: "✅", forge.StateFailure: "❌"}[r.state]
	fmt.Fprintf(&b, "## %s switchyard review: %s\n\n", icon, html.EscapeString(r.summary))
	fmt.Fprintf(&b, "Head `%s`", shortHash(sha))
	if r.revision != "" && r.revision != sha {
		fmt.Fprintf(&b, ", planned revision `%s`", shortHash(r.revision))
	}
	fmt.Fprintf(&b, ", %s, updated %s.\n\n", html.EscapeString(f.context), now.UTC().Format(time.RFC3339))
	var detail strings.Builder
	switch {
	case len(r.problems) > 0:
		fmt.Fprintf(&detail, "Nothing can be merged safely until these are fixed; nothing was pushed:\n\n")
		writeFenced(&detail, "text", r.problems)
	case f.offline:
		writeOffline(&detail, r.desired)
	case r.plan != nil:
		var md bytes.Buffer
		if err := plan.Markdown(&md, r.plan); err != nil {
			fmt.Fprintf(&detail, "The plan could not be rendered: %s\n", html.EscapeString(err.Error()))
		} else {
			detail.Write(md.Bytes())
		}
	}
	room := maxCommentBytes - b.Len() - 200
	if detail.Len() > room {
		// Cut between two device blocks, so no code block is left open.
		cut := detail.String()[:room]
		if i := strings.LastIndex(cut, "\n<details>"); i > 0 {
			cut = cut[:i]
		}
		b.WriteString(strings.ToValidUTF8(cut, ""))
		b.WriteString("\n\n**The plan is too long for a comment and was cut here;** run `switchyard plan --format markdown` for all of it.\n")
	} else {
		b.WriteString(detail.String())
	}
	fmt.Fprintf(&b, "\n<sub>switchyard review: read-only towards devices; this comment is updated on every run.</sub>\n")
	return b.String()
}

// writeOffline lists each device's desired payload.
func writeOffline(b *strings.Builder, desired []*providers.Desired) {
	fmt.Fprintf(b, "**offline: desired payload only.** No device was contacted, so this is what the intent renders to, not a diff against what the devices run.\n")
	for _, d := range desired {
		text, lang := d.CLI, "text"
		if d.Tree != nil {
			js, err := providers.JSON(d)
			if err != nil {
				js = "cannot encode: " + err.Error()
			}
			text, lang = js, "json"
			if d.CLI != "" {
				text += "\n" + d.CLI
			}
		}
		lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
		if len(lines) > maxPayloadLines {
			lines = append(lines[:maxPayloadLines], fmt.Sprintf("… %d more lines (switchyard render %s)", len(lines)-maxPayloadLines, d.Device))
		}
		fmt.Fprintf(b, "\n<details><summary><b>%s</b> (%s)</summary>\n\n", html.EscapeString(d.Device), html.EscapeString(d.Platform))
		writeFenced(b, lang, lines)
		fmt.Fprintln(b, "</details>")
	}
}

// writeFenced writes lines in a code block whose fence no line can close.
func writeFenced(b *strings.Builder, lang string, lines []string) {
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
	fence := strings.Repeat("`", max(3, longest+1))
	fmt.Fprintf(b, "%s%s\n%s\n%s\n\n", fence, lang, strings.Join(lines, "\n"), fence)
}

func shortHash(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
