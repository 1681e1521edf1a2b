package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

func newRenderCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "render DEVICE",
		Short: "Print the desired configuration of one device, without contacting it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := g.load(cmd.Context())
			if err != nil {
				return err
			}
			d := l.inv.Device(args[0])
			if d == nil {
				return fmt.Errorf("no device %q in %s", args[0], g.repo)
			}
			desired, err := renderDevice(l.reg, d)
			if err != nil {
				return fmt.Errorf("device %s: %w", d.Name, err)
			}
			return writeDesired(g, desired, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json (OpenConfig RFC 7951) or cli (native text)")
	return cmd
}

// renderDevice renders one device through its platform's provider.
func renderDevice(reg *providers.Registry, d *inventory.Device) (*providers.Desired, error) {
	p, err := reg.Get(d.Platform)
	if err != nil {
		return nil, err
	}
	return p.Render(d.Intent)
}

func writeDesired(g *globals, d *providers.Desired, format string) error {
	switch format {
	case "json":
		if d.Tree == nil {
			return fmt.Errorf("device %s: platform %s has no OpenConfig form; use --format cli", d.Device, d.Platform)
		}
		js, err := providers.JSON(d)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(g.stdout, js)
		return err
	case "cli":
		if d.CLI == "" {
			return fmt.Errorf("device %s: platform %s renders no native CLI; use --format json", d.Device, d.Platform)
		}
		_, err := fmt.Fprint(g.stdout, d.CLI)
		return err
	default:
		return fmt.Errorf("unknown --format %q (want json or cli)", format)
	}
}
