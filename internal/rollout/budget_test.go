package rollout

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchyard/switchyard/providers"
)

func TestBudgetHoldsWhateverTheConcurrency(t *testing.T) {
	mk := func(fail bool) *fakeDevice { return &fakeDevice{running: map[string]string{}, failBegin: fail} }
	t.Run("max-failures 0 with concurrency above the fleet stops after the first failure", func(t *testing.T) {
		devs := []*fakeDevice{mk(true), mk(false), mk(false), mk(false), mk(false)}
		var units []Unit
		for i, d := range devs {
			units = append(units, unit(string(rune('a'+i)), d))
		}
		rs := Apply(t.Context(), units, Config{Concurrency: 50, MaxFailures: 0})
		if diff := cmp.Diff([]Status{Failed, Skipped, Skipped, Skipped, Skipped}, statuses(rs)); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		for i, d := range devs[1:] {
			if d.connects != 0 {
				t.Errorf("device %d was contacted after the budget was spent", i+1)
			}
		}
	})
	t.Run("successes open the window up to the concurrency", func(t *testing.T) {
		var units []Unit
		for i := range 8 {
			units = append(units, unit(string(rune('a'+i)), mk(false)))
		}
		rs := Apply(t.Context(), units, Config{Concurrency: 50, MaxFailures: 0})
		for i, r := range rs {
			if r.Status != Applied {
				t.Errorf("device %d: %s %v", i, r.Status, r.Err)
			}
		}
	})
}

func TestConfirmTimeoutCheckedBeforeContact(t *testing.T) {
	for _, tc := range []struct {
		name    string
		timeout time.Duration
		want    string
	}{
		{"negative", -5 * time.Second, "a positive duration"},
		{"beyond the IOS timer", 1000 * time.Hour, "ios-1: confirm timeout 1000h0m0s does not fit configure-replace-timer, which takes whole minutes from 1 to 120"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nc, cli := &fakeDevice{running: map[string]string{}}, &fakeDevice{running: map[string]string{}}
			a, b := unit("nc-1", nc), unit("ios-1", cli)
			a.Confirm, b.Confirm = providers.ConfirmNETCONF, providers.ConfirmReplaceTimer
			rs := Apply(t.Context(), []Unit{a, b}, Config{ConfirmTimeout: tc.timeout})
			for _, r := range rs {
				var te *providers.TimeoutError
				if r.Status != Failed || !errors.As(r.Err, &te) || !strings.Contains(r.Err.Error(), tc.want) {
					t.Errorf("%s: %s %v, want failed naming %q", r.Device, r.Status, r.Err, tc.want)
				}
			}
			if nc.connects+cli.connects != 0 {
				t.Errorf("devices contacted: %d, %d", nc.connects, cli.connects)
			}
		})
	}
	t.Run("rounding is announced", func(t *testing.T) {
		u := unit("ios-1", &fakeDevice{})
		u.Confirm = providers.ConfirmReplaceTimer
		got, notices, err := CheckTimeouts([]Unit{u}, 30*time.Second)
		if err != nil || got[0] != time.Minute || len(notices) != 1 || !strings.Contains(notices[0], "rounded up to 1m0s") {
			t.Errorf("CheckTimeouts(30s on IOS) = %v, %q, %v", got, notices, err)
		}
	})
}
