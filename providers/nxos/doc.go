// Package nxos is the platform driver for Cisco NX-OS (Nexus switches),
// managed through OpenConfig over NETCONF, gNMI or NX-API.
//
// The shared mapping is in providers/internal/ocrender; this package holds
// what is particular to NX-OS's OpenConfig implementation:
//
//   - Interfaces: Ethernet (Eth, E) and mgmt are ethernetCsmacd;
//     port-channel (Po) is the aggregate (channel-group N is
//     port-channelN, lower case as NX-OS spells it); loopback (Lo) is
//     softwareLoopback; Vlan is an SVI (l3ipvlan).
//   - The default network-instance is "default"; static routes live under
//     protocol[identifier=STATIC][name=DEFAULT], the name Cisco's other
//     OpenConfig implementations use (not verified on NX-OS hardware).
//   - NX-OS has a message-of-the-day banner but no login banner: a login
//     banner in the intent is unsupported rather than silently turned into
//     the MOTD.
//   - Roles: network-admin is SYSTEM_ROLE_ADMIN; network-operator and
//     read-only both map to NX-OS's built-in read-only role
//     network-operator. NX-OS has no per-user privilege level.
//   - Confirmed commits: NETCONF confirmed-commit, the gNMI commit-confirmed
//     extension, or over NX-API a checkpoint with an agent-side timer.
package nxos
