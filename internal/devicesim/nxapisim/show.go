package nxapisim

import (
	"fmt"
	"slices"
	"strings"
)

// timeLayout is how NX-OS stamps show output and checkpoints.
const timeLayout = "Mon Jan 2 15:04:05 2006"

// show answers the show commands the simulator knows.
func (s *session) show(body string, ascii bool) (any, string) {
	d := s.d
	switch body {
	case "show running-config", "show running-config all":
		if !ascii {
			return nil, "% Structured output unsupported for this command; use cli_ascii\n"
		}
		hdr := fmt.Sprintf("!Command: show running-config\n!Running configuration last done at: %s\n!Time: %s\n\n",
			d.lastChange.UTC().Format(timeLayout), d.cfg.Clock.Now().UTC().Format(timeLayout))
		return map[string]string{"msg": hdr + format(d.running)}, ""
	case "show accounting log":
		if !ascii {
			return nil, "% Structured output unsupported for this command; use cli_ascii\n"
		}
		return map[string]string{"msg": d.accountingLog()}, ""
	case "show hostname":
		host := d.cfg.Name
		for _, n := range rootOf(d.running).Children {
			if h, ok := strings.CutPrefix(n.Line, "hostname "); ok {
				host = h
			}
		}
		if ascii {
			return map[string]string{"msg": host + "\n"}, ""
		}
		return map[string]any{"body": map[string]string{"hostname": host}}, ""
	case "show checkpoint summary":
		if ascii {
			return map[string]string{"msg": s.checkpointSummary()}, ""
		}
		rows := []map[string]string{}
		for _, c := range d.checkpoints {
			rows = append(rows, map[string]string{"name": c.name, "user": c.user, "created": c.created.UTC().Format(timeLayout)})
		}
		return map[string]any{"body": map[string]any{"TABLE_checkpoint": map[string]any{"ROW_checkpoint": rows}}}, ""
	}
	return nil, invalidCommand
}

// checkpointSummary prints the checkpoints as NX-OS does, oldest first.
func (s *session) checkpointSummary() string {
	var b strings.Builder
	b.WriteString("User Checkpoint Summary\n")
	b.WriteString("--------------------------------------------------------------------------------\n")
	for i, c := range s.d.checkpoints {
		desc := c.description
		if desc == "" {
			desc = "None"
		}
		fmt.Fprintf(&b, "%d) %s:\nCreated by %s\nCreated at %s\nSize is %d bytes\nDescription: %s\n\n",
			i+1, c.name, c.user, c.created.UTC().Format(timeLayout), len(format(c.cfg)), desc)
	}
	return b.String()
}

// checkpoint handles "checkpoint NAME [description TEXT]".
func (s *session) checkpoint(f []string, ascii bool) (any, string) {
	d := s.d
	if len(f) < 2 || (len(f) > 2 && f[2] != "description") || len(f[1]) > 80 {
		return nil, invalidCommand
	}
	name := f[1]
	if s.find(name) >= 0 {
		return nil, fmt.Sprintf("Checkpoint name %s is already in use\n", name)
	}
	if len(d.checkpoints) >= MaxCheckpoints {
		return nil, fmt.Sprintf("Maximum number of checkpoints (%d) reached; delete one with \"no checkpoint NAME\"\n", MaxCheckpoints)
	}
	var desc string
	if len(f) > 3 {
		desc = strings.Join(f[3:], " ")
	}
	d.checkpoints = append(d.checkpoints, checkpoint{name: name, user: s.user, description: desc, created: d.cfg.Clock.Now(), cfg: d.running})
	d.log.Info("checkpoint created", "checkpoint", name)
	return s.ok(ascii, "...........Done\n")
}

// deleteCheckpoint handles "no checkpoint NAME".
func (s *session) deleteCheckpoint(f []string, ascii bool) (any, string) {
	if len(f) != 3 {
		return nil, invalidCommand
	}
	i := s.find(f[2])
	if i < 0 {
		return nil, fmt.Sprintf("Checkpoint %s does not exist\n", f[2])
	}
	s.d.checkpoints = slices.Delete(s.d.checkpoints, i, i+1)
	s.d.log.Info("checkpoint deleted", "checkpoint", f[2])
	return s.ok(ascii, "")
}

// rollback handles "rollback running-config checkpoint NAME [mode]": the
// running configuration becomes the checkpoint's, exactly.
func (s *session) rollback(f []string, ascii bool) (any, string) {
	if len(f) < 4 || len(f) > 5 || f[1] != "running-config" || f[2] != "checkpoint" {
		return nil, invalidCommand
	}
	if len(f) == 5 && !slices.Contains([]string{"atomic", "best-effort", "stop-at-first-failure"}, f[4]) {
		return nil, invalidCommand
	}
	i := s.find(f[3])
	if i < 0 {
		return nil, fmt.Sprintf("Checkpoint %s does not exist\n", f[3])
	}
	d := s.d
	d.running, d.lastChange = d.checkpoints[i].cfg, d.cfg.Clock.Now()
	s.config = false // configuration mode restarts from the restored config
	d.log.Info("rolled back to checkpoint", "checkpoint", f[3])
	return s.ok(ascii, "Rollback completed successfully.\n")
}

func (s *session) find(name string) int {
	return slices.IndexFunc(s.d.checkpoints, func(c checkpoint) bool { return c.name == name })
}
