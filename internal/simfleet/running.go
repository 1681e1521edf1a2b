package simfleet

import (
	"encoding/json"
	"fmt"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/devicesim/clisim"
	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
)

// Running returns the running configuration of the simulated device called
// name as the simulator itself holds it, whatever its transport: the
// NETCONF datastore's XML, the gNMI target's trees as RFC 7951 JSON
// (OpenConfig, then the native subtrees), or the
// CLI text. Tests compare it across runs; it does not go through any
// switchyard driver.
func (f *Fleet) Running(name string) (string, error) {
	if d := f.Fleet.Device(name); d != nil {
		return string(d.Running()), nil
	}
	for _, o := range f.others {
		if o.name != name {
			continue
		}
		switch s := o.sim.(type) {
		case *gnmisim.Target:
			js, err := ygot.EmitJSON(s.Running(), &ygot.EmitJSONConfig{Format: ygot.RFC7951, Indent: " "})
			if err != nil {
				return "", err
			}
			native, err := json.MarshalIndent(s.RunningNative(), "", " ")
			if err != nil {
				return "", err
			}
			return js + "\n" + string(native), nil
		case *nxapisim.Device:
			return s.Running(), nil
		case *clisim.Device:
			return s.Running(), nil
		}
	}
	return "", fmt.Errorf("no simulated device %s", name)
}
