package ios

import "testing"

// FuzzChangeRecords: running-config stamps and archive logs of any shape
// parse without panicking, and never name switchyard's own login from the
// archive log.
func FuzzChangeRecords(f *testing.F) {
	f.Add("! Last configuration change at 19:04:36 UTC Fri Dec 4 2026 by bob\nhostname x\n",
		" idx   sess           user@line      Logged command\n    1     1        bob@vty0  |hostname x\n    2     1      admin@vty1  | description y\n")
	f.Add("! Last configuration change at 09:04:36.123 CET Mon Mar  2 2026\n", "")
	f.Fuzz(func(t *testing.T, running, archive string) {
		_, _ = lastChangeStamp(running)
		if user, _ := lastArchiveEntry(archive, "", "admin"); user == "admin" {
			t.Errorf("archive entry of switchyard's own login taken: %q", archive)
		}
	})
}
