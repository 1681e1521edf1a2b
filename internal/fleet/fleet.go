// Package fleet turns a resolved inventory into the units the rollout acts
// on: it renders each device through its provider and binds it to its
// transport target and credentials. The CLI and the daemon both build their
// runs with it, so neither has logic the other lacks.
package fleet

import (
	"fmt"
	"github.com/switchyard/switchyard/internal/identity"
	"log/slog"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

// Options say how devices are reached.
type Options struct {
	// KnownHostsFile verifies SSH host keys (required unless Insecure).
	KnownHostsFile string
	// CAFile verifies the TLS certificates of devices (gNMI, NX-API) whose
	// inventory entry names no ca_file of its own.
	CAFile string
	// Insecure turns host key and certificate verification off.
	Insecure bool
	// Timeout bounds each protocol operation.
	Timeout time.Duration
	// Secrets reads credential references; the zero value reads the
	// environment and files.
	Secrets credentials.Source
	// Identity is the run's cache of identity files (known_hosts, keys,
	// CA bundles, secret files), shared by every unit; nil reads them for
	// every connection. When set and Secrets.ReadFile is nil, secret files
	// are read through it too.
	Identity *identity.Cache
	Logger   *slog.Logger
}

// Failure is a device that could not be turned into a unit (it cannot be
// rendered, its platform has no driver for its transport, or its
// credentials cannot be read).
type Failure struct {
	Device string
	Err    error
}

// Units builds a unit per device. Devices that fail are returned
// separately, so one bad device does not hide the rest.
func Units(inv *inventory.Inventory, devices []*inventory.Device, reg *providers.Registry, opts Options) ([]rollout.Unit, []Failure) {
	var (
		units []rollout.Unit
		fails []Failure
	)
	if opts.Identity != nil && opts.Secrets.ReadFile == nil {
		opts.Secrets.ReadFile = opts.Identity.ReadFile
	}
	creds := credCache{}
	for _, d := range devices {
		u, err := unit(inv, d, reg, opts, creds)
		if err != nil {
			fails = append(fails, Failure{Device: d.Name, Err: err})
			continue
		}
		units = append(units, u)
	}
	return units, fails
}

// credCache holds the credentials resolved so far in one Units call, by
// credential set name: each set is resolved once per run.
type credCache map[string]credResult

type credResult struct {
	c   *credentials.Resolved
	err error
}

func (cc credCache) resolve(inv *inventory.Inventory, name string, src credentials.Source) (*credentials.Resolved, error) {
	if r, ok := cc[name]; ok {
		return r.c, r.err
	}
	spec := inv.Credential(name)
	if spec == nil {
		return nil, fmt.Errorf("credentials %q are not declared", name)
	}
	c, err := src.Resolve(spec)
	cc[name] = credResult{c, err}
	return c, err
}

func unit(inv *inventory.Inventory, d *inventory.Device, reg *providers.Registry, opts Options, creds credCache) (rollout.Unit, error) {
	p, err := reg.Get(d.Platform)
	if err != nil {
		return rollout.Unit{}, err
	}
	drv, ok := p.(rollout.Driver)
	if !ok {
		return rollout.Unit{}, &providers.UnsupportedError{Feature: "device management", Platform: d.Platform, Reason: "the driver can render but not yet connect"}
	}
	desired, err := p.Render(d.Intent)
	if err != nil {
		return rollout.Unit{}, fmt.Errorf("render: %w", err)
	}
	t := providers.Target{Name: d.Name, Platform: d.Platform, Transport: d.Transport, Address: d.Address,
		KnownHostsFile: opts.KnownHostsFile, InsecureIgnoreHostKey: opts.Insecure, Timeout: opts.Timeout, CAFile: d.CAFile, Secrets: opts.Secrets,
		Profile: d.Profile(), Identity: opts.Identity, AllowWithoutDeviceTimer: d.AllowsWithoutDeviceTimer()}
	if t.CAFile == "" {
		t.CAFile = opts.CAFile
	}
	if opts.Logger != nil {
		t.Logger = opts.Logger.With("device", d.Name, "platform", d.Platform)
	}
	if d.Credentials != "" {
		c, err := creds.resolve(inv, d.Credentials, opts.Secrets)
		if err != nil {
			return rollout.Unit{}, err
		}
		t.Username, t.Password, t.EnablePassword, t.PrivateKeyFile = c.Username, c.Password, c.EnablePassword, c.PrivateKeyFile
	}
	if err := CheckLockout(d, t.Username); err != nil {
		return rollout.Unit{}, err
	}
	return rollout.Unit{Name: d.Name, Target: t, Desired: desired, Driver: drv, Confirm: providers.Mechanism(p.Capabilities(), d.Transport, d.Profile())}, nil
}
