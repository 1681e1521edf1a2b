// Package clitext holds helpers shared by the providers that render Cisco
// CLI configuration text: an indenting writer that places the "!" separators
// the way Cisco's show running-config does, dotted masks and wildcards, VLAN
// list compaction and banner delimiters. It knows no platform's command set.
package clitext
