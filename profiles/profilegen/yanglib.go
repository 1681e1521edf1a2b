package profilegen

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"

	"github.com/switchyard/switchyard/profiles"
)

// yangLibrary is an <rpc-reply> holding ietf-yang-library modules-state,
// as Cisco publishes it beside the hellos (yang-set-<hw>.xml).
type yangLibrary struct {
	Modules []struct {
		Name       string   `xml:"name"`
		Revision   string   `xml:"revision"`
		Namespace  string   `xml:"namespace"`
		Features   []string `xml:"feature"`
		Deviations []struct {
			Name string `xml:"name"`
		} `xml:"deviation"`
	} `xml:"data>modules-state>module"`
}

// parseYangLibrary returns the modules of a yang library reply by name.
func parseYangLibrary(data []byte) (map[string]profiles.Module, error) {
	// Cisco's files may start with a line of tool output before the XML.
	if i := bytes.Index(data, []byte("<?xml")); i > 0 {
		data = data[i:]
	}
	var lib yangLibrary
	if err := xml.Unmarshal(data, &lib); err != nil {
		return nil, fmt.Errorf("yang library: %w", err)
	}
	out := make(map[string]profiles.Module, len(lib.Modules))
	for _, m := range lib.Modules {
		pm := profiles.Module{Name: m.Name, Revision: m.Revision, Namespace: m.Namespace}
		for _, d := range m.Deviations {
			pm.Deviations = append(pm.Deviations, d.Name)
		}
		slices.Sort(pm.Deviations)
		if len(m.Features) > 0 {
			pm.Features = slices.Clone(m.Features)
			slices.Sort(pm.Features)
		}
		out[m.Name] = pm
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("yang library: no modules")
	}
	return out, nil
}
