// Package identity reads the identity material a run needs to reach
// devices (SSH known_hosts files, private keys, TLS CA bundles, secret
// files) once and shares the parsed result between connections.
//
// A Cache is created per run (one plan, apply or drift command; one
// daemon reconcile pass) and passed down through the transports' configs.
// Entries are keyed by path and revalidated with a stat on every use: a
// file whose modification time or size changed is read and parsed again,
// so an edited known_hosts file takes effect without a restart. A nil
// *Cache reads and parses the file on every call, as the transports did
// before. Shared keeps values derived from what devices send, keyed by
// content (a release's NETCONF hello, parsed once per run). There is no
// package-level state.
package identity
