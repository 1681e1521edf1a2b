package diff

import (
	"fmt"

	"github.com/switchyard/switchyard/models/openconfig"
)

// HashedSuffix ends the name of the OpenConfig leaf that holds the stored
// form of a secret leaf ("password" → "password-hashed", "secret-key" →
// "secret-key-hashed").
const HashedSuffix = "-hashed"

// StoredForms returns, for each secret leaf path in paths, the form
// running shows for it: the value of its -hashed sibling where running
// has one, else the leaf's own value (a device that shows the secret
// encrypted in place). Paths running shows nothing for are left out.
func StoredForms(running *openconfig.Device, paths []string) (map[string]string, error) {
	if running == nil || len(paths) == 0 {
		return nil, nil
	}
	li, err := leavesOf(running)
	if err != nil {
		return nil, fmt.Errorf("running tree: %w", err)
	}
	out := map[string]string{}
	for _, p := range paths {
		for _, at := range []string{p + HashedSuffix, p} {
			if v, ok := li.m[at]; ok {
				out[p] = fmt.Sprint(v)
				break
			}
		}
	}
	return out, nil
}
