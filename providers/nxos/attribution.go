package nxos

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/switchyard/switchyard/providers"
)

var _ providers.ChangeAttributor = (*session)(nil)

// accountingRE matches one line of NX-OS's show accounting log:
// "Fri Dec  4 19:04:36 2026:type=update:id=10.0.0.5@pts/0:user=carol:cmd=configure terminal ; hostname x (SUCCESS)".
var accountingRE = regexp.MustCompile(`^(\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}):type=(\w+):id=(.*?):user=([^:]*):cmd=(.*?)(?: \((\w+)\))?$`)

// accountingLayout is the time stamp of an accounting log line (ctime; the
// device's clock, taken as UTC).
const accountingLayout = "Mon Jan _2 15:04:05 2006"

// LastChange reads show accounting log and returns its newest successful
// configuration command after since by a user other than switchyard's
// login: the user, the session id (source address @ terminal) and time.
func (s *session) LastChange(ctx context.Context, since time.Time) (*providers.Attribution, error) {
	out, err := s.c.Show(ctx, "show accounting log")
	if err != nil {
		return nil, fmt.Errorf("read the accounting log of %s: %w", s.t.Name, err)
	}
	return lastAccounted(out, s.t.Username, since), nil
}

// lastAccounted picks the newest successful configuration change in an
// accounting log by a user other than self at or after since.
func lastAccounted(out, self string, since time.Time) *providers.Attribution {
	var last *providers.Attribution
	for l := range strings.Lines(out) {
		m := accountingRE.FindStringSubmatch(strings.TrimRight(l, "\r\n"))
		if m == nil || m[2] != "update" || m[4] == "" || m[4] == self || (m[6] != "" && m[6] != "SUCCESS") ||
			!strings.HasPrefix(m[5], "configure") {
			continue
		}
		at, err := time.Parse(accountingLayout, m[1])
		if err != nil || at.Before(since.Truncate(time.Second)) {
			continue
		}
		host, term, _ := strings.Cut(m[3], "@")
		last = &providers.Attribution{User: m[4], Session: term, Host: host, At: at, Source: "accounting log"}
	}
	return last
}
