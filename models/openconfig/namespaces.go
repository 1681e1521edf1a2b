package openconfig

// This file is maintained by hand (it is not written by the generator).
// TestYANGModulesComplete fails when a regenerated oc.go uses a module that
// is missing here.

// YANGModule is the XML namespace and the module's own prefix, as declared by
// the module's namespace and prefix statements.
type YANGModule struct {
	Namespace string
	Prefix    string
}

// YANGModules maps the name of every YANG module that appears in this
// package (in the generated structs' `module` tags and in the
// DefiningModule of ΛEnum entries, i.e. identity values) to its namespace
// and prefix. The embedded SchemaTree does not carry namespaces
// (yang.Entry.Namespace() returns an empty value for it), so XML/NETCONF
// encoders should look namespaces up here.
var YANGModules = map[string]YANGModule{
	"iana-if-type":                      {Namespace: "urn:ietf:params:xml:ns:yang:iana-if-type", Prefix: "ianaift"},
	"openconfig-aaa":                    {Namespace: "http://openconfig.net/yang/aaa", Prefix: "oc-aaa"},
	"openconfig-aaa-types":              {Namespace: "http://openconfig.net/yang/aaa/types", Prefix: "oc-aaa-types"},
	"openconfig-acl":                    {Namespace: "http://openconfig.net/yang/acl", Prefix: "oc-acl"},
	"openconfig-defined-sets":           {Namespace: "http://openconfig.net/yang/defined-sets", Prefix: "oc-sets"},
	"openconfig-icmpv4-types":           {Namespace: "http://openconfig.net/yang/openconfig-icmpv4-types", Prefix: "oc-icmpv4-types"},
	"openconfig-icmpv6-types":           {Namespace: "http://openconfig.net/yang/openconfig-icmpv6-types", Prefix: "oc-icmpv6-types"},
	"openconfig-if-aggregate":           {Namespace: "http://openconfig.net/yang/interfaces/aggregate", Prefix: "oc-lag"},
	"openconfig-if-ethernet":            {Namespace: "http://openconfig.net/yang/interfaces/ethernet", Prefix: "oc-eth"},
	"openconfig-if-ip":                  {Namespace: "http://openconfig.net/yang/interfaces/ip", Prefix: "oc-ip"},
	"openconfig-interfaces":             {Namespace: "http://openconfig.net/yang/interfaces", Prefix: "oc-if"},
	"openconfig-lacp":                   {Namespace: "http://openconfig.net/yang/lacp", Prefix: "oc-lacp"},
	"openconfig-local-routing":          {Namespace: "http://openconfig.net/yang/local-routing", Prefix: "oc-loc-rt"},
	"openconfig-network-instance":       {Namespace: "http://openconfig.net/yang/network-instance", Prefix: "oc-netinst"},
	"openconfig-network-instance-types": {Namespace: "http://openconfig.net/yang/network-instance-types", Prefix: "oc-ni-types"},
	"openconfig-packet-match-types":     {Namespace: "http://openconfig.net/yang/packet-match-types", Prefix: "oc-pkt-match-types"},
	"openconfig-policy-types":           {Namespace: "http://openconfig.net/yang/policy-types", Prefix: "oc-pol-types"},
	"openconfig-system":                 {Namespace: "http://openconfig.net/yang/system", Prefix: "oc-sys"},
	"openconfig-system-logging":         {Namespace: "http://openconfig.net/yang/system/logging", Prefix: "oc-log"},
	"openconfig-types":                  {Namespace: "http://openconfig.net/yang/openconfig-types", Prefix: "oc-types"},
	"openconfig-vlan":                   {Namespace: "http://openconfig.net/yang/vlan", Prefix: "oc-vlan"},
	"openconfig-vlan-types":             {Namespace: "http://openconfig.net/yang/vlan-types", Prefix: "oc-vlan-types"},
}
