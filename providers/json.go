package providers

import (
	"fmt"

	"github.com/openconfig/ygot/ygot"
)

// JSON returns the OpenConfig tree of d as RFC 7951 JSON with module-qualified
// top-level names, indented, the form gNMI and RESTCONF use.
func JSON(d *Desired) (string, error) {
	if d.Tree == nil {
		return "", fmt.Errorf("device %s: no OpenConfig tree", d.Device)
	}
	js, err := ygot.EmitJSON(d.Tree, &ygot.EmitJSONConfig{
		Format:         ygot.RFC7951,
		Indent:         "  ",
		SkipValidation: true, // Render validated the tree already
		RFC7951Config:  &ygot.RFC7951JSONConfig{AppendModuleName: true},
	})
	if err != nil {
		return "", fmt.Errorf("device %s: encode OpenConfig JSON: %w", d.Device, err)
	}
	return js, nil
}
