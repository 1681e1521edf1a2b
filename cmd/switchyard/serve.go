package main

import (
	"fmt"
	"log/slog"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/daemon"
)

func newServeCmd(g *globals) *cobra.Command {
	var (
		config   string
		logLevel string
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the GitOps daemon: follow a Git ref, reconcile, detect drift, serve the API",
		Long: "serve follows the repository named in --config, pushes each new valid revision under the rollout\n" +
			"policy and maintenance windows, checks devices for drift on a schedule, and serves /healthz, /readyz,\n" +
			"/metrics and /api/v1 (see docs/daemon.md). SIGTERM stops it after device changes in flight finish.\n" +
			"An invalid configuration is refused with file:line:col diagnostics.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, ds := daemon.LoadConfig(config)
			for _, d := range ds {
				fmt.Fprintln(g.stderr, d.String())
			}
			if ds.HasErrors() {
				return &exitError{code: exitFailure}
			}
			reg, err := newRegistry()
			if err != nil {
				return err
			}
			log := g.daemonLogger(logLevel)
			d, err := daemon.New(cmd.Context(), cfg, daemon.Options{Registry: reg, Logger: log})
			if err != nil {
				return err
			}
			return d.Run(cmd.Context())
		},
	}
	cmd.Flags().StringVar(&config, "config", "switchyard.yaml", "daemon configuration file")
	cmd.Flags().StringVar(&logLevel, "log-level", "info", "log level: debug, info, warn or error")
	return cmd
}

// daemonLogger logs to stderr at level (text on a terminal, JSON
// otherwise); --verbose means debug.
func (g *globals) daemonLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	if g.verbose {
		l = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: l}
	if isTerminal(g.stderr) {
		return slog.New(slog.NewTextHandler(g.stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(g.stderr, opts))
}
