package openconfig

// This file is written by hand; go generate does not touch it.

import (
	"fmt"
	"reflect"

	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ytypes"
)

// ValidateStructure checks every node of d against its YANG schema (types,
// ranges, patterns, list keys, mandatory leaves) without the whole-tree
// leafref pass that Device.Validate runs from the root. That pass resolves
// every leafref by walking the tree and costs about 100 ms for a 48-port
// switch; ValidateStructure costs well under a millisecond.
//
// Use it where the references are consistent by construction (a renderer
// that creates the aggregate interface for every aggregate-id it sets, and
// whose input was checked for dangling references); use Device.Validate
// where the data comes from outside (a device, a user).
func ValidateStructure(d *Device) error {
	if d == nil {
		return nil
	}
	v := reflect.ValueOf(d).Elem()
	var errs util.Errors
	for i := range v.NumField() {
		f := v.Field(i)
		if f.IsZero() {
			continue
		}
		t := f.Type()
		if t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		schema, ok := SchemaTree[t.Name()]
		if !ok {
			return fmt.Errorf("validate %s: no schema for %s", v.Type().Field(i).Name, t.Name())
		}
		errs = util.AppendErrs(errs, ytypes.Validate(schema, f.Interface()))
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
