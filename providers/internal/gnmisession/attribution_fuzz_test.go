package gnmisession

import (
	"testing"
	"time"
)

// FuzzCommitList: any JSON a target answers for cfg-hist-gl decodes or
// fails without panicking, and never names switchyard's own login.
func FuzzCommitList(f *testing.F) {
	f.Add([]byte(`{"record-type":[{"record-type":"commit","record":[{"record":1,"timestamp":1764875076,"info":{"commit-info":{"commit-id":"1000000001","user-id":"alice","line":"10.0.0.5"}}}]}]}`))
	f.Add([]byte(`{"record-type":[{"record":[{"timestamp":"x"}]}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, js []byte) {
		a, err := lastCommit(js, "admin", time.Time{})
		if err == nil && a != nil && (a.User == "" || a.User == "admin") {
			t.Errorf("attributed to %+v", a)
		}
	})
}
