// Package nxapisim simulates the NX-API endpoint of Cisco NX-OS switches
// for tests of the nxapi transport and the nxos provider's NX-API path.
//
// A Device serves HTTPS on its own loopback port with a certificate signed
// by a CA generated per device (CAPEM), and accepts HTTP basic
// authentication with the configured username and password only.
//
// # Protocol
//
// POST /ins with Content-Type application/json-rpc and a JSON-RPC 2.0
// request object or batch (array) of them, as NX-API takes them:
//
//	[{"jsonrpc": "2.0", "method": "cli_ascii", "params": {"cmd": "show running-config", "version": 1}, "id": 1}]
//
// The methods are the ones NX-API really has, "cli" (structured output) and
// "cli_ascii" (text output); the "cli_conf"/"cli_show" names are the
// message types of NX-API's older ins_api format, which this simulator
// does not speak. A response is a result or error object per request, an
// array for a batch. "cli_ascii" answers {"msg": TEXT}; "cli" answers null
// for configuration and exec commands and {"body": {...}} for the few show
// commands with structured output here (show hostname, show checkpoint
// summary). Errors follow NX-API: -32700 parse error, -32600 invalid
// request, -32601 unknown method, -32602 "Invalid params" with the CLI's
// message in data.msg for a command the CLI refuses. As JSON-RPC 2.0
// requires, a success carries "result" (null included) and an error
// carries "error" alone, never both. A request without "id" is a
// notification: it runs, and gets no response (a batch of notifications
// only is answered with HTTP 204 and no body). params.version is NX-API's
// version identifier, 1 or 1.2, as a number or a string.
//
// One cmd may hold several commands separated by " ;"; they run as
// separate commands, in order (the result is the last one's; cli_ascii
// joins the outputs). A batch runs in order as one CLI session under the
// error policy of its "rollback" member (beside params, as NX-API
// documents it, or inside params): stop-on-error (default) stops at the
// first failing command and answers the commands after it with -32602
// and data.msg "not executed: an earlier command in the request failed";
// continue-on-error runs them anyway; rollback-on-error restores the
// running configuration the batch started from and stops.
//
// # Commands
//
// Each request starts in exec mode. Exec commands: show running-config,
// show checkpoint summary, show hostname, checkpoint NAME [description
// TEXT], no checkpoint NAME, rollback running-config checkpoint NAME
// [atomic|best-effort|stop-at-first-failure], configure terminal, end. Any
// other command is a configuration command (NX-API enters configuration
// mode by itself) and is applied immediately, as NX-OS does, with
// cliconf.Apply semantics. Indentation does not matter, as on the CLI: a
// command that opens a mode (interface, vlan, vrf context, ip access-list,
// router, ...) carries that mode to the next commands of the session,
// `exit` leaves it, and a command the current mode does not know is tried
// in the parent modes, leaving the sub-modes. On top of cliconf.Apply the simulator does
// what NX-OS does for the commands switchyard uses: `username NAME
// password P` is stored as `password 5 $5$...` and `tacacs-server host A
// key K` as `key 7 "..."`; a new `username NAME ...`, `ntp server A ...`,
// `logging server A ...`, `tacacs-server host A ...`, `radius-server host
// A ...` and `ntp source-interface` line replaces the previous one for the
// same name, and `ip name-server` adds to the server list. SNMP: `snmp-server
// user NAME ROLE auth P K priv [aes-128] K` is stored with localized keys
// (0x..., `localizedkey`), and replaces the user's previous line, as
// `snmp-server host A` and `snmp-server community C group|use-acl` do for
// theirs; `logging logfile` keeps one line; an interface whose `vrf member`
// changes loses its `ip address` and `ipv6 address` lines, as NX-OS removes
// the layer-3 configuration; `ip dhcp relay` needs `feature dhcp`.
//
// A first-word grammar per mode (top level, interface, vlan, ip
// access-list, object-group, aaa group server, vrf context, line) rejects
// unknown commands with "% Invalid command at '^' marker.", as do commands
// of a feature that is not enabled (tacacs-server and aaa group server
// tacacs+ need `feature tacacs+`, channel-group ... mode active|passive
// needs `feature lacp`, interface VlanN needs `feature interface-vlan`).
//
// Checkpoints hold an exact copy of the running configuration; rollback
// restores it byte for byte. At most MaxCheckpoints exist at once: one more
// is refused until one is deleted.
//
// # Accounting
//
// Every configuration command is kept in the accounting log ("show
// accounting log", cli_ascii): time, user, id (source address@nxapi), the
// mode context and command, SUCCESS or FAILURE (accounting.go).
// Config.Users adds accounts (HTTP basic authentication).
//
// # Knobs
//
// Latency, a rejected command prefix, a silently ignored command prefix,
// a failing next configuration command, dropped connections and transient 503 responses (answered before
// the request is read, so nothing is executed) are injected through Knobs.
//
// Not simulated: the ins_api message format, the nxapi_auth cookie,
// structured output of most show commands, the VLAN list line (`vlan
// 1,10,20`) of real show output, defaults that NX-OS leaves out of show
// running-config (the simulator shows what it was sent), and command
// abbreviations.
package nxapisim
