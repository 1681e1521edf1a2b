// Package ocrender maps vendor-neutral intent (models.Device) to an
// OpenConfig tree (models/openconfig), for the platforms switchyard manages
// through OpenConfig (iosxe, iosxr, nxos). What differs between those
// platforms is data in a Profile that each platform package fills in:
// interface naming, the aggregate interface prefix, network-instance and
// static-protocol names, role names, the features rendered, and a Check
// hook for the platform's own restrictions.
//
// Rendering is pure (no I/O, no environment), deterministic, and does not
// modify its input. Intent that the platform cannot express is an
// *providers.UnsupportedError naming the feature, the platform and the
// intent path (for example "vlans[0]" or "users[1].ssh_keys"); every such
// problem is reported (joined), none is dropped. The finished tree is
// checked with ygot validation; a failure is an error naming the device.
//
// Mapping decisions:
//
//   - Interface names are normalised against the profile's interface kinds:
//     a known alias ("Gi", "Te", "Po", "BE"), the full name in any case, or
//     any unambiguous prefix of at least two letters, followed by the
//     number ("Gi1/0/1" is GigabitEthernet1/0/1 on IOS-XE). References
//     (VLAN members, the NTP source interface) are normalised the same way.
//     A name of no known kind, or a subinterface ("Gi0/0/0/0.100"), is
//     unsupported: switchyard does not guess a type or an encapsulation.
//     Two intent names for the same interface are an error.
//   - The interface type comes from its kind (ethernetCsmacd,
//     ieee8023adLag, softwareLoopback, l3ipvlan for VLAN interfaces).
//     enabled is set only when the intent sets it: the admin state of an
//     interface is not managed unless declared.
//   - ipv4 goes to subinterface 0, or to routed-vlan for a VLAN interface
//     (whose VLAN id comes from its name). The first address is the
//     primary; further addresses are typed SECONDARY.
//   - A switchport becomes ethernet/switched-vlan, or
//     aggregation/switched-vlan on an aggregate. Trunk ranges are "N..M",
//     single ids numbers. VLAN membership adds to it: an access member gets
//     interface-mode ACCESS and access-vlan; a trunk member gets the VLAN
//     added to trunk-vlans unless already allowed. A trunk without
//     allowed_vlans carries every VLAN and is left alone: adding one id
//     would prune all the others. Switchport intent on a channel-group
//     member, or VLAN membership of one, is unsupported (OpenConfig puts
//     it on the aggregate).
//   - channel_group sets the member's aggregate-id and creates the
//     aggregate interface unless the intent declares it: lag-type STATIC
//     for mode on, LACP (with /lacp lacp-mode ACTIVE or PASSIVE) otherwise.
//     OpenConfig has one LACP mode per aggregate, so members that disagree
//     are unsupported.
//   - NTP is enabled when servers are declared; prefer is always set.
//     OpenConfig (this revision) has no NTP source-interface, only a
//     per-server source-address: the source interface's first intent ipv4
//     address is used, and an interface with none is unsupported.
//   - Syslog hosts get one selector: facility ALL at the intent severity
//     (informational by default).
//   - Users: network-admin is SYSTEM_ROLE_ADMIN, other roles go through the
//     profile's role map. There is no privilege leaf: privilege 15 with
//     network-admin, 1 with other roles, and 0 (unset) with any are
//     accepted as implied by the role; other combinations are unsupported.
//     One SSH key fits the single ssh-key leaf; more are unsupported.
//   - Secrets (user passwords, server keys) never enter the tree: each is a
//     providers.SecretBinding from a gNMI path (config/password,
//     .../tacacs|radius/config/secret-key) to the reference. A TACACS+
//     port is tacacs/port, a RADIUS port radius/auth-port. A native.yang
//     leaf whose value is a secret reference is bound the same way, at
//     its module-qualified native path (see nativeSecrets).
//   - VLANs live in the default network-instance with status ACTIVE.
//   - Static routes go under protocol STATIC (named by the profile) of the
//     default instance, or of an L3VRF instance named after the VRF. A next
//     hop is keyed by its address; distance becomes preference.
//   - ACLs are ACL_IPV4 acl-sets, entries keyed by sequence number. permit
//     is ACCEPT, deny DROP, log is LOG_SYSLOG; protocol ip sets no protocol
//     match; "any" sets no address match; a host is a /32. Ports "N" are
//     numbers, "N-M" is "N..M". A remark-only entry has no OpenConfig form
//     (an entry needs an action): its text becomes the description of the
//     next entry with an action (joined with "; " to that entry's own
//     remark), and its own sequence number is not kept. A trailing remark
//     is unsupported.
//   - ACL bindings are /acl/interfaces/interface[id=NAME] with
//     interface-ref interface NAME (no subinterface) and an ingress or
//     egress acl-set.
//   - Network object-groups are ipv4-prefix-sets: hosts as /32, prefixes,
//     and the contents of nested groups, flattened and de-duplicated. The
//     nesting itself does not exist in OpenConfig and is not preserved.
//   - Service object-groups are port-sets. A port-set has no protocol, so a
//     group must be all tcp or all udp, each service with ports; anything
//     else is unsupported.
package ocrender
