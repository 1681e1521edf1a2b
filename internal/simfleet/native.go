package simfleet

import (
	"fmt"

	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
)

// RunningNative returns a copy of the native subtrees (module-qualified
// RFC 7951) of the simulated gNMI target called name, which Running does
// not show; a NETCONF device's Running holds its native subtrees already.
func (f *Fleet) RunningNative(name string) (map[string]any, error) {
	for _, o := range f.others {
		if t, ok := o.sim.(*gnmisim.Target); ok && o.name == name {
			return t.RunningNative(), nil
		}
	}
	return nil, fmt.Errorf("no simulated gNMI target %s", name)
}
