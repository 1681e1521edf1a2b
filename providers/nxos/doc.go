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
//
// # CLI rendering (NX-API)
//
// Render also writes Desired.CLI, the intent as NX-OS show running-config
// prints it (two spaces per mode level), so that the NX-API path diffs
// like with like. It runs after the OpenConfig rendering accepted the
// intent, so both transports refuse the same intent; the CLI adds one
// refusal: an outbound ACL on a switch port (NX-OS port ACLs are inbound
// only). Conventions:
//
//   - feature lines for what needs them (interface-vlan for SVIs, lacp for
//     LACP channel groups, tacacs+ for TACACS+ groups), then hostname,
//     usernames, ip domain-name, one ip name-server line, server hosts and
//     aaa group server blocks, banner motd (delimiter # unless the text
//     has it), object-groups, access lists with their sequence numbers,
//     vlan blocks, static routes (default VRF at the top level, others
//     under vrf context NAME), interfaces (Vlan, port-channel, Ethernet,
//     mgmt, loopback; numerically), logging server A LEVEL, ntp server
//     and ntp source-interface.
//   - Interfaces: switch ports get "switchport" and an explicit "switchport
//     mode" (even access, the default) so that the diff manages it; routed
//     Ethernet and port-channels get "no switchport"; mgmt0 always has "vrf
//     member management"; hosts in ACLs and groups print as A/32 and "host
//     A"; ACLs bind with "ip access-group" on routed ports and "ip port
//     access-group" on switch ports; admin state only when declared.
//   - NTP, DNS and syslog servers are rendered without use-vrf: the intent
//     has no VRF for them, so they are reached through the default VRF.
//   - Secrets are placeholders (Placeholder) with bindings whose paths start
//     with "cli:" ("cli:username[NAME]/password",
//     "cli:tacacs-server[ADDR]/key", "cli:snmp-server community[NAME]",
//     "cli:snmp-server user[NAME]/auth|priv"); the OpenConfig bindings are
//     kept too.
//   - Daily-work areas: SNMP (communities with "group network-operator|
//     network-admin" and "use-acl" lines, users with localized keys, trap
//     hosts), "spanning-tree vlan LIST priority N" (rapid-pvst, the
//     default, prints no mode line), "vrf context NAME" with description,
//     rd and routes, "vrf member" on interfaces, "line console|vty" with
//     exec-timeout and access-class (no transport or login: refused),
//     "logging logfile messages LEVEL size N" for the buffer, "logging
//     console", "logging source-interface", "aaa authentication login
//     default|console", speed, duplex, voice VLAN, IPv6, "ip dhcp relay
//     address" (with "feature dhcp"), "spanning-tree port type edge
//     [trunk]" and "bpduguard enable". Settings whose declared value may
//     be the NX-OS default (not printed) are listed in Desired.CLIManaged
//     so that the diff removes a running non-default line. The OpenConfig
//     rendering records what it cannot carry in Desired.NoRoute: the gate
//     refuses it for NETCONF/gNMI devices, the NX-API route carries it.
//
// # NX-API sessions
//
// Connect dispatches "nxapi" to an NX-API session (internal/transport/nxapi)
// and every other transport to the embedded ocdriver.Driver. Diff compares
// CLI text when running.CLI is set (an NX-API session) and OpenConfig trees
// otherwise. The CLI diff (internal/cliconf) masks secrets on both sides
// (MaskedSecret), so a user whose password is set is not rewritten each
// run (and a changed secret value is not detected). Its scope: inside
// declared interfaces only the settings switchyard renders (description,
// switchport*, mtu, channel-group, vrf member, ip address, ip
// access-group, shutdown, and speed, duplex, ipv6 address, ip dhcp relay
// address, spanning-tree when declared); vlan names; whole access lists and
// object-groups; group servers and VRF routes only when authoritative; at
// the top level the kinds the intent owns (users: username, vlans: vlan
// except reserved VLANs, ntp.servers, dns.servers, syslog.hosts,
// static_routes, acls, object_groups, aaa.server_groups, snmp.communities,
// snmp.users, snmp.hosts); SNMP communities, shown in clear by NX-OS and
// the key of their lines, are aligned with the desired placeholders (the
// rest of the line must match) and redacted in changes; authoritative
// VLAN and channel-group membership also strips the membership from
// interfaces the intent does not declare. Changes have paths made of the
// mode lines joined with PathSeparator ("interface Ethernet1/10 >
// switchport mode"); a new section is one create whose After is the block.
//
// Begin re-reads the running configuration and refuses to push when it no
// longer gives the planned changes (ErrChanged). It resolves every secret
// placeholder first, through the driver's credentials.Source (environment
// and files by default; WithSecretSource), and fails naming the binding if
// one is missing, before touching the device; secret-bearing lines are
// never logged. It then deletes the oldest switchyard-* checkpoints while
// the device holds 10 (others' checkpoints are never deleted), creates
// checkpoint switchyard-TIME-RAND, and pushes the commands in one NX-API
// request. A refused command rolls back to the checkpoint and deletes it
// before Begin returns. The Txn (Kind ConfirmCheckpoint, ID the checkpoint)
// has Deadline now+confirmTimeout: the device has no timer, so the
// deadline is the agent's. The rollout cancels on verification failure
// itself; a process that dies first leaves the Txn in the state store
// (state.SetInFlight), and the agent that resumes must Cancel every
// checkpoint Txn whose deadline has passed. Confirm refuses an expired Txn
// (ErrExpired) for the same reason, and otherwise deletes the checkpoint;
// Cancel runs "rollback running-config checkpoint NAME atomic" and deletes
// it. Both work from any session.
//
// TLS is verified: against the target's CAFile (the inventory's ca_file)
// or WithCA's PEM when given, else the system roots; Target.InsecureIgnoreHostKey
// turns verification off, loudly.
package nxos
