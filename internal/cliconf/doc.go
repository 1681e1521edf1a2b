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
// indentation, except that a line that can never open a mode (a `no`
// form, a toggle, `description`, `mtu`, ...) never becomes a parent, so
// inconsistent indentation does not nest `mtu` under `no shutdown`.
// Separators, comments, mode exits, `end` (at any depth) and show-command
// headers are dropped; a multi-line banner is one Node, and so is a
// `certificate SERIAL` block of a `crypto pki certificate chain` with its
// hex lines and `quit` (opaque: compared, added and removed whole). A
// banner whose delimiter would be a letter or digit (`banner motd
// Authorized access only`) is a single line. A section entered again
// later (`interface Gi1` in two places, `router bgp` from two templates)
// is merged into its first occurrence, as IOS does. Config.String prints
// the hierarchy back with one space per level.
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
//     duplicate number); prefix-list `seq` entries likewise. Numbers
//     alone never cause a change: a desired list without numbers next to
//     a running list that numbers its entries (IOS-XE, NX-OS) keeps the
//     running numbers of the entries it keeps (longest common
//     subsequence) and gives an inserted entry a free number between its
//     neighbours (`15 permit ...`), or, without room, the numbers the
//     device would give (10, 20, ...); a mixed desired list numbers its
//     unnumbered entries as the device appends them (highest so far +
//     10); numbers are ignored when running prints none (classic IOS).
//     Within a numbered list new entries are sent before the removal of
//     the entries that go, so the list is never shorter than both;
//   - classic numbered lists (`access-list N ...`, top level) are ordered
//     lists: entries appended at the end are sent alone; any other change
//     rewrites the list (`no access-list N`, then every entry) between a
//     `no ip access-group N in|out` / `no access-class N in|out` and its
//     restoration in every interface and line that applies the list, so
//     no interface ever filters with a half-written list (an undefined
//     list filters nothing). A single entry is never removed with `no
//     access-list N <entry>`, which deletes the whole list on IOS;
//   - `rd` and `channel-group` are removed before the new value is sent
//     (IOS refuses to change them in place);
//   - `logging buffered [SIZE] [LEVEL]` is one line, as IOS prints it: a
//     line with both replaces the running one; a line with one of them is
//     sent after `no` of the running line, so that the other returns to
//     its default instead of staying;
//   - VRF membership (`ip vrf forwarding`, `vrf forwarding`, `vrf member`)
//     is single-valued; when it is added, changed or removed, the
//     section's desired addresses (`ip address`, `ipv6 address`) are sent
//     again after it, since the device drops them when the VRF changes;
//   - distinct settings that share a prefix keep distinct keys: `ip domain
//     name` and `ip domain name vrf M`, `priority N` and `priority force`,
//     `distribute-list ... in|out [IFACE]` per direction and interface;
//   - user lines: the main line (`username NAME password|secret|privilege
//     ...`) is one setting per user and is replaced, never removed, while
//     desired keeps the user; NX-OS attribute lines (`username NAME sshkey
//     ...`, `passphrase`, `expire`) are removed alone (`no username NAME
//     sshkey`); `no username NAME` is sent only for a user desired drops;
//   - an access list whose entries have no sequence numbers on either
//     side is an ordered list: any difference rewrites it with `no ip
//     access-list ... NAME` followed by the full desired list, detached
//     meanwhile from the interfaces and lines that apply it (`no ip
//     access-group NAME in`, `no access-class NAME in`, re-applied after),
//     so no interface filters with a half-written list;
//   - the NX-OS VLAN list line (`vlan 1,10,20-30`) is a set: `vlan <added>`
//     and, in scope, `no vlan <removed>`.
//
// A removed line gets `no <line>`, except `no <seq>` in access lists,
// `no username NAME [ATTR]`, `no banner KIND`, `no snmp-server community
// NAME`, `no enable secret`, `no access-list N`, `no certificate ...` and
// `no ip prefix-list NAME seq N`. A running `no X` line is removed by
// sending X only where X is a toggle whose default is on and not displayed
// (`ip redirects`, `ip unreachables`, `ip proxy-arp`, `cdp enable`,
// `keepalive`, ...); a desired X of those is satisfied when running has no
// `no X`. Other running `no` lines (`no shutdown`) are left alone.
//
// Apply's `no X` removes exactly the line X when there is one; only the
// commands IOS removes by head (`no username NAME`, `no interface X`, `no
// neighbor ADDR`, `no access-list N`, `no 10` in an access list, `no
// snmp-server community NAME`, ...) remove every line that starts with X.
// `no distribute-list 10 out` leaves `distribute-list 10 out Gi0/0`.
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
// allowed vlan add ...` continuation lines are plain lines. Standard ACLs
// whose entries IOS re-orders in show output are rewritten each time.
// While a list is detached for a rewrite, the interfaces that applied it
// filter nothing (the open window is a few commands long); features that
// reference a list by number elsewhere (SNMP, NTP, route maps) see it
// absent for the same window. The default-on toggles restored from `no X`
// are a fixed list (ip redirects, ip unreachables, ip proxy-arp, ip
// route-cache, cdp enable, ip domain lookup, keepalive, lldp
// transmit/receive); `no shutdown` and other platform-dependent defaults
// are never reverted implicitly. Leaf-only lines (which never open a mode
// when indentation is inconsistent) are likewise a fixed list.
package cliconf
