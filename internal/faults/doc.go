// Package faults is the fault-injection suite: it proves that a rollout
// never leaves a device half-configured. It has no production code; its
// tests drive rollout.Apply against one simulated device per transport
// (NETCONF, gNMI, NX-API, SSH CLI) while a knob of the simulator, armed at
// a lifecycle step, breaks the device or the connection there, and SIGKILL
// a subprocess running the rollout at each step and restart it.
//
// After every case the device's running configuration must be the full old
// configuration or the full new one, never a mixture, and a restarted run
// (daemon-style: resolve the recorded in-flight commit, then apply) must
// leave it in the new configuration with at most one push and nothing
// pending. docs/reliability.md records the matrix and its results.
//
// `make test` runs the fast subset; `make test-faults` runs the full
// matrix (build tag faults): the slow-device cases and every SIGKILL step.
package faults
