// Package clisim simulates a classic Cisco IOS switch behind an SSH
// command line, for tests of the CLI transport and the ios provider.
//
// A Device listens on a loopback port and accepts password authentication.
// A session channel with a "shell" request (a "pty-req" is accepted and
// ignored: there is no real terminal) gets an interactive IOS shell: user
// exec "Switch>", "enable" with the enable password to "Switch#",
// "terminal length 0", "terminal width 512", "show running-config",
// "show startup-config", "show archive", "show logging", "dir flash:",
// "more flash:FILE", "delete /force flash:FILE", "write memory",
// "copy running-config flash:FILE" (which asks for the destination file
// name, as IOS does), and "configure terminal" with the sub-modes of every
// intent feature (interface, vlan, ip access-list, object-group, tacacs
// server, radius server, aaa group server, line, ip ssh pubkey-chain with
// its username sub-mode, archive) plus multi-line banners. A command a
// mode does not know is answered with the caret line and "% Invalid input
// detected at '^' marker."; as on IOS, a command unknown in a sub-mode but
// known in a parent mode leaves the sub-mode and runs there.
//
// The configuration is a cliconf hierarchy. Commands are applied with
// cliconf.Apply semantics, plus what IOS does on top: "username NAME" and
// "ntp server ADDR" replace the previous line for the same name, a
// "secret" is stored as "secret 5 $1$..." and a server "key" as
// "key 7 ..." (as if "service password-encryption" were on), "deny" ACL
// entries are padded as show running-config prints them, interface names
// are expanded (gi1/0/1 is GigabitEthernet1/0/1), negations IOS does
// not display ("no shutdown", "no description", ...) are not stored, nor
// are defaults IOS does not print ("exec-timeout 10 0", "logging buffered
// debugging", "logging console debugging"); "logging buffered" keeps one
// line, a size or a level alone keeping the other; an interface that joins
// or leaves a VRF ("ip vrf forwarding") loses its addresses; "aaa
// authentication login NAME" and "snmp-server community C" replace the
// previous line for the same name; "ip vrf NAME" enters its sub-mode.
//
// Timed rollback: with "archive" / " path flash:..." configured,
// "configure replace flash:FILE [force] time N" replaces the running
// configuration with the file (replayed through the same command
// interpreter, all or nothing) and starts an N-minute timer on the
// device's Clock; "configure confirm" stops it, "configure revert now"
// reverts at once, and expiry restores the exact pre-replace configuration
// and logs %ARCHIVE_DIFF-5-ROLLBK_CNFMD_TIMER_EXP. Without an archive path
// a timed replace is refused with "%Archive feature not enabled".
//
// Files reach flash: through an SCP sink on the same SSH server (an "exec"
// request "scp -t flash:FILE", as real IOS with "ip scp server enable"),
// which must be enabled in the running configuration.
//
// Every configuration change stamps show running-config with "! Last
// configuration change at TIME by USER"; with "archive / log config /
// logging enable" configured, the configuration change logger keeps every
// configuration command (index, config session, user@vtyN, command with
// its mode indentation) for "show archive log config all" (archivelog.go).
// Config.Users adds accounts.
//
// Knobs inject faults: latency, rejected or silently ignored commands, a
// dropped connection after N commands, a failing next replace.
//
// Not simulated: paging (terminal length is accepted and ignored), command
// abbreviation beyond "sh run" / "conf t" / "wr", the "?" help, per-command
// semantics beyond the grammar of first words, VTP, and a real MD5-crypt
// (the type 5 hash is a stand-in of the same shape).
package clisim
