// Package iosxr is the platform driver for Cisco IOS-XR routers, managed
// through OpenConfig over NETCONF or gNMI.
//
// The shared mapping is in providers/internal/ocrender; this package holds
// what is particular to IOS-XR's OpenConfig implementation:
//
//   - Interfaces: GigabitEthernet (Gi), TenGigE (Te), TwentyFiveGigE (TF),
//     FortyGigE (Fo), HundredGigE (Hu), FourHundredGigE (FH) and MgmtEth
//     are ethernetCsmacd; Bundle-Ether (BE) is the aggregate
//     (channel-group N is Bundle-EtherN); Loopback (Lo) is
//     softwareLoopback.
//   - VLANs, VLAN membership and switchports are unsupported: XR routers do
//     layer 2 through l2vpn bridge domains (with BVI interfaces), which
//     switchyard does not model. Vlan interfaces do not exist either.
//   - The default network-instance is "default"; static routes live under
//     protocol[identifier=STATIC][name=DEFAULT], as IOS-XR names them.
//   - Roles: network-admin is SYSTEM_ROLE_ADMIN; network-operator and
//     read-only both map to the built-in usergroup "operator", the least
//     privileged one XR ships.
package iosxr
