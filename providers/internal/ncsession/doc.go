// Package ncsession is the NETCONF management session shared by the
// OpenConfig platform drivers (iosxe, iosxr, nxos): it reads the OpenConfig
// subtrees switchyard manages, turns a delta into an edit-config with
// explicit per-node operations, and runs the confirmed-commit lifecycle
// (lock, edit candidate, validate, commit confirmed with persist, confirm or
// cancel by persist-id from any session). On a device without a candidate
// datastore it edits running with rollback-on-error; such a change has no
// device-side rollback timer, and the Txn says so (zero Deadline).
package ncsession
