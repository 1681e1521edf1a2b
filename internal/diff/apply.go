package diff

import (
	"encoding/json"
	"fmt"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/ygot/ygot"
	"github.com/openconfig/ygot/ytypes"

	"github.com/switchyard/switchyard/models/openconfig"
)

// Apply returns a copy of running with d's changes applied in order: a
// Create or Update sets the leaf at Path to After (creating missing list
// entries and containers), a Delete removes the leaf, leaf-list or list
// entry at Path. running and d are not modified; a nil running is an empty
// device and a nil d changes nothing. Apply is the reference semantics of a
// Delta: Compute(desired, Apply(running, Compute(desired, running, s)), s)
// is empty. The result is not validated.
func Apply(running *openconfig.Device, d *Delta) (*openconfig.Device, error) {
	out := &openconfig.Device{}
	if running != nil {
		c, err := ygot.DeepCopy(running)
		if err != nil {
			return nil, fmt.Errorf("copy running tree: %w", err)
		}
		out = c.(*openconfig.Device)
	}
	if d == nil {
		return out, nil
	}
	for _, c := range d.Changes {
		if err := applyChange(out, c); err != nil {
			return nil, fmt.Errorf("apply %s %s: %w", c.Op, c.Path, err)
		}
	}
	return out, nil
}

func applyChange(root *openconfig.Device, c Change) error {
	p, err := parsePath(c.Path)
	if err != nil {
		return err
	}
	sch := openconfig.SchemaTree["Device"]
	switch c.Op {
	case Delete:
		return ytypes.DeleteNode(sch, root, p.gnmiPath())
	case Create, Update:
		if c.After == nil {
			return fmt.Errorf("no value")
		}
		js, err := json.Marshal(c.After)
		if err != nil {
			return fmt.Errorf("encode value: %w", err)
		}
		val := &gpb.TypedValue{Value: &gpb.TypedValue_JsonIetfVal{JsonIetfVal: js}}
		return ytypes.SetNode(sch, root, p.gnmiPath(), val, &ytypes.InitMissingElements{})
	}
	return fmt.Errorf("unknown op %q", c.Op)
}
