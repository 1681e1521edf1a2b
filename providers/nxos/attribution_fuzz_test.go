package nxos

import (
	"testing"
	"time"
)

// FuzzAccountingLog: whatever show accounting log prints, the parser does
// not panic and names only someone other than switchyard, at or after since.
func FuzzAccountingLog(f *testing.F) {
	f.Add("Fri Dec  4 19:04:36 2026:type=update:id=10.0.0.5@pts/0:user=carol:cmd=configure terminal ; hostname x (SUCCESS)\n")
	f.Add("Fri Dec  4 19:04:36 2026:type=update:id=10.0.0.5@nxapi:user=admin:cmd=configure terminal ; hostname x (FAILURE)\n" +
		"Sat Dec 12 01:02:03 2026:type=start:id=::1@pts/1:user=bob:cmd=\n")
	f.Add("Mon Jan  1 00:00:00 2024:type=update:id=a:b@c:user=d:cmd=configure terminal ; interface e1/1 ; description a:b:c")
	since := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, out string) {
		a := lastAccounted(out, "admin", since)
		if a != nil && (a.User == "" || a.User == "admin" || a.At.Before(since)) {
			t.Errorf("attributed to %+v", a)
		}
	})
}
