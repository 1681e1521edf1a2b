package netconf

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseReply(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantOK   bool
		wantData string
		wantErrs []*RPCError
	}{
		{name: "ok", in: `<rpc-reply xmlns="` + NSBase + `" message-id="1"><ok/></rpc-reply>`, wantOK: true},
		{name: "prefixed ok", in: `<nc:rpc-reply xmlns:nc="` + NSBase + `"><nc:ok/></nc:rpc-reply>`, wantOK: true},
		{name: "data", in: `<?xml version="1.0"?><rpc-reply xmlns="` + NSBase + `"><data><a xmlns="urn:a">x&amp;y</a></data></rpc-reply>`,
			wantData: `<data xmlns="` + NSBase + `"><a xmlns="urn:a">x&amp;y</a></data>`},
		{name: "two errors and a warning kept in order", in: `<rpc-reply xmlns="` + NSBase + `">
<rpc-error><error-type>application</error-type><error-tag>invalid-value</error-tag><error-severity>error</error-severity>
 <error-app-tag>too-small</error-app-tag>
 <error-path xmlns:oc="urn:oc">/oc:interfaces/oc:interface[oc:name='Gi1']/oc:config/oc:mtu</error-path>
 <error-message xml:lang="en">mtu too small</error-message></rpc-error>
<rpc-error><error-type>protocol</error-type><error-tag>lock-denied</error-tag><error-severity>error</error-severity>
 <error-info><session-id>7</session-id><x:detail xmlns:x="urn:x"><x:deep>1</x:deep></x:detail></error-info></rpc-error>
<rpc-error><error-type>application</error-type><error-tag>operation-failed</error-tag><error-severity>warning</error-severity></rpc-error>
</rpc-reply>`,
			wantErrs: []*RPCError{
				{Type: "application", Tag: "invalid-value", Severity: "error", AppTag: "too-small",
					Path:           "/oc:interfaces/oc:interface[oc:name='Gi1']/oc:config/oc:mtu",
					PathNamespaces: map[string]string{"oc": "urn:oc"}, Message: "mtu too small"},
				{Type: "protocol", Tag: "lock-denied", Severity: "error", Info: map[string]string{"session-id": "7"}},
				{Type: "application", Tag: "operation-failed", Severity: "warning"},
			}},
		{name: "error-path prefix declared on the reply", in: `<rpc-reply xmlns="` + NSBase + `" xmlns:if="urn:if">` +
			`<rpc-error><error-tag>data-missing</error-tag><error-path>/if:interfaces</error-path></rpc-error></rpc-reply>`,
			wantErrs: []*RPCError{{Tag: "data-missing", Severity: "error", Path: "/if:interfaces",
				PathNamespaces: map[string]string{"if": "urn:if"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parseReply([]byte(tt.in))
			if err != nil {
				t.Fatalf("parseReply: %v", err)
			}
			if r.ok != tt.wantOK {
				t.Errorf("ok = %v, want %v", r.ok, tt.wantOK)
			}
			var data string
			if r.data != nil {
				data = r.data.String()
			}
			if diff := cmp.Diff(tt.wantData, data); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErrs, r.errs, cmpopts.IgnoreFields(RPCError{}, "RawInfo")); diff != "" {
				t.Errorf("rpc-errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReplyFailure(t *testing.T) {
	r, err := parseReply([]byte(`<rpc-reply xmlns="` + NSBase + `">` +
		`<rpc-error><error-tag>in-use</error-tag><error-info><session-id>3</session-id></error-info></rpc-error>` +
		`<rpc-error><error-tag>lock-denied</error-tag><error-info><session-id>4</session-id></error-info></rpc-error></rpc-reply>`))
	if err != nil {
		t.Fatal(err)
	}
	ferr := r.failure()
	if !IsInUse(ferr) || !IsLockDenied(ferr) || IsAccessDenied(ferr) {
		t.Errorf("helpers on %v: in-use %v lock-denied %v", ferr, IsInUse(ferr), IsLockDenied(ferr))
	}
	var re *RPCError
	if !errors.As(ferr, &re) || re.Tag != "in-use" || re.SessionID() != "3" {
		t.Errorf("errors.As found %+v, want the first rpc-error", re)
	}
	want := "2 rpc-errors: in-use (session-id 3); lock-denied (session-id 4)"
	if ferr.Error() != want {
		t.Errorf("Error() = %q, want %q", ferr.Error(), want)
	}
	warn, _ := parseReply([]byte(`<rpc-reply xmlns="` + NSBase + `"><rpc-error><error-tag>x</error-tag>` +
		`<error-severity>warning</error-severity></rpc-error><ok/></rpc-reply>`))
	if warn.failure() != nil {
		t.Errorf("a warning-only reply failed: %v", warn.failure())
	}
}

func TestParseReplyMalformed(t *testing.T) {
	for name, in := range map[string]string{
		"empty":           ``,
		"not xml":         `hello`,
		"wrong root":      `<reply xmlns="` + NSBase + `"/>`,
		"wrong namespace": `<rpc-reply xmlns="urn:other"><ok/></rpc-reply>`,
		"truncated":       `<rpc-reply xmlns="` + NSBase + `"><data><a>`,
		"truncated error": `<rpc-reply xmlns="` + NSBase + `"><rpc-error><error-tag>`,
	} {
		if _, err := parseReply([]byte(in)); !errors.Is(err, ErrBadReply) {
			t.Errorf("%s: parseReply error %v, want ErrBadReply", name, err)
		}
	}
}

func FuzzParseReply(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "replies", "*.xml"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rpc-reply xmlns="` + NSBase + `"><ok/></rpc-reply>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := parseReply(b)
		if err != nil {
			if !errors.Is(err, ErrBadReply) {
				t.Fatalf("error %v is not ErrBadReply", err)
			}
			return
		}
		if ferr := r.failure(); ferr != nil {
			_ = ferr.Error()
			_ = RPCErrors(ferr)
		}
	})
}
