package nxapisim

import (
	"strings"
	"time"
)

// maxAccounting bounds the accounting log (NX-OS keeps a file of a
// configured size; the simulator keeps entries).
const maxAccounting = 1000

// accountingLayout is how NX-OS stamps accounting log entries (ctime).
const accountingLayout = "Mon Jan _2 15:04:05 2006"

// acctEntry is one line of show accounting log.
type acctEntry struct {
	at          time.Time
	user, id    string
	cmd, result string
}

// account records a configuration command of s in the accounting log, as
// NX-OS does for every command that changes the configuration: the mode
// context and the command, "; "-joined, with SUCCESS or FAILURE. d.mu is
// held.
func (s *session) account(cmd string, failed bool) {
	d := s.d
	parts := append([]string{"configure terminal"}, s.context(len(s.stack))...)
	result := "SUCCESS"
	if failed {
		result = "FAILURE"
	}
	d.accounting = append(d.accounting, acctEntry{at: d.cfg.Clock.Now(), user: s.user,
		id: s.host + "@nxapi", cmd: strings.Join(append(parts, strings.TrimSpace(cmd)), " ; "), result: result})
	if len(d.accounting) > maxAccounting {
		d.accounting = d.accounting[len(d.accounting)-maxAccounting:]
	}
}

// accountingLog prints show accounting log, oldest first:
// "Fri Dec  4 19:04:36 2026:type=update:id=127.0.0.1@nxapi:user=carol:cmd=configure terminal ; hostname x (SUCCESS)".
func (d *Device) accountingLog() string {
	var b strings.Builder
	for _, e := range d.accounting {
		b.WriteString(e.at.UTC().Format(accountingLayout) + ":type=update:id=" + e.id + ":user=" + e.user +
			":cmd=" + e.cmd + " (" + e.result + ")\n")
	}
	return b.String()
}
