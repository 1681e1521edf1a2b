package clisim

import (
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// maxArchiveLog is how many entries the archive log keeps ("logging size",
// whose IOS default is 100; the simulator keeps more and ignores the
// setting).
const maxArchiveLog = 1000

// lastChangeFormat is how IOS stamps the running configuration's
// "! Last configuration change at …" line.
const lastChangeFormat = "15:04:05 UTC Mon Jan 2 2006"

// archiveEntry is one command of the configuration change logger
// ("archive" / "log config" / "logging enable").
type archiveEntry struct {
	idx, sess int
	user      string
	line      string // "vty0"
	depth     int    // mode depth, shown as indentation
	cmd       string
}

// archiveLogging reports whether "archive / log config / logging enable"
// is configured.
func archiveLogging(c *cliconf.Config) bool {
	a := c.Find("archive")
	if a == nil {
		return false
	}
	for _, n := range a.Children {
		if n.Line != "log config" {
			continue
		}
		for _, l := range n.Children {
			if l.Line == "logging enable" {
				return true
			}
		}
	}
	return false
}

// noteCommand records a configuration command s ran at mode depth: the
// archive log when it is enabled, and the last change (time and user) when
// running changed. d.mu must be held.
func (d *Device) noteCommand(s *shell, depth int, cmd string, changed bool) {
	if changed {
		d.noteChange(s.conn.User())
	}
	if !archiveLogging(d.running) || strings.TrimSpace(cmd) == "" {
		return
	}
	if s.archSess == 0 {
		d.archSessions++
		s.archSess = d.archSessions
	}
	d.archIdx++
	d.archLog = append(d.archLog, archiveEntry{idx: d.archIdx, sess: s.archSess, user: s.conn.User(),
		line: "vty" + itoa(s.vty), depth: depth, cmd: strings.TrimSpace(cmd)})
	if len(d.archLog) > maxArchiveLog {
		d.archLog = d.archLog[len(d.archLog)-maxArchiveLog:]
	}
}

// noteChange stamps the running configuration as changed now by user.
// d.mu must be held.
func (d *Device) noteChange(user string) {
	d.lastChange, d.lastChangeBy = d.cfg.Clock.Now(), user
}

// lastChangeLine is the "! Last configuration change at …" line of show
// running-config, "" before any change. d.mu must be held.
func (d *Device) lastChangeLine() string {
	if d.lastChange.IsZero() {
		return ""
	}
	return "! Last configuration change at " + d.lastChange.UTC().Format(lastChangeFormat) + " by " + d.lastChangeBy + "\r\n"
}

// showArchiveLog is "show archive log config all".
func (s *shell) showArchiveLog() {
	d := s.d
	d.mu.Lock()
	defer d.mu.Unlock()
	s.printf(" idx   sess           user@line      Logged command\r\n")
	for _, e := range d.archLog {
		who := e.user + "@" + e.line
		s.printf("%5d %5d %18s  |%s%s\r\n", e.idx, e.sess, who, strings.Repeat(" ", e.depth), e.cmd)
	}
}

// allocVTY returns the lowest free vty line number.
func (d *Device) allocVTY() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i := 0; ; i++ {
		if !d.vtys[i] {
			d.vtys[i] = true
			return i
		}
	}
}

// freeVTY releases vty line n.
func (d *Device) freeVTY(n int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.vtys, n)
}

// LastChange returns when running last changed and by whom, as show
// running-config stamps it (zero before any change).
func (d *Device) LastChange() (time.Time, string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.lastChange, d.lastChangeBy
}
