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
// Every change of running is recorded with who made it (the session's SSH
// user, session-id and source address) and when (changelog.go). A device
// whose hello advertises RFC 5277 :notification:1.0 answers
// create-subscription on the NETCONF stream (startTime replays the
// recorded changes, then replayComplete; stopTime ends with
// notificationComplete; Config.NoReplay refuses replay), and, where it also
// advertises ietf-netconf-notifications (IOS-XE 17.18.1), sends each change
// as an RFC 6470 netconf-config-change (changed-by, datastore, edit target
// and operation) to its subscribers (notify.go). A device advertising
// Cisco-IOS-XR-config-cfgmgr-exec-oper (IOS-XR 26.2.1) serves its commit
// list as that module's cfg-hist-gl in <get>. Config.Users adds accounts,
// so that tests change a device as someone else than switchyard.
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
