package providers

import (
	"encoding/json"
	"fmt"
	"maps"

	"github.com/openconfig/ygot/ygot"
)

// JSON returns the OpenConfig tree of d, with its native subtrees, as RFC
// 7951 JSON with module-qualified top-level names, indented, the form gNMI
// and RESTCONF use.
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
	if len(d.Native) == 0 {
		return js, nil
	}
	var all map[string]any
	if err := json.Unmarshal([]byte(js), &all); err != nil {
		return "", fmt.Errorf("device %s: merge native subtrees: %w", d.Device, err)
	}
	maps.Copy(all, d.Native)
	b, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return "", fmt.Errorf("device %s: encode native subtrees: %w", d.Device, err)
	}
	return string(b), nil
}
