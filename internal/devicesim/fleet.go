package devicesim

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
)

// Fleet is a set of simulated devices with distinct names, each on its own
// port. It is safe for concurrent use.
type Fleet struct {
	log *slog.Logger

	mu      sync.Mutex
	closed  bool
	devices map[string]*Device
}

// NewFleet returns an empty Fleet. logger is the default logger of devices
// whose Config has none; nil discards.
func NewFleet(logger *slog.Logger) *Fleet {
	return &Fleet{log: logger, devices: map[string]*Device{}}
}

// Start starts a device from cfg and adds it to the fleet. Names must be
// unique; after Close it returns ErrClosed.
func (f *Fleet) Start(ctx context.Context, cfg Config) (*Device, error) {
	if cfg.Logger == nil {
		cfg.Logger = f.log
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil, ErrClosed
	}
	if _, dup := f.devices[cfg.Name]; dup {
		return nil, fmt.Errorf("fleet: duplicate device name %q", cfg.Name)
	}
	d, err := Start(ctx, cfg)
	if err != nil {
		return nil, err
	}
	f.devices[cfg.Name] = d
	return d, nil
}

// Device returns the device called name, or nil.
func (f *Fleet) Device(name string) *Device {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.devices[name]
}

// Devices returns the devices sorted by name.
func (f *Fleet) Devices() []*Device {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]*Device, 0, len(f.devices))
	for _, d := range f.devices {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *Device) int { return strings.Compare(a.Name(), b.Name()) })
	return out
}

// WriteKnownHosts writes a known_hosts file for every device of the fleet.
func (f *Fleet) WriteKnownHosts(path string) error {
	return WriteKnownHosts(path, f.Devices()...)
}

// Close closes every device and waits for them; it returns their errors joined.
func (f *Fleet) Close() error {
	f.mu.Lock()
	f.closed = true
	devs := f.devices
	f.devices = map[string]*Device{}
	f.mu.Unlock()
	var errs []error
	for _, d := range devs {
		if err := d.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close %s: %w", d.Name(), err))
		}
	}
	return errors.Join(errs...)
}
