package fleet

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

const simPassword = "sim-password-canary"

// campusSecrets returns the environment the campus intent's secrets are
// read from in these tests, a new map each time (tests change it).
func campusSecrets() map[string]string {
	return map[string]string{"SWITCHYARD_PASSWORD": simPassword, "SWITCHYARD_ENABLE_PASSWORD": simPassword,
		"SWITCHYARD_TACACS_KEY":     "campus-tacacs-key",
		"SWITCHYARD_SNMP_COMMUNITY": snmpCommunity}
}

// startSim simulates inv's devices (account admin, simPassword; the rest
// of opts as given) until t ends, and writes the files of their SSH host
// keys and TLS CA bundle.
func startSim(t *testing.T, inv *inventory.Inventory, reg *providers.Registry, opts simfleet.Options) (sim *simfleet.Fleet, knownHosts, caFile string) {
	t.Helper()
	opts.Username, opts.Password, opts.AnyPort = "admin", simPassword, true
	sim, err := simfleet.Start(t.Context(), inv, reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	dir := t.TempDir()
	knownHosts, caFile = filepath.Join(dir, "known_hosts"), filepath.Join(dir, "ca.pem")
	if err := sim.WriteKnownHosts(knownHosts); err != nil {
		t.Fatal(err)
	}
	if err := sim.WriteCABundle(caFile); err != nil {
		t.Fatal(err)
	}
	return sim, knownHosts, caFile
}

// simulated points inv's simulated devices at their simulators and
// returns them, in inventory order.
func simulated(inv *inventory.Inventory, sim *simfleet.Fleet) []*inventory.Device {
	var devs []*inventory.Device
	for _, d := range inv.Devices {
		if sd := sim.Device(d.Name); sd != nil {
			d.Address = sd.Addr()
			devs = append(devs, d)
		}
	}
	return devs
}

// simOptions are the unit options of the simulated devices: their host
// keys and CA (caFile "" for none), intent secrets looked up in env.
func simOptions(knownHosts, caFile string, env map[string]string) Options {
	return Options{KnownHostsFile: knownHosts, CAFile: caFile, Timeout: 20 * time.Second,
		Secrets: credentials.Source{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}}
}
