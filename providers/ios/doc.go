// Package ios is the provider for classic Cisco IOS (12.x and 15.x
// Catalyst switches), reached over SSH CLI only and made safe with
// "configure replace ... time N".
//
// Render turns intent into running-configuration text (Desired.CLI) in the
// order and form that show running-config prints, so that a hierarchical
// diff against the device compares like with like. The conventions it
// follows, which the diff and apply steps rely on:
//
//   - Lines appear as IOS prints them, with its defaults left out: privilege
//     1, "logging trap informational", access and native VLAN 1, a trunk
//     allowing every VLAN, a VLAN name equal to its default "VLAN0010". A
//     line starting "no " (only "no shutdown" today) means "this command
//     must be absent"; IOS never prints it.
//   - Top-level order: hostname, logging buffered/console, usernames, aaa
//     new-model, server groups and login method lists, ip domain-name and
//     name servers, ip vrf, ssh public keys, object-groups, spanning-tree,
//     VLANs, interfaces, static routes, access lists, logging
//     source-interface and hosts, snmp-server, TACACS+/RADIUS servers,
//     banners, lines (con 0, vty 0 4, vty 5 15), NTP, "end". Each block is
//     followed by "!", and "!" separates sections. The diff should match
//     top-level blocks by their first line, not by position.
//   - "ip domain-name" (the spelling 12.2 to 15.2 switches print), not the
//     15.4+ router spelling "ip domain name".
//   - Named extended ACLs print without sequence numbers and with "deny"
//     padded to the width of "permit", as show running-config does (the
//     sequence numbers exist only in show ip access-lists, and classic IOS
//     rejects a sequence number on a remark). Entries are in intent
//     sequence order; a remark comes before the entry it belongs to. Port
//     numbers IOS knows by name are printed by name (80 as www).
//   - Secondary addresses are printed before the primary one, as IOS does.
//   - Secrets: Render never sees secret values. Where one belongs it writes
//     Placeholder(ref), "{{secret env:NAME}}", and records a
//     providers.SecretBinding whose Path is stable ("username[netops]/secret",
//     "tacacs-server[NAME]/key", "radius-server[NAME]/key"). The apply step
//     substitutes the value at push time and never shows it; the device
//     then prints its own encrypted form ("secret 5 ...", "key 7 ..."), so
//     the diff compares these lines by binding, not by text.
//   - IOS has one "logging trap" level for all hosts: when hosts ask for
//     different severities the most verbose one is used, so a host may
//     receive more than it asked for, never less.
//   - VLANs are rendered as "vlan N" blocks, which IOS keeps in the
//     running configuration only in VTP transparent (or off) mode.
//   - TACACS+ and RADIUS servers are named GROUP-ADDRESS; a RADIUS port P
//     is "auth-port P acct-port P+1" (default 1645/1646).
//   - A user's role is expressed by its privilege level: the privilege when
//     set, otherwise 15 for network-admin and 1 for the other roles.
//   - Daily-work areas: "logging buffered [SIZE] [LEVEL]" is one line;
//     defaults IOS does not print render nothing (exec-timeout 10 0, speed
//     and duplex auto, the debugging levels); an SNMP community is a secret
//     whose placeholder is the key of its line ("snmp-server
//     community[NAME]"), used again by the trap hosts that name it;
//     "spanning-tree vlan LIST priority N" groups the VLANs of one
//     priority and is owned whole when priorities are declared
//     (Desired.CLIManaged); VRFs are "ip vrf NAME" (VRF-lite) with "ip vrf
//     forwarding" on interfaces.
//
// Intent classic IOS cannot express is an *providers.UnsupportedError:
// SNMPv3 users and version 3 trap hosts (IOS keeps "snmp-server user" out
// of show running-config, so they could be neither diffed nor verified),
// per-interface MTU (switches use "system mtu"), SSH keys other than RSA
// ("ip ssh pubkey-chain" takes ssh-rsa only), outbound ACLs on switch
// ports, renaming reserved VLANs, numbered ACL names, interface types a
// classic switch does not have.
//
// Interfaces are listed by type (Loopback, Tunnel, Port-channel, Ethernet,
// FastEthernet, GigabitEthernet, TenGigabitEthernet, Vlan), then
// numerically; names are accepted abbreviated (Gi1/0/1) and printed in
// full. A channel group without its own interface gets an empty
// "interface Port-channelN" block.
//
// # Managing a device
//
// Connect logs in over SSH (internal/transport/cli, scrapligo with the
// known_hosts file verified) and enters privileged exec with the target's
// enable password. Observe reads show running-config.
//
// Diff parses both sides with internal/cliconf and diffs them
// hierarchically: minimal commands in their parent context, IOS's "no"
// forms, access lists without sequence numbers compared in order (any
// difference rewrites the list). Scope: every line inside a section the
// intent declares is managed; at the top level, only the lists marked
// authoritative lose entries the intent does not list (users: "username",
// vlans: "vlan" but never reserved VLANs, ntp.servers, dns.servers,
// syslog.hosts, static_routes, acls, object_groups, aaa.server_groups:
// "aaa group server", "tacacs server", "radius server");
// "vlans[N].members" and "port_channels[N].members" remove "switchport
// access vlan N" and "channel-group N" from interfaces the intent does not
// declare (trunk allowed lists are not pruned). Lines with a secret
// placeholder match the device's line when everything but the secret
// matches ("secret 5 $1$...", "key 7 ..."): there is no perpetual diff, and
// a changed secret value is not detected (rotate a secret by changing the
// reference). A "no X" the intent renders (such as "no shutdown") is
// satisfied when X is absent, as IOS does not print those negations.
// Change paths join the section lines with " > "; credential values in
// paths, Before and After are redacted.
//
// Begin (default, replace mode) builds the full intended configuration:
// the running hierarchy with the delta applied, so everything outside the
// scope is kept; substitutes the secret values (read with
// credentials.Source at push time, never logged or put in errors), uploads
// it over SCP to flash:switchyard.cfg ("ip scp server enable" is needed)
// and runs "configure replace flash:switchyard.cfg force time N". N is the
// confirm timeout rounded up to whole minutes, since IOS's timer counts
// minutes (1 to 120). IOS needs "archive" with a "path" for the timer:
// without it Begin returns ErrArchiveNotConfigured before touching the
// device. Confirm sends "configure confirm" (from any session), then
// "write memory" and deletes the staged file; Cancel sends "configure
// revert now". If switchyard dies in between, the device reverts itself
// when the timer expires.
//
// With WithMerge, Begin saves running to flash:switchyard-before.cfg and
// sends the delta line by line in configuration mode; on the first refused
// line it restores the saved copy with configure replace. A merged change
// has no device-side timer (Txn.Deadline is zero): it is final once pushed.
package ios
