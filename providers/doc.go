// Package providers defines the contract between switchyard's pipeline and
// its platform drivers, and the Registry that holds them.
//
// A provider knows one platform (iosxe, iosxr, nxos, ios): how intent is
// expressed on it and which transports reach it. It knows nothing of Git,
// groups or the fleet. Each platform package exports
// Register(*Registry) error; cmd/switchyard calls them explicitly.
package providers
