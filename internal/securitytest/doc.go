// Package securitytest holds the end-to-end tests of switchyard's security
// defaults (docs/security.md): secrets never leave the process in any
// output, file or HTTP response; device identities (SSH host keys, TLS
// certificates) are verified by default; webhooks must be signed; state and
// saved plans are private to their owner; tampered plans are refused; and
// intent content cannot steer file access outside the repository.
//
// The tests drive the real switchyard binary (built once per test run from
// ./cmd/switchyard) against the simulated campus (internal/simfleet: NETCONF,
// gNMI, NX-API and SSH CLI devices on 127.0.0.1), and the daemon
// in-process. Running the binary as a subprocess captures everything it
// writes, including output that bypasses the command's writers. The package
// has no non-test code.
package securitytest
