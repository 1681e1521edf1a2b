// Package ncsession is the NETCONF management session shared by the
// OpenConfig platform drivers (iosxe, iosxr, nxos): it reads the OpenConfig
// subtrees switchyard manages, turns a delta into an edit-config with
// explicit per-node operations, and pushes it with the rollback mechanism
// the device's hello offers (Session.Mechanism):
//
//   - RFC 6241 confirmed commit (lock, edit candidate, validate, commit
//     confirmed with persist, confirm or cancel by persist-id from any
//     session);
//   - IOS-XE's cisco-ia timed rollback where there is no confirmed commit
//     (checkpoint, rollback to it with a revert-timer, edit running; see
//     ciscoia.go for why that order, and how confirm works without a
//     confirming rpc);
//   - otherwise no device-side timer: running is edited with
//     rollback-on-error only when the target opts in
//     (providers.Target.AllowWithoutDeviceTimer), and the Txn says so (zero
//     Deadline).
package ncsession
