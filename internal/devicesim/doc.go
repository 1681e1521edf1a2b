// Package devicesim simulates Cisco devices for tests, benchmarks and
// `switchyard sim`: each simulated Device listens on its own 127.0.0.1 port
// and speaks NETCONF (RFC 6241) over real SSH (RFC 6242), so production
// clients (scrapligo, ncclient) talk to it as they would to a router.
//
// A Device keeps a running and, in the default ProfileCandidate, a candidate
// datastore, each a generic XML tree (package xmltree). The NETCONF server
// implements hello and capability exchange with end-of-message (base:1.0) and
// chunked (base:1.1) framing, get, get-config with subtree filters,
// edit-config with every operation, error-option and test-option,
// copy-config, lock and unlock, commit with confirmed commit (RFC 6241 §8.4,
// including persist, persist-id and cancel-commit), discard-changes,
// validate, close-session and kill-session. A device whose release
// advertises IOS-XE's cisco-ia module also answers its checkpoint, rollback
// (target-url, revert-timer 1..120 minutes) and revert rpcs: the timed
// rollback of a release without confirmed commit (ciscoia.go).
//
// The data model is pluggable through Schema: it names the keys of list
// entries (so edits merge into the right entry) and validates a whole
// candidate before commit. DefaultSchema knows the OpenConfig lists the tests
// use; internal/ocxml provides the real one.
//
// Tests steer a device with Knobs (latency, failing the next commit, rejecting
// a path, dropping the connection, a rollback timer that restores nothing)
// and drive confirmed-commit and revert timers with a ManualClock instead of
// sleeping; a ScaledClock runs them faster than real time for demos. Everything a Device owns stops on Close.
package devicesim
