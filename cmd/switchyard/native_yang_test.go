package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// editCampus returns a copy of the campus with old replaced by new in file.
func editCampus(t *testing.T, file, old, new string) string {
	t.Helper()
	repo := copyCampus(t)
	path := filepath.Join(repo, file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	data = []byte(strings.Replace(string(data), old, new, 1))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return repo
}

// native.yang blocks are checked against the release's native schema, may
// not set what the structured intent sets, and go to NETCONF routes only:
// each problem is an error at its YAML line.
func TestValidateNativeYANG(t *testing.T) {
	const acc1 = "      hostname: ams-acc-1\n"
	tests := []struct {
		name, file, old, new, want string
	}{
		{"a leaf the release lacks names the schema path", "devices/ams.yaml", acc1,
			acc1 + "      native:\n        yang:\n          - Cisco-IOS-XE-native:native:\n              logging: {no-such-leaf: 1}\n",
			`devices/ams.yaml:62:39: error: native.yang[1].Cisco-IOS-XE-native:native.logging.no-such-leaf: iosxe 17.18.1 cannot take /native/logging/no-such-leaf: not in the writable schema of Cisco-IOS-XE-native@2025-07-01 as iosxe 17.18.1 publishes it: device ams-acc-1`},
		{"a value out of range", "devices/ams.yaml", acc1,
			acc1 + "      native:\n        yang:\n          - Cisco-IOS-XE-native:native: {logging: {buffered: {size-value: 10}}}\n",
			`devices/ams.yaml:61:75: error: native.yang[1].Cisco-IOS-XE-native:native.logging.buffered.size-value: iosxe 17.18.1 cannot take /native/logging/buffered/size-value: 10 is out of range 4096..2147483647 for uint32: device ams-acc-1`},
		{"structured intent sets the same leaf", "devices/ams.yaml", acc1,
			acc1 + "      native:\n        yang:\n          - Cisco-IOS-XE-native:native: {hostname: other}\n",
			`devices/ams.yaml:61:52: error: native.yang[1].Cisco-IOS-XE-native:native.hostname: sets /Cisco-IOS-XE-native:native/hostname, which the structured intent at hostname also sets; keep one: device ams-acc-1`},
		{"a native route and a block set the same leaf", "devices/ams.yaml", "      hostname: ams-acc-2\n",
			"      hostname: ams-acc-2\n      native:\n        yang:\n          - Cisco-IOS-XE-native:native: {interface: {GigabitEthernet: [{name: \"1/0/2\", mtu: 9000}]}}\n",
			`error: native.yang[1].Cisco-IOS-XE-native:native.interface.GigabitEthernet[0].mtu: sets /Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/2]/mtu, which the structured intent at interfaces[1].mtu also sets; keep one: device ams-acc-2`},
		{"a CLI platform", "devices/fra.yaml", "      hostname: fra-closet-1\n",
			"      hostname: fra-closet-1\n      native: {yang: [{\"Cisco-IOS-XE-native:native\": {hostname: x}}]}\n",
			`error: native.yang: ios over cli is managed through native CLI, not YANG`},
		{"gNMI", "devices/fra.yaml", "      hostname: fra-core-1\n",
			"      hostname: fra-core-1\n      native: {yang: [{\"Cisco-IOS-XR-um-ssh-cfg:ssh\": {server: {rate-limit: 30}}}]}\n",
			`error: native.yang[0].Cisco-IOS-XR-um-ssh-cfg:ssh.server.rate-limit: iosxr over gnmi: this part goes through the release's native model (Cisco-IOS-XR-um-ssh-cfg:ssh), which switchyard pushes over NETCONF only`},
		{"a native route on gNMI", "devices/fra.yaml", "      hostname: fra-core-1\n",
			"      hostname: fra-core-1\n      ntp: {source_interface: Loopback0}\n",
			`devices/fra.yaml:11:31: error: ntp.source_interface: iosxr over gnmi: this part goes through the release's native model (Cisco-IOS-XR-um-ntp-cfg:ntp)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := editCampus(t, tt.file, tt.old, tt.new)
			code, _, errOut := runCLI(t, "validate", "--repo", repo)
			if code != exitFailure || !strings.Contains(errOut, tt.want) {
				t.Fatalf("validate exit %d, want 1 with\n%s\ngot:\n%s", code, tt.want, errOut)
			}
		})
	}
}
