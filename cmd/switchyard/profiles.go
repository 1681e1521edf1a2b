package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/profiles/profilegen"
	"github.com/switchyard/switchyard/providers"
)

func newProfilesCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "profiles",
		Short: "List the platform release profiles: shipped ones and the intent repository's own",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			reg, err := newRegistry()
			if err != nil {
				return err
			}
			dir, cleanup, err := g.checkout(cmd.Context())
			if err != nil {
				return err
			}
			defer cleanup()
			set, err := profiles.Load(dir)
			if err != nil {
				return err
			}
			rows := profileRows(set, reg)
			switch format {
			case "json":
				enc := json.NewEncoder(g.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			case "table":
				return profilesTable(g.stdout, rows)
			}
			return fmt.Errorf("unknown --format %q (want table or json)", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	cmd.AddCommand(newProfilesImportCmd(g))
	return cmd
}

// profileRow is one line of `switchyard profiles` (and its JSON form).
type profileRow struct {
	Platform    string   `json:"platform"`
	Release     string   `json:"release"`
	Hardware    string   `json:"hardware,omitempty"`
	Source      string   `json:"source"`
	Origin      string   `json:"origin"`
	Transports  []string `json:"transports"`
	Rollback    string   `json:"rollback"`
	Modules     int      `json:"modules"`
	Unsupported int      `json:"unsupported_paths"`
}

func profileRows(set *profiles.Set, reg *providers.Registry) []profileRow {
	var rows []profileRow
	for _, p := range set.List() {
		r := profileRow{Platform: p.Platform, Release: p.Release, Hardware: p.Hardware, Source: p.Source,
			Origin: p.Origin, Rollback: p.Rollback.NETCONF, Modules: len(p.Modules), Unsupported: len(p.Unsupported)}
		if prov, err := reg.Get(p.Platform); err == nil {
			r.Transports = prov.Capabilities().Transports
		}
		rows = append(rows, r)
	}
	return rows
}

func profilesTable(out io.Writer, rows []profileRow) error {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PLATFORM\tRELEASE\tHARDWARE\tTRANSPORTS\tNETCONF ROLLBACK\tMODULES\tUNSUPPORTED PATHS\tSOURCE")
	for _, r := range rows {
		src := r.Source
		if r.Origin != "shipped" {
			src += " (" + r.Origin + ")"
		} else {
			src += " (shipped)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", r.Platform, r.Release, r.Hardware,
			strings.Join(r.Transports, ", "), r.Rollback, r.Modules, r.Unsupported, src)
	}
	return tw.Flush()
}

func newProfilesImportCmd(g *globals) *cobra.Command {
	var o profilegen.Options
	cmd := &cobra.Command{
		Use:   "import YANG_DIR",
		Short: "Derive a release profile from a YangModels-style folder into the intent repository's profiles/",
		Long: "Reads the hello (capability*.xml, capabilities*.xml or netconf-capabilities.xml), the\n" +
			"OpenConfig modules it advertises and their deviation modules, the platform's native modules\n" +
			"switchyard routes to (IOS-XE native, IOS-XR unified models; NX-OS: the OpenConfig modules\n" +
			"switchyard has no structs for), and writes the facts only (no YANG file is copied) to\n" +
			"REPO/profiles/PLATFORM-RELEASE.json.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if fi, err := os.Stat(g.repo); err != nil || !fi.IsDir() {
				return fmt.Errorf("profiles import: --repo must be a local intent repository folder, not %q", g.repo)
			}
			reg, err := newRegistry()
			if err != nil {
				return err
			}
			if _, err := reg.Get(o.Platform); err != nil {
				return fmt.Errorf("profiles import: %w", err)
			}
			o.Dir = args[0]
			// The same facts as a shipped profile of the platform: its
			// native schema (IOS-XE, IOS-XR), its unvendored OpenConfig
			// modules (NX-OS).
			p, err := profilegen.Generate(profilegen.Defaults(o))
			if err != nil {
				return err
			}
			data, err := p.Marshal()
			if err != nil {
				return err
			}
			dir := filepath.Join(g.repo, profiles.Dir)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			file := filepath.Join(dir, profilegen.FileName(p))
			if err := os.WriteFile(file, append(data, '\n'), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "%s: %s %s from %s: %d modules, %d unsupported paths, NETCONF rollback %s\n",
				file, p.Platform, p.Release, p.Source, len(p.Modules), len(p.Unsupported), p.Rollback.NETCONF)
			for _, w := range p.Warnings {
				fmt.Fprintln(g.stderr, "warning:", w)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&o.Platform, "platform", "", "platform of the release (iosxe, iosxr, nxos)")
	cmd.Flags().StringVar(&o.Release, "release", "", `release as Cisco writes it ("17.18.1", "10.6(3)")`)
	cmd.Flags().StringVar(&o.Hello, "hello", "", "hello file in YANG_DIR when it has several (capability-cat9k.xml)")
	cmd.Flags().StringVar(&o.Source, "source", "", "where YANG_DIR comes from, recorded in the profile")
	cmd.Flags().StringSliceVar(&o.ExtraCapabilities, "capability", nil, "protocol capability the published hello leaves out (recorded as supplied)")
	_ = cmd.MarkFlagRequired("platform")
	_ = cmd.MarkFlagRequired("release")
	return cmd
}
