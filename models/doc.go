// Package models holds switchyard's vendor-neutral intent: what a device must
// have configured, independent of platform and transport. The inventory
// package builds one Device per device by merging defaults, groups and the
// device's own YAML; providers render a Device into their platform's form.
//
// Field tags: `yaml` names the key in intent files, `key` marks a list whose
// entries merge by the named fields (lists of scalars merge as sets). The
// subpackage openconfig holds the ygot-generated OpenConfig structs.
package models
