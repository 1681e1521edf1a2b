package devicesim

import (
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// IOS-XR's password types (Cisco-IOS-XR-types Proprietary-password, the
// type of every encryption-default leaf of the unified models, such as an
// SNMPv3 user's keys) take either "!CLEAR" or a stored form: the device
// encrypts a clear-text value and keeps and shows only the encrypted one
// (Cisco's reversible type 7 form, as `show running-config snmp-server`
// prints after "encrypted"); a value without "!" is already encrypted
// and kept as it is.

// xrUMNamespace starts the namespaces of IOS-XR's unified models.
const xrUMNamespace = "http://cisco.com/ns/yang/Cisco-IOS-XR-um-"

// xrPasswordLeaf is the local name of the unified models' leaves of type
// Proprietary-password.
const xrPasswordLeaf = "encryption-default"

// XRPassword returns the form IOS-XR stores for value of a
// Proprietary-password leaf: "!CLEAR" becomes its type 7 encryption, a
// stored form stays as it is.
func XRPassword(value string) string {
	if clear, ok := strings.CutPrefix(value, "!"); ok {
		return Type7(clear)
	}
	return value
}

// storeXRPasswords rewrites, in place, the IOS-XR password leaves of an
// edited NETCONF configuration to their stored form.
func storeXRPasswords(e *xmltree.Element) {
	for _, c := range e.Children {
		if c.Name.Local == xrPasswordLeaf && c.IsLeaf() && strings.HasPrefix(c.Name.Space, xrUMNamespace) {
			c.Text = XRPassword(c.Text)
			continue
		}
		storeXRPasswords(c)
	}
}

// StoreXRPasswords rewrites, in place, the IOS-XR password leaves of a
// native RFC 7951 tree (module-qualified top-level members, as the gNMI
// simulator keeps it) to their stored form.
func StoreXRPasswords(tree map[string]any) {
	for k, v := range tree {
		if strings.HasPrefix(k, "Cisco-IOS-XR-um-") {
			storeXRPasswordsJSON(v)
		}
	}
}

func storeXRPasswordsJSON(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			_, local, ok := strings.Cut(k, ":")
			if !ok {
				local = k
			}
			if s, isString := c.(string); isString && local == xrPasswordLeaf {
				x[k] = XRPassword(s)
				continue
			}
			storeXRPasswordsJSON(c)
		}
	case []any:
		for _, c := range x {
			storeXRPasswordsJSON(c)
		}
	}
}
