package ocrender

import (
	"crypto/md5" //nolint:gosec // IOS-XE names a public key by its MD5 fingerprint
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/openconfig/ygot/ygot"
	"github.com/switchyard/switchyard/internal/yangjson"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// Routes. An intent part goes over OpenConfig when the device's release
// takes its OpenConfig path (the profile's writable schema, after the
// deviations); when it does not and the release's native model has the
// path, it goes there instead (a native subtree of the desired state, in
// the same payload and commit); when neither, the gate names the
// deviation. Without a profile every part goes over OpenConfig.

// openconfigTakes reports whether the release takes the OpenConfig data
// path (always true without a profile).
func (s *render) openconfigTakes(path string) bool {
	return s.prof == nil || s.prof.CheckPath(path) == nil
}

// nativeHas reports whether the release's native schema has the data path
// whose first element is module-qualified ("/Cisco-IOS-XE-native:native/ip/ssh").
func (s *render) nativeHas(path string) bool {
	if s.prof == nil || s.prof.Native == nil {
		return false
	}
	elems := strings.Split(strings.TrimPrefix(path, "/"), "/")
	n := s.prof.NativeTop(elems[0])
	for _, e := range elems[1:] {
		if n == nil {
			return false
		}
		name, _, _ := strings.Cut(e, "[")
		n = n.Children[name]
	}
	return n != nil
}

// native sets value at the native data path (with keys) and records the
// intent value it comes from.
func (s *render) native(path string, value any, intent string) {
	if s.nativeTree == nil {
		s.nativeTree = map[string]any{}
	}
	if err := yangjson.Set(s.prof, s.nativeTree, path, value); err != nil {
		s.errs = append(s.errs, fmt.Errorf("%s: native route: %w", intent, err))
		return
	}
	s.origins = append(s.origins, providers.NativeOrigin{Path: path, Intent: intent})
}

// routeUnavailable records that neither route takes an intent part.
func (s *render) routeUnavailable(feature, intent, ocPath string) {
	r := s.prof.CheckPath(ocPath)
	s.unsupported(feature, intent, "%s cannot take %s: %s, and its native model has no equivalent switchyard routes to", s.prof.ID(), ocPath, r.Reason)
}

// xeKeyHash is how IOS-XE stores a public key of ip ssh pubkey-chain: its
// key type and the MD5 fingerprint of the key blob, upper-case hex.
func xeKeyHash(key string) (kind, hash string, err error) {
	f := strings.Fields(key)
	if len(f) < 2 {
		return "", "", fmt.Errorf("an SSH public key is TYPE BASE64 [COMMENT]")
	}
	blob, err := base64.StdEncoding.DecodeString(f[1])
	if err != nil {
		return "", "", fmt.Errorf("the SSH public key is not base64: %w", err)
	}
	sum := md5.Sum(blob) //nolint:gosec // the device's own fingerprint form
	return f[0], strings.ToUpper(hex.EncodeToString(sum[:])), nil
}

// xeSeverity is the IOS-XE logging keyword of an intent severity.
var xeSeverity = map[string]string{
	"emergency": "emergencies", "alert": "alerts", "critical": "critical", "error": "errors",
	"warning": "warnings", "notice": "notifications", "informational": "informational", "debug": "debugging",
}

// xeInterface splits an IOS-XE interface name into the native list it is
// in and its key: "GigabitEthernet1/0/2" gives GigabitEthernet, "1/0/2".
func xeInterface(name string) (kind, number string) {
	i := strings.IndexFunc(name, func(r rune) bool { return r >= '0' && r <= '9' })
	if i <= 0 {
		return name, ""
	}
	return name[:i], name[i:]
}

// sshKey sets user u's key over OpenConfig or, where the release deviates
// the ssh-key leaf, as IOS-XE's ip ssh pubkey-chain entry.
func (s *render) sshKey(o *oc.System_Aaa_Authentication_User, u *models.User, p string) {
	ocPath := fmt.Sprintf("/system/aaa/authentication/users/user[username=%s]/config/ssh-key", keyEscape(u.Name))
	const chain = "/Cisco-IOS-XE-native:native/ip/ssh/pubkey-chain/username/key-hash"
	if s.openconfigTakes(ocPath) || !s.nativeHas(chain) {
		o.SshKey = ygot.String(u.SSHKeys[0])
		return
	}
	kind, hash, err := xeKeyHash(u.SSHKeys[0])
	if err != nil {
		s.unsupported(providers.FeatureUsers, p+".ssh_keys[0]", "%v", err)
		return
	}
	s.native(fmt.Sprintf("/Cisco-IOS-XE-native:native/ip/ssh/pubkey-chain/username[name=%s]/key-hash[key-type=%s][key-hash-value=%s]",
		keyEscape(u.Name), keyEscape(kind), hash), nil, p+".ssh_keys[0]")
}

// syslogSeverityNative reports whether the severity of syslog host addr
// goes to IOS-XE's logging trap (the release deviates the OpenConfig
// selectors, and its native model has logging trap).
func (s *render) syslogSeverityNative(addr string) bool {
	ocPath := fmt.Sprintf("/system/logging/remote-servers/remote-server[host=%s]/selectors/selector[facility=ALL][severity=INFORMATIONAL]/config/severity", keyEscape(addr))
	return !s.openconfigTakes(ocPath) && s.nativeHas("/Cisco-IOS-XE-native:native/logging/trap/severity")
}

// mtu sets an interface's MTU over OpenConfig or, where the release
// deviates it, in the interface's IOS-XE native list.
func (s *render) mtu(o *oc.Interface, ref *ifaceRef) {
	ocPath := fmt.Sprintf("/interfaces/interface[name=%s]/config/mtu", keyEscape(ref.name))
	kind, number := xeInterface(ref.name)
	nativePath := "/Cisco-IOS-XE-native:native/interface/" + kind + "/mtu"
	if s.openconfigTakes(ocPath) || number == "" || !s.nativeHas(nativePath) {
		o.Mtu = ygot.Uint16(uint16(ref.in.MTU))
		return
	}
	s.native(fmt.Sprintf("/Cisco-IOS-XE-native:native/interface/%s[name=%s]/mtu", kind, keyEscape(number)),
		float64(ref.in.MTU), ref.path+".mtu")
}

// ntpSourceNative routes the NTP source interface to IOS-XR's ntp source
// when the release deviates the OpenConfig per-server source-address; it
// reports whether it did.
func (s *render) ntpSourceNative(name string) bool {
	const path = "/Cisco-IOS-XR-um-ntp-cfg:ntp/source/interface-name"
	probe := "/system/ntp/servers/server[address=0.0.0.0]/config/source-address"
	if s.openconfigTakes(probe) || !s.nativeHas(path) {
		return false
	}
	canon, _ := s.names.normalise(name)
	s.native(path, canon, "ntp.source_interface")
	return true
}
