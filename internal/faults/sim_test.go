package faults

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/clisim"
	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/xmltree"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/nxos"
)

// simDevice is one simulated device of any transport, started with the
// factory configuration simfleet would give it, its timers on a manual
// clock. Exactly one of the typed fields is set.
type simDevice struct {
	transport string
	clock     *devicesim.ManualClock
	where     where
	nc        *devicesim.Device
	gn        *gnmisim.Target
	nx        *nxapisim.Device
	cl        *clisim.Device
}

// startSim starts the device of transport tr for the intent's desired
// configuration of that device; dir receives known_hosts or the CA file.
func startSim(ctx context.Context, tr string, desired *providers.Desired, dir string) (*simDevice, error) {
	name := deviceOf[tr]
	d := &simDevice{transport: tr, clock: devicesim.NewManualClock(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC))}
	var err error
	switch tr {
	case tNETCONF:
		d.nc, err = startNETCONF(ctx, name, desired, d.clock)
		if err == nil {
			d.where = where{Addr: d.nc.Addr(), KnownHosts: filepath.Join(dir, "known_hosts")}
			err = devicesim.WriteKnownHosts(d.where.KnownHosts, d.nc)
		}
	case tXE:
		d.nc, err = startXE(ctx, name, desired, d.clock)
		if err == nil {
			d.where = where{Addr: d.nc.Addr(), KnownHosts: filepath.Join(dir, "known_hosts")}
			err = devicesim.WriteKnownHosts(d.where.KnownHosts, d.nc)
		}
	case tGNMI:
		d.gn, err = gnmisim.Start(ctx, gnmisim.Config{Name: name, Username: simUser, Password: simPassword,
			Running: simfleet.Factory(desired.Tree, "iosxr"), Clock: d.clock})
		if err == nil {
			d.where = where{Addr: d.gn.Addr(), CAFile: filepath.Join(dir, "ca.pem")}
			err = os.WriteFile(d.where.CAFile, d.gn.CAPEM(), 0o600)
		}
	case tNXAPI:
		d.nx, err = nxapisim.Start(ctx, nxapisim.Config{Name: name, Username: simUser, Password: simPassword,
			Running: nxapisim.DefaultRunning + bareInterfaces(desired.CLI, "mgmt0"), Clock: d.clock})
		if err == nil {
			d.where = where{Addr: d.nx.Addr(), CAFile: filepath.Join(dir, "ca.pem")}
			err = os.WriteFile(d.where.CAFile, d.nx.CAPEM(), 0o600)
		}
	case tCLI:
		d.cl, err = clisim.Start(ctx, clisim.Config{Name: name, Username: simUser, Password: simPassword, EnablePassword: simPassword,
			Running: iosFactory + bareInterfaces(desired.CLI, "") + "end\n", Clock: d.clock})
		if err == nil {
			d.where = where{Addr: d.cl.Addr(), KnownHosts: filepath.Join(dir, "known_hosts")}
			err = clisim.WriteKnownHosts(d.where.KnownHosts, d.cl)
		}
	default:
		err = errors.New("unknown transport " + tr)
	}
	if err != nil {
		return nil, errors.Join(err, d.Close())
	}
	return d, nil
}

func startNETCONF(ctx context.Context, name string, desired *providers.Desired, clock devicesim.Clock) (*devicesim.Device, error) {
	schema, err := ocxml.NewSchema()
	if err != nil {
		return nil, err
	}
	elems, err := ocxml.Marshal(simfleet.Factory(desired.Tree, "iosxe"))
	if err != nil {
		return nil, err
	}
	var caps []string
	for _, m := range []string{"openconfig-interfaces", "openconfig-if-ethernet", "openconfig-if-ip", "openconfig-if-aggregate",
		"openconfig-vlan", "openconfig-system", "openconfig-network-instance", "openconfig-acl", "openconfig-defined-sets", "openconfig-lacp"} {
		caps = append(caps, oc.YANGModules[m].Namespace+"?module="+m)
	}
	return devicesim.Start(ctx, devicesim.Config{Name: name, Platform: "iosxe", Profile: devicesim.ProfileCandidate,
		Username: simUser, Password: simPassword, Running: &xmltree.Element{Children: elems},
		Capabilities: caps, Schema: schema, Clock: clock})
}

// startXE starts the IOS-XE 17.18.1 simulator: the release's exact hello,
// schema and rollback (cisco-ia's revert timer, no confirmed commit).
func startXE(ctx context.Context, name string, desired *providers.Desired, clock devicesim.Clock) (*devicesim.Device, error) {
	p, err := xeRelease()
	if err != nil {
		return nil, err
	}
	schema, err := ocxml.NewSchema()
	if err != nil {
		return nil, err
	}
	elems, err := ocxml.Marshal(simfleet.Factory(desired.Tree, "iosxe"))
	if err != nil {
		return nil, err
	}
	return devicesim.Start(ctx, devicesim.Config{Name: name, Platform: "iosxe", Release: p, Schema: schema,
		Username: simUser, Password: simPassword, Running: &xmltree.Element{Children: elems}, Clock: clock})
}

