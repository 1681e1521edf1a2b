// Package daemon is `switchyard serve`: the GitOps agent. It follows a Git
// ref (internal/gitsource), and for each revision that loads and validates
// (and passes the signed-commit gate) it converges the fleet with the same
// pipeline as the CLI: fleet.Units, rollout.Observe, fleet.Plan and
// rollout.Apply. Around that pipeline it adds:
//
//   - policy: maintenance windows (cron + duration) outside which changes
//     are held, a per-group drift policy (report or remediate), batches, a
//     canary and a failure budget, and health checks that gate the confirm;
//   - schedules: polling, drift checks (interval or cron) and dry-run
//     reports a lead time before each window, all driven by an injectable
//     Clock;
//   - state: confirmed commits in flight are recorded (internal/state)
//     before they are confirmed and resolved after a restart; drift events,
//     results and the audit log;
//   - an HTTP API (status, reports, sync, webhook), Prometheus metrics and
//     structured logs.
//
// Everything that touches devices runs on one goroutine (the loop), so
// there is one writer per device; the HTTP handlers only read a status
// snapshot or post a sync request.
package daemon
