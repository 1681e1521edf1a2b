// Package cliconf parses Cisco-style configuration text (classic IOS,
// IOS-XE, NX-OS `show running-config`) into a hierarchy of lines, diffs two
// hierarchies into the configuration-mode commands that turn running into
// desired, and simulates those commands (Apply) so that the idempotency of a
// diff can be proved: Diff(Apply(running, Diff(running, desired)), desired)
// is empty.
//
// # Hierarchy
//
// Parse nests a line under the nearest preceding line with less
// indentation. Separators, comments, mode exits and show-command headers
// are dropped; a multi-line banner is one Node. Config.String prints the
// hierarchy back with one space per level.
//
// # Commands
//
// Diff returns commands as they would be pasted in configuration mode:
// leading spaces are the mode depth, a section's own line enters its mode
// and an `exit` at the sub-mode's depth leaves it. Sections whose content
// is unchanged are not entered. Within a mode, removals come first (running
// order), then additions and changes (desired order).
//
// Lines are matched by exact text first, then by key:
//
//   - single-valued settings (hostname, description, ip address but not
//     secondary, mtu, switchport mode/access vlan/trunk native vlan/trunk
//     allowed vlan, logging trap, ntp source, ip domain name, ... and the
//     per-neighbor BGP attributes) are changed by sending the new value only;
//   - toggles (shutdown, switchport, ip redirects, cdp enable, ...) and their
//     `no` forms replace each other: running `no shutdown` with desired
//     `shutdown` gives `shutdown`, never `no no shutdown`;
//   - route-map entries are keyed by name and sequence, so a changed action
//     (`deny 20` to `permit 20`) is entered in place; banners by kind;
//     `ip access-group`/`access-class` by direction;
//   - access-list entries with sequence numbers are keyed by number; a
//     changed entry is removed with `no <seq>` and re-added (IOS refuses a
//     duplicate number); prefix-list `seq` entries likewise;
//   - an access list whose entries have no sequence numbers is an ordered
//     list: any difference rewrites it with `no ip access-list ... NAME`
//     followed by the full desired list. Applied to an interface, the list
//     is briefly absent; give sequence numbers to avoid that;
//   - the NX-OS VLAN list line (`vlan 1,10,20-30`) is a set: `vlan <added>`
//     and, in scope, `no vlan <removed>`.
//
// A removed line gets `no <line>`, except `no <seq>` in access lists,
// `no username NAME`, `no banner KIND`, `no snmp-server community NAME`,
// `no enable secret` and `no ip prefix-list NAME seq N`. A running line that
// itself starts with `no ` is never removed implicitly: reverting it needs
// the platform default, which this package does not know.
//
// # Scope
//
// Options.Managed decides, for each running line absent from desired,
// whether it is removed. The default (DefaultManaged) removes lines inside
// sections desired declares (an interface desired lists is managed in
// full) and leaves every top-level line alone. Authoritative(prefixes...)
// adds top-level kinds that desired owns completely, e.g.
// Authoritative("username", "vlan", "ntp server"). Sections desired does
// not declare are never entered.
//
// # Known limits
//
// Keys are a fixed table, not a per-platform grammar. `switchport trunk
// allowed vlan add ...` continuation lines are plain lines. A changed
// `vrf forwarding` is sent as the new value; IOS then drops the interface
// addresses, which are not re-sent when they did not change. Standard ACLs
// whose entries IOS re-orders in show output are rewritten each time.
package cliconf
