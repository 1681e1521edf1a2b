package providers

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/profiles"
)

func TestCheckConfirmTimeoutCiscoIA(t *testing.T) {
	tests := []struct {
		name    string
		in      time.Duration
		want    time.Duration
		notice  bool
		wantErr string
	}{
		{name: "30s rounds up to the 1 minute minimum with a notice", in: 30 * time.Second, want: time.Minute, notice: true},
		{name: "whole minutes are kept", in: 5 * time.Minute, want: 5 * time.Minute},
		{name: "90s rounds up to 2 minutes", in: 90 * time.Second, want: 2 * time.Minute, notice: true},
		{name: "120 minutes is the largest", in: 120 * time.Minute, want: 120 * time.Minute},
		{name: "just over 120 minutes is refused", in: 120*time.Minute + time.Second, wantErr: "whole minutes from 1 to 120 (cisco-ia rollback revert-timer)"},
		{name: "1000h is refused", in: 1000 * time.Hour, wantErr: "1 to 120"},
		{name: "zero is refused", in: 0, wantErr: "a positive duration"},
		{name: "negative is refused", in: -5 * time.Second, wantErr: "a positive duration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eff, notice, err := CheckConfirmTimeout("xe1", ConfirmCiscoIA, tt.in)
			if tt.wantErr != "" {
				var te *TimeoutError
				if !errors.As(err, &te) || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "xe1") {
					t.Fatalf("err = %v, want a *TimeoutError naming xe1 with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if eff != tt.want {
				t.Errorf("effective timeout = %s, want %s", eff, tt.want)
			}
			if (notice != "") != tt.notice {
				t.Errorf("notice = %q, want one: %v", notice, tt.notice)
			}
			if tt.notice && !strings.Contains(notice, "cisco-ia") {
				t.Errorf("notice %q does not name the mechanism", notice)
			}
		})
	}
}

func TestMechanism(t *testing.T) {
	caps := Capabilities{Confirm: map[string]string{"netconf": ConfirmNETCONF, "gnmi": ConfirmGNMI}}
	prof := func(rb string) *profiles.Profile { return &profiles.Profile{Rollback: profiles.Rollback{NETCONF: rb}} }
	tests := []struct {
		name, transport string
		p               *profiles.Profile
		want            string
	}{
		{"release with confirmed commit", "netconf", prof(profiles.RollbackConfirmedCommit), ConfirmNETCONF},
		{"IOS-XE release with cisco-ia", "netconf", prof(profiles.RollbackCiscoIA), ConfirmCiscoIA},
		{"release without a timer", "netconf", prof(profiles.RollbackNone), ConfirmNone},
		{"no profile: the provider's capabilities", "netconf", nil, ConfirmNETCONF},
		{"gnmi ignores the NETCONF profile", "gnmi", prof(profiles.RollbackNone), ConfirmGNMI},
		{"unknown transport", "restconf", nil, ConfirmNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Mechanism(caps, tt.transport, tt.p); got != tt.want {
				t.Errorf("Mechanism = %q, want %q", got, tt.want)
			}
		})
	}
	for kind, want := range map[string]bool{ConfirmNETCONF: true, ConfirmCiscoIA: true, ConfirmGNMI: true, ConfirmReplaceTimer: true, ConfirmCheckpoint: false, ConfirmNone: false} {
		if got := HasDeviceTimer(kind); got != want {
			t.Errorf("HasDeviceTimer(%q) = %v, want %v", kind, got, want)
		}
	}
}