// testSim starts the device of tr for a test and stops it at cleanup.
func testSim(t *testing.T, tr string, desired *providers.Desired) *simDevice {
	t.Helper()
	d, err := startSim(t.Context(), tr, desired, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// Close stops the simulator.
func (d *simDevice) Close() error {
	switch {
	case d.nc != nil:
		return d.nc.Close()
	case d.gn != nil:
		return d.gn.Close()
	case d.nx != nil:
		return d.nx.Close()
	case d.cl != nil:
		return d.cl.Close()
	}
	return nil
}

// running returns the device's running configuration in a canonical form:
// NETCONF canonical XML, gNMI RFC 7951 JSON (sorted members), NX-API and
// CLI show running-config text without its time stamp lines.
func (d *simDevice) running() string {
	switch {
	case d.nc != nil:
		return string(d.nc.Running())
	case d.gn != nil:
		s, err := ygot.EmitJSON(d.gn.Running(), &ygot.EmitJSONConfig{Format: ygot.RFC7951, Indent: " "})
		if err != nil {
			return "cannot encode: " + err.Error()
		}
		return s
	case d.nx != nil:
		return withoutStamps(d.nx.Running())
	case d.cl != nil:
		return withoutStamps(d.cl.Running())
	}
	return ""
}

func withoutStamps(text string) string {
	var b strings.Builder
	for l := range strings.Lines(text) {
		if strings.HasPrefix(l, "!Time:") || strings.HasPrefix(l, "! Last configuration change") || strings.HasPrefix(l, "! NVRAM config last updated") {
			continue
		}
		b.WriteString(l)
	}
	return b.String()
}

// pending reports whether a change awaits confirmation on the device: a
// confirmed commit (NETCONF, gNMI), a timed configure replace (CLI), or a
// switchyard checkpoint (NX-API, whose timer is the agent's).
func (d *simDevice) pending() bool {
	switch {
	case d.nc != nil:
		return d.nc.ConfirmedCommitPending()
	case d.gn != nil:
		return d.gn.CommitPending()
	case d.nx != nil:
		return slices.ContainsFunc(d.nx.Checkpoints(), func(n string) bool { return strings.HasPrefix(n, nxos.CheckpointPrefix) })
	case d.cl != nil:
		_, ok := d.cl.RollbackPending()
		return ok
	}
	return false
}

// dropAfter lets the next n RPCs (requests, CLI lines) run and closes the
// connection that carries the one after, unprocessed.
func (d *simDevice) dropAfter(n int) {
	switch {
	case d.nc != nil:
		d.nc.Knobs().DropConnectionAfter(n)
	case d.gn != nil:
		d.gn.Knobs().DropConnectionAfter(n)
	case d.nx != nil:
		d.nx.Knobs().DropAfter(n)
	case d.cl != nil:
		d.cl.Knobs().DropConnectionAfter(n)
	}
}

// loseReplyAfter lets the next n RPCs run and then processes the one after
// but closes its connection instead of answering: the device did it, the
// client cannot know.
func (d *simDevice) loseReplyAfter(n int) {
	switch {
	case d.nc != nil:
		d.nc.Knobs().LoseReplyAfter(n)
	case d.gn != nil:
		d.gn.Knobs().LoseReplyAfter(n)
	case d.nx != nil:
		d.nx.Knobs().LoseReplyAfter(n)
	case d.cl != nil:
		d.cl.Knobs().LoseReplyAfter(n)
	}
}

// setLatency delays every RPC by lat.
func (d *simDevice) setLatency(lat time.Duration) {
	switch {
	case d.nc != nil:
		d.nc.Knobs().SetLatency(lat)
	case d.gn != nil:
		d.gn.Knobs().SetLatency(lat)
	case d.nx != nil:
		d.nx.Knobs().SetLatency(lat)
	case d.cl != nil:
		d.cl.Knobs().SetLatency(lat)
	}
}

// failCommit makes the next commit fail on the device, changing nothing:
// NETCONF commit, gNMI Set, CLI configure replace. NX-API has no commit:
// the push of the second interface's description is refused there, after
// the lines before it were applied.
func (d *simDevice) failCommit(msg string) {
	switch {
	case d.nc != nil:
		d.nc.Knobs().FailNextCommit(msg)
	case d.gn != nil:
		d.gn.Knobs().FailNextSet(msg)
	case d.nx != nil:
		d.nx.Knobs().RejectCommand("description spare", msg)
	case d.cl != nil:
		d.cl.Knobs().FailNextReplace(msg)
	}
}

// bareInterfaces returns an empty interface section for every interface of
// a rendered CLI configuration except skip, as simfleet seeds them.
func bareInterfaces(cli, skip string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(cli, "\n") {
		name, ok := strings.CutPrefix(line, "interface ")
		if !ok || name == skip || strings.HasPrefix(strings.ToLower(name), "port-channel") {
			continue
		}
		b.WriteString("interface " + name + "\n!\n")
	}
	return b.String()
}

// iosFactory is a classic IOS switch out of the box with the configuration
// archive that configure replace ... time N needs (as simfleet's).
const iosFactory = `version 15.2
no service pad
!
hostname Switch
!
username admin privilege 15 secret 5 $1$abcd$0123456789abcdefghijkl
username cisco privilege 15 secret 5 $1$efgh$0123456789abcdefghijkl
no aaa new-model
!
ip domain-name factory.local
ip ssh version 2
ip scp server enable
!
archive
 path flash:archive
 maximum 14
!
vlan 99
 name OLD
!
`

// resetKnobs turns every knob off.
func (d *simDevice) resetKnobs() {
	switch {
	case d.nc != nil:
		d.nc.Knobs().Reset()
	case d.gn != nil:
		d.gn.Knobs().Reset()
	case d.nx != nil:
		d.nx.Knobs().Reset()
	case d.cl != nil:
		d.cl.Knobs().Reset()
	}
}
