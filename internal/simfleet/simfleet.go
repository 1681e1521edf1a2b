// Package simfleet brings up simulated devices (internal/devicesim) for an
// inventory: one NETCONF server per device at its declared 127.0.0.1
// address, with its platform's profile, seeded with a plausible factory
// configuration so that a first plan has work to do. It is what
// `switchyard sim`, the end-to-end tests and the fleet benchmark use.
package simfleet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/inventory"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// Options tune the simulated fleet.
type Options struct {
	// Username and Password every simulated device accepts.
	Username, Password string
	// EnablePassword is the enable password of CLI devices (default:
	// Password).
	EnablePassword string
	// WritableRunning names devices simulated without a candidate
	// datastore (an IOS-XE without candidate support).
	WritableRunning []string
	// AnyPort starts devices on free ports instead of their declared ones
	// (tests); Fleet.Address reports where each one is.
	AnyPort bool
	// Users are further accounts (name to password) every simulated device
	// accepts besides Username, so that a test can change a device as
	// someone else than switchyard.
	Users map[string]string
	// Clock drives confirmed-commit timers; nil is the real clock.
	Clock  devicesim.Clock
	Logger *slog.Logger
}

// Fleet is a running simulated fleet. The embedded devicesim.Fleet holds
// the NETCONF devices; the others are kept by transport.
type Fleet struct {
	*devicesim.Fleet
	others []other
	// Skipped lists devices not simulated, with why.
	Skipped map[string]string
}

// other is a simulated device of a transport other than NETCONF.
type other struct {
	name, platform, transport string
	sim                       interface {
		Addr() string
		Close() error
	}
}

// Device is what every simulated device reports, whatever its transport.
type Device struct {
	Name, Platform, Transport, Addr, Detail string
}

// All returns every simulated device, NETCONF ones included, sorted by name.
func (f *Fleet) All() []Device {
	var out []Device
	for _, d := range f.Fleet.Devices() {
		out = append(out, Device{Name: d.Name(), Platform: d.Platform(), Transport: "netconf", Addr: d.Addr(), Detail: d.Profile().String()})
	}
	for _, o := range f.others {
		out = append(out, Device{Name: o.name, Platform: o.platform, Transport: o.transport, Addr: o.sim.Addr()})
	}
	slices.SortFunc(out, func(a, b Device) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Addr returns where the device called name listens, or "".
func (f *Fleet) Addr(name string) string {
	for _, d := range f.All() {
		if d.Name == name {
			return d.Addr
		}
	}
	return ""
}

// Close stops every simulated device.
func (f *Fleet) Close() error {
	errs := []error{f.Fleet.Close()}
	for _, o := range f.others {
		errs = append(errs, o.sim.Close())
	}
	return errors.Join(errs...)
}

// Start brings up a NETCONF simulator for every device of inv that is
// managed over NETCONF. reg renders each device's intent, from which the
// factory configuration is derived (the same interfaces, factory values).
func Start(ctx context.Context, inv *inventory.Inventory, reg *providers.Registry, opts Options) (*Fleet, error) {
	schema, err := ocxml.NewSchema()
	if err != nil {
		return nil, err
	}
	f := &Fleet{Fleet: devicesim.NewFleet(opts.Logger), Skipped: map[string]string{}}
	for _, d := range inv.Devices {
		if err := f.startOne(ctx, d, reg, schema, opts); err != nil {
			return nil, errors.Join(err, f.Close())
		}
	}
	return f, nil
}

func (f *Fleet) startOne(ctx context.Context, d *inventory.Device, reg *providers.Registry, schema *ocxml.Schema, opts Options) error {
	p, err := reg.Get(d.Platform)
	if err != nil {
		return err
	}
	desired, err := p.Render(d.Intent)
	if err != nil {
		return fmt.Errorf("simulate %s: %w", d.Name, err)
	}
	addr := d.Address
	if opts.AnyPort {
		addr = "127.0.0.1:0"
	} else if host, _, _ := net.SplitHostPort(addr); host != "127.0.0.1" {
		return fmt.Errorf("simulate %s: address %s is not on 127.0.0.1; simulated devices listen on loopback only", d.Name, addr)
	}
	switch d.Transport {
	case "netconf":
		return f.startNETCONF(ctx, d, desired, addr, schema, opts)
	case "gnmi":
		return f.startGNMI(ctx, d, desired, addr, opts)
	case "nxapi":
		return f.startNXAPI(ctx, d, desired, addr, opts)
	case "cli":
		return f.startCLI(ctx, d, desired, addr, opts)
	}
	f.Skipped[d.Name] = "transport " + d.Transport + " has no simulator"
	return nil
}

func (f *Fleet) startNETCONF(ctx context.Context, d *inventory.Device, desired *providers.Desired, addr string, schema *ocxml.Schema, opts Options) error {
	elems, err := ocxml.Marshal(Factory(desired.Tree, d.Platform))
	if err != nil {
		return fmt.Errorf("simulate %s: factory configuration: %w", d.Name, err)
	}
	profile := devicesim.ProfileCandidate
	if slices.Contains(opts.WritableRunning, d.Name) {
		profile = devicesim.ProfileWritableRunning
	}
	_, err = f.Fleet.Start(ctx, devicesim.Config{
		Name: d.Name, Platform: d.Platform, Profile: profile, Addr: addr,
		Username: opts.Username, Password: opts.Password, Users: opts.Users,
		Running:      &xmltree.Element{Children: elems},
		Capabilities: moduleCapabilities(), Schema: schema, Clock: opts.Clock, Release: d.Profile(),
	})
	if err != nil {
		return fmt.Errorf("simulate %s at %s: %w", d.Name, addr, err)
	}
	return nil
}

// moduleCapabilities advertises the OpenConfig modules the simulator serves.
func moduleCapabilities() []string {
	var caps []string
	for _, m := range []string{"openconfig-interfaces", "openconfig-if-ethernet", "openconfig-if-ip", "openconfig-if-aggregate",
		"openconfig-vlan", "openconfig-system", "openconfig-network-instance", "openconfig-acl", "openconfig-defined-sets", "openconfig-lacp"} {
		caps = append(caps, oc.YANGModules[m].Namespace+"?module="+m)
	}
	return caps
}
