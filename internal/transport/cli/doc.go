// Package cli is the SSH command-line transport for classic Cisco IOS: a
// thin adapter over scrapligo's network driver (standard transport, known
// hosts verified) with the cisco_iosxe platform's privilege levels (exec
// ">", privilege-exec "#" reached with "enable" and the enable password,
// configuration "(config...)#"), plus an SCP client for putting files on
// the device's flash.
//
// The privilege levels, prompt patterns and on-open commands ("terminal
// width 512", "terminal length 0") are those of scrapligo's cisco_iosxe
// platform definition, written out here because scrapligo's platform
// package needs a YAML module this repository does not carry.
//
// Commands fail on IOS's error markers ("% Invalid input detected",
// "% Incomplete command", "% Ambiguous command", "% Unknown command"):
// the error is a *CommandError naming the device address and the command.
// Secret values passed to SendConfigs or redacted with Redact never
// appear in errors or logs; UploadFile never logs file content.
//
// A Session runs one operation at a time. scrapligo's channel operations
// cannot be interrupted: when ctx ends first, the call returns at once, the
// session is marked broken (its terminal state is unknown) and must be
// closed.
package cli
