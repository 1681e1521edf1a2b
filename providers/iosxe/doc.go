// Package iosxe is the platform driver for Cisco IOS-XE (Catalyst 9000
// switches, ISR/ASR/Catalyst 8000 routers), managed through OpenConfig over
// NETCONF or gNMI.
//
// The shared mapping is in providers/internal/ocrender; this package holds
// what is particular to IOS-XE's OpenConfig implementation:
//
//   - Interfaces: GigabitEthernet (Gi), TenGigabitEthernet (Te),
//     FastEthernet (Fa), TwoGigabitEthernet (Tw), FiveGigabitEthernet (Fi),
//     TwentyFiveGigE (Twe), FortyGigabitEthernet (Fo), HundredGigE (Hu),
//     AppGigabitEthernet (Ap) are ethernetCsmacd; Port-channel (Po) is the
//     aggregate (channel-group N is Port-channelN); Loopback (Lo) is
//     softwareLoopback; Vlan (Vl) is an SVI (l3ipvlan).
//   - The default network-instance is "default" and static routes live
//     under protocol[identifier=STATIC][name=DEFAULT], as IOS-XE's
//     OpenConfig implementation names them.
//   - Roles: network-admin is SYSTEM_ROLE_ADMIN (privilege 15); the other
//     intent roles pass through by name, and IOS-XE gives such users
//     privilege 1.
//   - Every intent feature is rendered.
package iosxe
