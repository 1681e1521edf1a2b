package plan

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
)

//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).Parse(reportTemplate))

// HTML writes p as a self-contained HTML page (inline CSS, no scripts, no
// external assets) for reviewers who read neither Go nor YAML: a summary,
// a device table with risk and status, and per device its risk hints,
// warnings and changes grouped per configuration entry, deletions
// highlighted. html/template escapes every user-controlled string; secrets
// are redacted.
func HTML(w io.Writer, p *Plan) error {
	if err := reportTmpl.Execute(w, reportData(p.redacted())); err != nil {
		return fmt.Errorf("render HTML plan: %w", err)
	}
	return nil
}

type htmlReport struct {
	Plan    *Plan
	Summary string
	Devices []htmlDevice
}

type htmlDevice struct {
	ID                        string
	Name, Platform, Transport string
	Status                    string
	Risk                      string
	Why                       []string
	Warnings                  []string
	Rollback                  string
	ChangedBy                 string // drift reports: who changed the device
	Error                     string
	Creates, Updates, Deletes int
	Groups                    []htmlGroup
}

type htmlGroup struct {
	Path    string
	Op      string
	Changes []htmlChange
}

type htmlChange struct {
	N             int
	Op, Symbol    string
	Leaf          string
	Before, After string
	Removed       []string
}

func reportData(p *Plan) htmlReport {
	r := htmlReport{Plan: p, Summary: summaryLine(p.Summary)}
	for i := range p.Devices {
		d := &p.Devices[i]
		risk, why := d.Risk()
		hd := htmlDevice{
			ID: fmt.Sprintf("device-%d", i+1), Name: clean(d.Name), Platform: clean(d.Platform),
			Transport: clean(d.Transport), Status: string(d.Status()), Risk: risk.String(),
			Why: why, Warnings: d.Warnings, Error: d.Error, Rollback: d.Rollback.Text(),
		}
		if d.ChangedBy != "" {
			hd.ChangedBy = clean(changedBy(d))
		}
		hd.Creates, hd.Updates, hd.Deletes = diff.Count(d.Changes)
		order := make(map[string]int, len(d.Changes)) // paths are unique in a device plan
		for j, c := range d.Changes {
			order[c.Path] = j + 1
		}
		for _, g := range diff.Group(d.Changes) {
			hg := htmlGroup{Path: clean(g.Path), Op: string(g.Op)}
			for _, c := range g.Changes {
				hg.Changes = append(hg.Changes, htmlChangeOf(order[c.Path], g.Path, c))
			}
			hd.Groups = append(hd.Groups, hg)
		}
		r.Devices = append(r.Devices, hd)
	}
	return r
}

func htmlChangeOf(n int, entry string, c diff.Change) htmlChange {
	hc := htmlChange{N: n, Op: string(c.Op), Symbol: opSymbol(c.Op), Leaf: clean(strings.TrimPrefix(c.Path, entry))}
	if hc.Leaf == "" {
		hc.Leaf = "(the whole entry)"
	}
	if c.Before != nil {
		hc.Before = value(c.Before)
	}
	if c.After != nil {
		hc.After = value(c.After)
	}
	if m, ok := c.Before.(map[string]any); ok {
		hc.Before = ""
		for _, k := range sortedKeys(m) {
			hc.Removed = append(hc.Removed, clean(k)+" = "+value(m[k]))
		}
	}
	return hc
}
