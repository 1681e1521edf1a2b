// Package diff computes the structured delta between a device's desired
// and running OpenConfig trees, restricted to what switchyard manages.
//
// The rule is: switchyard sets what the intent declares and leaves
// everything else alone, except lists (and leaf-lists and leaf values) that
// the intent declares authoritative, given as a Scope. Compute produces a
// Delta of leaf-level changes with RFC 7951 JSON values and gNMI path
// strings, sorted deterministically; Apply is the reference semantics of a
// Delta on a tree, used by tests and by the device simulator.
//
// A hierarchical-text diff for CLI platforms is not implemented yet.
package diff
