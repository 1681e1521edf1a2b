package ios

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/switchyard/switchyard/providers"
)

var _ providers.ChangeAttributor = (*Session)(nil)

// lastChangeRE matches the stamp IOS puts in show running-config:
// "! Last configuration change at 19:04:36 UTC Fri Dec 4 2026 by bob".
var lastChangeRE = regexp.MustCompile(`(?m)^! Last configuration change at (\d\d:\d\d:\d\d(?:\.\d+)? \S+ \w{3} \w{3} +\d{1,2} \d{4})(?: by (\S+))?\s*$`)

// archiveRE matches one entry of show archive log config all:
// "   12     3        bob@vty0         |hostname X".
var archiveRE = regexp.MustCompile(`^\s*(\d+)\s+(\d+)\s+(\S+)@(\S+)\s+\|(.*)$`)

// LastChange tells who changed the device after since: the running
// configuration's "Last configuration change at T by USER" stamp (read by
// the latest Observe) names the last changer and when; the configuration
// change logger (archive / log config / logging enable; show archive log
// config all) adds the line and config session of that user's last
// command, or names the user alone when the stamp has no user. A stamp by
// switchyard's own login, or older than since, is no hand change: nil.
func (s *Session) LastChange(ctx context.Context, since time.Time) (*providers.Attribution, error) {
	at, by := lastChangeStamp(s.last)
	if by == s.target.Username || (!at.IsZero() && at.Before(since.Truncate(time.Second))) {
		return nil, nil
	}
	out, err := s.cli.SendCommand(ctx, "show archive log config all")
	if err != nil && !isCommandError(err) {
		return nil, fmt.Errorf("read the archive log of %s: %w", s.target.Name, err)
	}
	user, line := lastArchiveEntry(out, by, s.target.Username)
	switch {
	case by != "":
		return &providers.Attribution{User: by, Session: line, At: at, Source: "archive log"}, nil
	case user != "" && at.IsZero():
		return &providers.Attribution{User: user, Session: line, Source: "archive log"}, nil
	}
	return nil, nil
}

// lastChangeStamp parses the running configuration's last change stamp.
func lastChangeStamp(running string) (time.Time, string) {
	m := lastChangeRE.FindStringSubmatch(strings.ReplaceAll(running, "\r", ""))
	if m == nil {
		return time.Time{}, ""
	}
	t, err := time.Parse("15:04:05 MST Mon Jan 2 2006", strings.Join(strings.Fields(m[1]), " "))
	if err != nil {
		t, err = time.Parse("15:04:05.000 MST Mon Jan 2 2006", strings.Join(strings.Fields(m[1]), " "))
	}
	if err != nil {
		return time.Time{}, m[2]
	}
	return t, m[2]
}

// lastArchiveEntry returns the user and line ("vty0", with its config
// session) of the newest archive log entry by want (any user but self
// when want is "").
func lastArchiveEntry(out, want, self string) (user, line string) {
	for _, l := range strings.Split(strings.ReplaceAll(out, "\r", ""), "\n") {
		m := archiveRE.FindStringSubmatch(l)
		if m == nil || m[3] == self || (want != "" && m[3] != want) {
			continue
		}
		user, line = m[3], m[4]+", config session "+m[2]
	}
	return user, line
}
