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
			`devices/ams.yaml:51:39: error: native.yang[1].Cisco-IOS-XE-native:native.logging.no-such-leaf: iosxe 17.18.1 cannot take /native/logging/no-such-leaf: not in the writable schema of Cisco-IOS-XE-native@2025-07-01 as iosxe 17.18.1 publishes it: device ams-acc-1`},
		{"a value out of range", "devices/ams.yaml", acc1,
			acc1 + "      native:\n        yang:\n          - Cisco-IOS-XE-native:native: {logging: {buffered: {size-value: 10}}}\n",
			`devices/ams.yaml:50:75: error: native.yang[1].Cisco-IOS-XE-native:native.logging.buffered.size-value: iosxe 17.18.1 cannot take /native/logging/buffered/size-value: 10 is out of range 4096..2147483647 for uint32: device ams-acc-1`},
		{"structured intent sets the same leaf", "devices/ams.yaml", acc1,
			acc1 + "      native:\n        yang:\n          - Cisco-IOS-XE-native:native: {hostname: other}\n",
			`devices/ams.yaml:50:52: error: native.yang[1].Cisco-IOS-XE-native:native.hostname: sets /Cisco-IOS-XE-native:native/hostname, which the structured intent at hostname also sets; keep one: device ams-acc-1`},
		{"a native route and a block set the same leaf", "devices/ams.yaml", "      hostname: ams-acc-2\n",
			"      hostname: ams-acc-2\n      native:\n        yang:\n          - Cisco-IOS-XE-native:native: {interface: {GigabitEthernet: [{name: \"1/0/2\", mtu: 9000}]}}\n",
			`error: native.yang[1].Cisco-IOS-XE-native:native.interface.GigabitEthernet[0].mtu: sets /Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/2]/mtu, which the structured intent at interfaces[1].mtu also sets; keep one: device ams-acc-2`},
		{"a secret reference as a list key", "devices/ams.yaml", acc1,
			acc1 + "      native:\n        yang:\n          - Cisco-IOS-XE-native:native: {username: [{name: {env: SECRET}, privilege: 15}]}\n",
			`devices/ams.yaml:50:60: error: native.yang[1].Cisco-IOS-XE-native:native.username[0].name: a secret reference cannot be the list key name`},
		{"a secret reference where the schema has no leaf", "devices/ams.yaml", acc1,
			acc1 + "      native:\n        yang:\n          - Cisco-IOS-XE-native:native: {username: [{name: x, secret: {env: SECRET}}]}\n",
			`error: native.yang[1].Cisco-IOS-XE-native:native.username[0].secret: a secret reference ({env: …}, {file: …}) in a native.yang block must be the value of a leaf`},
		{"a CLI platform", "devices/fra.yaml", "      hostname: fra-closet-1\n",
			"      hostname: fra-closet-1\n      native: {yang: [{\"Cisco-IOS-XE-native:native\": {hostname: x}}]}\n",
			`error: native.yang: ios over cli is managed through native CLI, not YANG`},
		{"native routes over gNMI are checked like over NETCONF", "devices/fra.yaml", "      hostname: fra-core-1\n",
			"      hostname: fra-core-1\n      native: {yang: [{\"Cisco-IOS-XR-um-ssh-cfg:ssh\": {server: {rate-limit: 6000}}}]}\n",
			`devices/fra.yaml:11:77: error: native.yang[1].Cisco-IOS-XR-um-ssh-cfg:ssh.server.rate-limit: iosxr 26.2.1 cannot take /ssh/server/rate-limit: 6000 is out of range 1..600 for uint32: device fra-core-1`},
		{"a block sets the login list default, which goes over OpenConfig", "devices/fra.yaml", "      hostname: fra-core-1\n",
			"      hostname: fra-core-1\n      aaa: {login: [{name: default, methods: [CAMPUS-TACACS, local]}]}\n" +
				"      native: {yang: [{\"Cisco-IOS-XR-um-aaa-cfg:aaa\": {authentication: {login: {authentication-list: [{list-name: default, local: {}}]}}}}]}\n",
			`error: native.yang[1].Cisco-IOS-XR-um-aaa-cfg:aaa.authentication.login.authentication-list[0].local: sets /Cisco-IOS-XR-um-aaa-cfg:aaa/authentication/login/authentication-list[list-name=default]/local, which the structured intent at aaa.login[0] also sets; keep one: device fra-core-1`},
		{"no route at all", "devices/fra.yaml", "      hostname: fra-core-1\n",
			"      hostname: fra-core-1\n      users: [{name: netops, ssh_keys: [\"" + testSSHKey + "\"]}]\n",
			`devices/fra.yaml:11:40: error: users[1].ssh_keys: iosxr 26.2.1 cannot take /system/aaa/authentication/users/user[username=netops]/config/ssh-key: not supported by iosxr 26.2.1 (deviate not-supported at cisco-xr-openconfig-system-deviations.yang:200): device fra-core-1`},
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

// testSSHKey is the operators' public key of the campus (no secret).
const testSSHKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCmL/UQW8tSKn5i4FkAj4xltB52TAI8Yalz2s8ztw4sPWbZQNNt2kse6CxX/Irw2yp9kAe/gyvXorPWBQC87biRQc6jNBhRdt1M2LETyP9pXKpIMceczrrPwLbzaGM2u3wOhKg9JNFXHsFCzVf+YOeRs91feqc40K2um9nfZlC754F99WQJdO59oXhD5fQF3YPloYYH22D9AWn1NaMXvHIGr00kHrRMyP30ORBk+aNprwlx0dGyMFnVirc610W9JAYZSchf0Bt0GgU+azwAvxQKNZQHO7+zKwxr/ZLWnmOuRxgHI/gzcmaub7Ci2lRZvobt+d4g5/yPX6lit6grsr77 netops@campus"
