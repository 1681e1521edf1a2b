package fleet

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
)

// snmpCommunity is the community string behind the campus reference.
const snmpCommunity = "campus-snmp-community"

// SNMP communities and their trap hosts go through the native models of
// IOS-XE and IOS-XR, keyed by the community string on the device, while
// every change path names the entry by its alias: the value shows in no
// path and no value of the plan; the release simulators get the real
// string as the key, and the plan after apply is empty.
func TestSNMPCommunitiesNativeApplyThenPlanEmpty(t *testing.T) {
	// The campus's core and access groups declare a community and a trap
	// host (SWITCHYARD_SNMP_COMMUNITY is snmpCommunity in campusSecrets).
	names := []string{"ams-acc-2", "ams-core-1", "fra-core-1"}
	units, sim := simUnits(t, campusWith(t), names...)
	wantPaths := map[string][]string{
		"ams-acc-2": {"/Cisco-IOS-XE-native:native/snmp-server/community-config[name=secret-", "/Cisco-IOS-XE-native:native/snmp-server/host-config/ip-community[community-or-user=secret-"},
		"ams-core-1": {"/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/community/unencrypted/unencrypted-string[community-string=secret-",
			"/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/hosts/host[address=10.10.0.50]/traps/unencrypted/unencrypted-string[community-string=secret-"},
	}
	wantPaths["fra-core-1"] = wantPaths["ams-core-1"]
	for _, r := range rollout.Observe(t.Context(), units, rollout.Config{}) {
		if r.Err != nil {
			t.Fatalf("%s: plan: %v", r.Device, r.Err)
		}
		var all strings.Builder
		for _, c := range r.Changes {
			fmt.Fprintf(&all, "%s %v\n", c.Path, c.After)
		}
		if strings.Contains(all.String(), snmpCommunity) {
			t.Errorf("%s: the plan shows the community string:\n%s", r.Device, all.String())
		}
		for _, p := range wantPaths[r.Device] {
			found := false
			for _, c := range r.Changes {
				if strings.HasPrefix(c.Path, p) && diff.Route(c.Path) == diff.RouteNative {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no native change under %s…:\n%s", r.Device, p, all.String())
			}
		}
	}
	for _, r := range rollout.Apply(t.Context(), units, rollout.Config{ConfirmTimeout: 2 * time.Minute}) {
		if r.Status != rollout.Applied || r.Err != nil {
			t.Fatalf("%s: apply %s: %v", r.Device, r.Status, r.Err)
		}
	}
	for _, n := range names {
		run, err := sim.Running(n)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(run, snmpCommunity) < 2 {
			t.Errorf("%s: the device does not hold the community and the host keyed by its string:\n%s", n, run)
		}
		if aliasRE.MatchString(run) || strings.Contains(run, "{{secret") {
			t.Errorf("%s: an alias or a placeholder reached the device:\n%s", n, run)
		}
	}
	for _, r := range rollout.Observe(t.Context(), units, rollout.Config{}) {
		if r.Status != rollout.InSync {
			t.Errorf("%s: plan after apply %s (%v): %+v", r.Device, r.Status, r.Err, r.Changes)
		}
	}
}

// aliasRE matches an alias of a secret list key.
var aliasRE = regexp.MustCompile(`secret-[0-9a-f]{16}`)
