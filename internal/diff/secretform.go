package diff

import (
	"fmt"

	"github.com/openconfig/goyang/pkg/yang"

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

// NativeStoredForms is StoredForms for the native secret leaves among
// paths (see Route): the value running (a module-qualified tree, root its
// schema) shows at each, which for a device that keeps a secret encrypted
// in place (an IOS-XR password leaf) is its stored form. Paths running
// lacks, and paths not native, are left out.
func NativeStoredForms(root *yang.Entry, running map[string]any, paths []string) map[string]string {
	if root == nil || len(running) == 0 {
		return nil
	}
	var li *leafIndex
	out := map[string]string{}
	for _, p := range paths {
		if Route(p) != RouteNative {
			continue
		}
		if li == nil {
			li = nativeLeaves(root, running)
		}
		if v, ok := li.m[p]; ok {
			out[p] = fmt.Sprint(v)
		}
	}
	return out
}
