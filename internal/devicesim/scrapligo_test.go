package devicesim

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scrapli/scrapligo/driver/netconf"
	"github.com/scrapli/scrapligo/driver/opoptions"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/response"
)

// scrapliDriver opens a scrapligo NETCONF driver on d with strict host key
// checking against a known_hosts file written from the device's key.
func scrapliDriver(t *testing.T, d *Device, version string) *netconf.Driver {
	t.Helper()
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := WriteKnownHosts(kh, d); err != nil {
		t.Fatal(err)
	}
	drv, err := netconf.NewDriver("127.0.0.1",
		options.WithPort(d.Port()),
		options.WithAuthUsername(testUser),
		options.WithAuthPassword(testPass),
		options.WithTransportType("standard"),
		options.WithSSHKnownHostsFile(kh),
		options.WithNetconfPreferredVersion(version),
		options.WithTimeoutOps(10*time.Second),
	)
	if err != nil {
		t.Fatalf("new scrapligo driver: %v", err)
	}
	if err := drv.Open(); err != nil {
		t.Fatalf("open scrapligo driver: %v", err)
	}
	t.Cleanup(func() { _ = drv.Close() })
	return drv
}

// mustOK returns a checker that fails the test unless the response is a
// success, and returns its result.
func mustOK(t *testing.T, what string) func(*response.NetconfResponse, error) string {
	return func(r *response.NetconfResponse, err error) string {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if r.Failed != nil {
			t.Fatalf("%s failed: %v\n%s", what, r.Failed, r.Result)
		}
		return r.Result
	}
}

func TestScrapligoNETCONF(t *testing.T) {
	for _, version := range []string{netconf.V1Dot1, netconf.V1Dot0} {
		t.Run("base "+version, func(t *testing.T) {
			d, clock := testDevice(t, nil)
			drv := scrapliDriver(t, d, version)
			if drv.SessionID() == 0 || !drv.ServerHasCapability("urn:ietf:params:netconf:capability:candidate:1.0") {
				t.Fatalf("hello: session %d, caps %v", drv.SessionID(), drv.ServerCapabilities())
			}
			out := mustOK(t, "get-config")(drv.GetConfig("running"))
			if !strings.Contains(out, "<name>Gi1</name>") {
				t.Fatalf("get-config result lacks Gi1:\n%s", out)
			}
			filtered := mustOK(t, "filtered get-config")(drv.GetConfig("running",
				opoptions.WithFilter(`<interfaces xmlns="`+nsIf+`"><interface><name>Gi2</name></interface></interfaces>`),
				opoptions.WithFilterType("subtree")))
			if strings.Contains(filtered, "Gi1") || !strings.Contains(filtered, "Gi2") {
				t.Fatalf("subtree filter not applied:\n%s", filtered)
			}
			before := d.Running()
			mustOK(t, "lock")(drv.Lock("candidate"))
			mustOK(t, "edit-config")(drv.EditConfig("candidate", `<config><interfaces xmlns="`+nsIf+
				`"><interface><name>Gi2</name><config><mtu>9100</mtu></config></interface></interfaces></config>`))
			mustOK(t, "confirmed commit")(drv.Commit(opoptions.WithCommitConfirmed(), opoptions.WithCommitConfirmTimeout(120)))
			if !d.ConfirmedCommitPending() || !strings.Contains(string(d.Running()), "9100") {
				t.Fatal("confirmed commit did not apply")
			}
			mustOK(t, "unlock")(drv.Unlock("candidate"))
			clock.Advance(120 * time.Second)
			if string(before) != string(d.Running()) {
				t.Fatal("confirm timeout did not revert running")
			}
			r, err := drv.Lock("running")
			mustOK(t, "lock running")(r, err)
			r, err = drv.Lock("running")
			if err != nil || r.Failed == nil || !strings.Contains(r.Result, "lock-denied") {
				t.Fatalf("second lock: err %v, result %s", err, r.Result)
			}
		})
	}
}
