// Package ocxml converts between the ygot OpenConfig GoStructs of
// models/openconfig (the fake root openconfig.Device) and NETCONF XML held
// as xmltree elements.
//
// The codec is driven by the generated structs and the embedded YANG schema:
// every struct field's `path` tag is expanded into XML elements (so the
// compressed path "config/mtu" becomes <config><mtu/></config> and
// "interfaces/interface" becomes <interfaces><interface/>...</interfaces>),
// and the `module` tag names the YANG module that defines each element, whose
// namespace (openconfig.YANGModules) the element is written in. Augmented
// nodes therefore carry their own module's namespace: <ethernet> under an
// interface is in openconfig-if-ethernet's namespace, <switched-vlan> in
// openconfig-vlan's, <ipv4> under a subinterface in openconfig-if-ip's.
//
// Marshal writes the top-level data nodes (<interfaces>, <system>,
// <network-instances>, <acl>, <defined-sets>, <lacp>) as a slice, without a
// NETCONF <data> or <config> wrapper, so callers can put them under whichever
// element the RPC needs. Output is canonical: keyed lists are sorted by key
// (ordered-by-user lists keep their order), list keys come first in key
// statement order (RFC 7950 §7.8.5), other children follow sorted by local
// name, values are in canonical form, and identityref values are written as
// prefix:IDENTITY with the prefix declared on the leaf. Equal devices give
// equal bytes under xmltree.Marshal.
//
// Unmarshal reads the same shape. It accepts any prefix for an identityref
// value whose xmlns declaration is kept on the element or an ancestor (as
// attributes named {xmlns}prefix; xmltree.Parse drops them), the defining
// module's own prefix or name, and bare identity names; a prefix that is
// neither declared nor known is ignored. An enumeration value may carry such
// a prefix too (oc-vlan-types:TRUNK), as some devices send it. Only the
// config subtree is read: <state> containers next to <config> are skipped,
// and attributes (such as nc:operation) are ignored. Unknown elements, wrong
// namespaces and malformed values are errors of type *Error naming the XML
// path.
//
// Schema adapts the codec to the device simulator: it names the keys of
// every OpenConfig list and validates a datastore with the ygot validators.
//
// All functions and Schema methods are safe for concurrent use.
package ocxml
