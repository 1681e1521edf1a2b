package clisim

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// archivePath returns the "path" of the archive section, if configured.
func archivePath(c *cliconf.Config) (string, bool) {
	a := c.Find("archive")
	if a == nil {
		return "", false
	}
	for _, n := range a.Children {
		if p, ok := strings.CutPrefix(n.Line, "path "); ok {
			return flashPath(strings.TrimSpace(p)), true
		}
	}
	return "", false
}

const noPending = "%No Rollback Confirmed Change pending\r\n"

// replace runs configure replace of file; minutes > 0 starts the timed
// rollback. All or nothing: a refused line leaves running unchanged.
func (d *Device) replace(s *shell, file string, minutes int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	content, ok := d.files[file]
	if !ok {
		s.printf("%%Error opening %s (File not found)\r\n", file)
		return
	}
	backup, archived := archivePath(d.running)
	switch {
	case minutes > 0 && !archived:
		s.printf("%%Archive feature not enabled: timed rollback needs \"archive\" with \"path\" configured\r\n")
		return
	case d.pending != nil:
		s.printf("%%Rollback Confirmed Change pending: confirm or revert it first\r\n")
		return
	}
	if msg, failed := d.knobs.takeReplaceFailure(); failed {
		s.printf("%s\r\nRollback aborted: running configuration unchanged\r\n", msg)
		return
	}
	next, err := load(content, &d.knobs)
	if err != nil {
		var le *lineError
		var ce *cmdError
		if errors.As(err, &le) && errors.As(err, &ce) {
			s.printf("Line %d: %s\r\n%s\r\n", le.line, le.cmd, ce.msg)
		} else {
			s.printf("%%Error parsing %s: %v\r\n", file, err)
		}
		s.printf("Rollback aborted: running configuration unchanged\r\n")
		d.log.Info("configure replace refused", "file", file)
		return
	}
	if minutes > 0 {
		d.archive++
		name := backup + "-" + itoa(d.archive)
		d.files[name] = format(d.running)
		p := &rollback{before: d.running, backup: name, user: s.conn.User(), started: d.cfg.Clock.Now(),
			deadline: d.cfg.Clock.Now().Add(time.Duration(minutes) * time.Minute)}
		p.timer = d.cfg.Clock.AfterFunc(time.Duration(minutes)*time.Minute, func() { d.expire(p) })
		d.pending = p
		d.syslog("%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_BACKUP: Backing up current running config to " + name)
		d.syslog("%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_START_ABSTIMER: User: " + s.conn.User() +
			": Scheduled to rollback to config " + name + " in " + itoa(minutes) + " minutes")
	}
	d.running = next
	d.noteChange(s.conn.User())
	d.log.Info("configure replace done", "file", file, "timer_minutes", minutes)
	s.printf("Total number of passes: 1\r\nRollback Done\r\n")
}

// expire reverts p when its timer fires unconfirmed.
func (d *Device) expire(p *rollback) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending != p || d.closed {
		return
	}
	d.running, d.pending = p.before, nil
	d.noteChange("system")
	d.syslog("%ARCHIVE_DIFF-5-ROLLBK_CNFMD_TIMER_EXP: Rollback confirmed change timer expired, rolling back to " + p.backup)
}

func (d *Device) confirm(s *shell) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending == nil {
		s.printf("%s", noPending)
		return
	}
	d.pending.timer.Stop()
	d.pending = nil
	d.syslog("%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_CONFIRM: User: " + s.conn.User() + ": Confirm the configuration change")
}

func (d *Device) revert(s *shell) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := d.pending
	if p == nil {
		s.printf("%s", noPending)
		return
	}
	p.timer.Stop()
	d.running, d.pending = p.before, nil
	d.noteChange(s.conn.User())
	d.syslog("%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_ROLLBACK_START: User: " + s.conn.User() + ": Start rolling to: " + p.backup)
}

func (d *Device) resetTimer(s *shell, minutes int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := d.pending
	if p == nil {
		s.printf("%s", noPending)
		return
	}
	p.timer.Stop()
	p.started = d.cfg.Clock.Now()
	p.deadline = p.started.Add(time.Duration(minutes) * time.Minute)
	p.timer = d.cfg.Clock.AfterFunc(time.Duration(minutes)*time.Minute, func() { d.expire(p) })
}

// showRollbackTimer is "show archive config rollback timer": the pending
// timed rollback of a configure replace ... time N (or configure terminal
// revert timer), as IOS prints it, or that none is pending.
func (d *Device) showRollbackTimer(s *shell) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := d.pending
	if p == nil {
		s.printf("%s", noPending)
		return
	}
	left := p.deadline.Sub(d.cfg.Clock.Now())
	s.printf("Time configured(or reset) at: %s\r\n", p.started.UTC().Format("15:04:05 UTC Mon Jan 2 2006"))
	s.printf("Timer value: %d min\r\n", int((left+time.Minute-1)/time.Minute))
	s.printf("Timer type: Rollback timer\r\nArchive file: %s\r\nUser: %s\r\nConfig mode lock: Disabled\r\n", p.backup, p.user)
}

func itoa(n int) string { return strconv.Itoa(n) }
