//go:build faults

package faults

// fullMatrix selects the slow cases and every SIGKILL step (build tag
// faults, make test-faults).
const fullMatrix = true
