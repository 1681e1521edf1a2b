// Package fleet turns a resolved inventory into the units the rollout acts
// on: it renders each device through its provider and binds it to its
// transport target and credentials. The CLI and the daemon both build their
// runs with it, so neither has logic the other lacks.
package fleet

import (
	"fmt"
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
	Logger  *slog.Logger
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
	for _, d := range devices {
		u, err := unit(inv, d, reg, opts)
		if err != nil {
			fails = append(fails, Failure{Device: d.Name, Err: err})
			continue
		}
		units = append(units, u)
	}
	return units, fails
}

func unit(inv *inventory.Inventory, d *inventory.Device, reg *providers.Registry, opts Options) (rollout.Unit, error) {
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
		Profile: d.Profile(), AllowWithoutDeviceTimer: d.AllowsWithoutDeviceTimer()}
	if t.CAFile == "" {
		t.CAFile = opts.CAFile
	}
	if opts.Logger != nil {
		t.Logger = opts.Logger.With("device", d.Name, "platform", d.Platform)
	}
	if d.Credentials != "" {
		spec := inv.Credential(d.Credentials)
		if spec == nil {
			return rollout.Unit{}, fmt.Errorf("credentials %q are not declared", d.Credentials)
		}
		c, err := opts.Secrets.Resolve(spec)
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
