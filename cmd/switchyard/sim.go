package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/simfleet"
)

func newSimCmd(g *globals) *cobra.Command {
	var (
		devices      int
		platform     string
		invOut       string
		knownOut     string
		caOut        string
		password     string
		username     string
		writableRuns []string
		otherUsers   []string
		timeScale    float64
	)
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Run simulated devices on 127.0.0.1 (NETCONF, gNMI, NX-API, SSH CLI) until interrupted",
		Long: "sim --repo DIR starts one simulated device per device of the intent repository, speaking its\n" +
			"transport at its declared 127.0.0.1 address, seeded with a factory configuration. sim --devices N --platform P\n" +
			"--inventory-out FILE starts a synthetic fleet and writes an intent repository for it.\n" +
			"Both write the devices' SSH host keys to --known-hosts-out and TLS CAs to --ca-out. The password comes from --password\n" +
			"or $SWITCHYARD_PASSWORD.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if password == "" {
				password = os.Getenv("SWITCHYARD_PASSWORD")
			}
			if password == "" {
				return fmt.Errorf("sim: set --password or $SWITCHYARD_PASSWORD")
			}
			if devices > 0 {
				if invOut == "" {
					return fmt.Errorf("sim --devices needs --inventory-out FILE")
				}
				data, err := simfleet.Synthetic(devices, platform)
				if err != nil {
					return err
				}
				if err := os.MkdirAll(filepath.Dir(invOut), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(invOut, data, 0o644); err != nil {
					return err
				}
				g.repo = filepath.Dir(invOut)
			}
			l, err := g.load(ctx)
			if err != nil {
				return err
			}
			opts := simfleet.Options{Username: username, Password: password, WritableRunning: writableRuns, Logger: g.logger(),
				Users: map[string]string{}}
			for _, u := range otherUsers {
				opts.Users[u] = password
			}
			if timeScale < 1 {
				return fmt.Errorf("sim --time-scale %g: must be at least 1", timeScale)
			}
			if timeScale > 1 {
				opts.Clock = devicesim.NewScaledClock(timeScale)
				fmt.Fprintf(g.stdout, "sim: SIMULATED TIME: device timers run %g times faster than real time (a 1-minute rollback timer fires after %s)\n",
					timeScale, time.Duration(float64(time.Minute)/timeScale).Round(time.Millisecond))
			}
			fleet, err := simfleet.Start(ctx, l.inv, l.reg, opts)
			if err != nil {
				return err
			}
			defer fleet.Close()
			if err := fleet.WriteCABundle(caOut); err != nil {
				return err
			}
			if err := fleet.WriteKnownHosts(knownOut); err != nil {
				return err
			}
			printSim(g, fleet, knownOut, caOut)
			<-ctx.Done()
			fmt.Fprintln(g.stderr, "sim: stopping")
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&devices, "devices", 0, "start a synthetic fleet of N devices instead of the repository's")
	f.StringVar(&platform, "platform", "iosxe", "platform of the synthetic fleet: iosxe, iosxr, nxos, mixed (those three over NETCONF) or all (every platform and transport)")
	f.StringVar(&invOut, "inventory-out", "", "where to write the synthetic fleet's intent file")
	f.StringVar(&knownOut, "known-hosts-out", "sim_known_hosts", "where to write the devices' SSH host keys")
	f.StringVar(&caOut, "ca-out", "sim_ca.pem", "where to write the CA certificates of the TLS devices (gNMI, NX-API), for --ca-file")
	f.StringVar(&password, "password", "", "password the simulated devices accept (default $SWITCHYARD_PASSWORD)")
	f.StringVar(&username, "username", "admin", "user name the simulated devices accept")
	f.StringSliceVar(&writableRuns, "writable-running", nil, "devices to simulate without a candidate datastore")
	f.StringSliceVar(&otherUsers, "other-user", nil, "further user names the simulated devices accept, with the same password: log in as one to change a device by hand, and drift names that user")
	f.Float64Var(&timeScale, "time-scale", 1, "run the devices' rollback timers this many times faster than real time (simulated time, for demos)")
	return cmd
}

func printSim(g *globals, fleet *simfleet.Fleet, knownOut, caOut string) {
	all := fleet.All()
	for _, d := range all {
		detail := ""
		if d.Detail != "" {
			detail = " (" + d.Detail + ")"
		}
		fmt.Fprintf(g.stdout, "sim: %-14s %-6s %-8s %s%s\n", d.Name, d.Platform, d.Transport, d.Addr, detail)
	}
	var skipped []string
	for name, why := range fleet.Skipped {
		skipped = append(skipped, name+": "+why)
	}
	sort.Strings(skipped)
	if len(skipped) > 0 {
		fmt.Fprintf(g.stdout, "sim: not simulated: %s\n", strings.Join(skipped, "; "))
	}
	fmt.Fprintf(g.stdout, "sim: %d devices up; host keys in %s, TLS CAs in %s; Ctrl-C to stop\n", len(all), knownOut, caOut)
}
