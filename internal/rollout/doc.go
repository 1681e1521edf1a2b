// Package rollout runs the pipeline's device-facing steps across a fleet:
// observe and diff every device (a plan), and push changes with the
// confirmed-commit lifecycle (apply): lock, edit, commit confirmed, verify
// over a new session, confirm — or cancel, and let the device's own timer
// revert if switchyard dies.
//
// It knows the fleet (concurrency, canary, failure budget) and the commit
// lifecycle, not any protocol: devices are reached through the providers
// package's Connector and Differ.
package rollout
