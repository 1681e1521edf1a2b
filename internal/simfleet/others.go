package simfleet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/switchyard/switchyard/internal/devicesim/clisim"
	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

func (f *Fleet) startGNMI(ctx context.Context, d *inventory.Device, desired *providers.Desired, addr string, opts Options) error {
	t, err := gnmisim.Start(ctx, gnmisim.Config{Name: d.Name, Username: opts.Username, Password: opts.Password, Users: opts.Users, Addr: addr,
		Running: Factory(desired.Tree, d.Platform), Clock: opts.Clock, Logger: opts.Logger, Release: d.Profile()})
	if err != nil {
		return fmt.Errorf("simulate %s at %s: %w", d.Name, addr, err)
	}
	f.others = append(f.others, other{name: d.Name, platform: d.Platform, transport: "gnmi", sim: t})
	return nil
}

func (f *Fleet) startNXAPI(ctx context.Context, d *inventory.Device, desired *providers.Desired, addr string, opts Options) error {
	running := nxapisim.DefaultRunning + bareInterfaces(desired.CLI, "mgmt0")
	n, err := nxapisim.Start(ctx, nxapisim.Config{Name: d.Name, Username: opts.Username, Password: opts.Password, Users: opts.Users, Addr: addr,
		Running: running, Clock: opts.Clock, Logger: opts.Logger})
	if err != nil {
		return fmt.Errorf("simulate %s at %s: %w", d.Name, addr, err)
	}
	f.others = append(f.others, other{name: d.Name, platform: d.Platform, transport: "nxapi", sim: n})
	return nil
}

func (f *Fleet) startCLI(ctx context.Context, d *inventory.Device, desired *providers.Desired, addr string, opts Options) error {
	enable := opts.EnablePassword
	if enable == "" {
		enable = opts.Password
	}
	c, err := clisim.Start(ctx, clisim.Config{Name: d.Name, Username: opts.Username, Password: opts.Password, Users: opts.Users, EnablePassword: enable,
		Addr: addr, Running: iosFactory + bareInterfaces(desired.CLI, "") + "end\n", Clock: opts.Clock, Logger: opts.Logger})
	if err != nil {
		return fmt.Errorf("simulate %s at %s: %w", d.Name, addr, err)
	}
	f.others = append(f.others, other{name: d.Name, platform: d.Platform, transport: "cli", sim: c})
	return nil
}

// bareInterfaces returns an empty interface section for every interface of
// a rendered CLI configuration except skip (which the factory text has).
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

// iosFactory is a classic IOS access switch out of the box, with SSH, SCP
// and the configuration archive that `configure replace ... time N` needs.
const iosFactory = `version 15.2
no service pad
service password-encryption
!
hostname Switch
!
enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
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
 log config
  logging enable
 path flash:archive
 maximum 14
!
vlan 99
 name OLD
!
`

// WriteKnownHosts writes the SSH host keys of every SSH-based simulated
// device (NETCONF and CLI) to path, atomically.
func (f *Fleet) WriteKnownHosts(path string) error {
	var clis []*clisim.Device
	for _, o := range f.others {
		if c, ok := o.sim.(*clisim.Device); ok {
			clis = append(clis, c)
		}
	}
	var b bytes.Buffer
	for _, d := range f.Fleet.Devices() {
		b.WriteString(d.KnownHostsLine() + "\n")
	}
	for _, c := range clis {
		b.WriteString(c.KnownHostsLine() + "\n")
	}
	return writeAtomic(path, b.Bytes())
}

// WriteCABundle writes the CA certificates of every TLS-based simulated
// device (gNMI, NX-API) to path, for switchyard --ca-file.
func (f *Fleet) WriteCABundle(path string) error {
	var b bytes.Buffer
	for _, o := range f.others {
		if t, ok := o.sim.(interface{ CAPEM() []byte }); ok {
			b.Write(t.CAPEM())
		}
	}
	return writeAtomic(path, b.Bytes())
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".simfleet-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err = errors.Join(err, tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
