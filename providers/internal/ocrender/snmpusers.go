package ocrender

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

// SNMPv3 users on IOS-XR (Cisco-IOS-XR-um-snmp-server-cfg): each user is
// an entry of snmp-server/users/user with its group; its authentication
// and privacy keys are secret leaves below v3/auth and v3/priv
// (encryption-default, of type Proprietary-password) bound to the
// intent's references and never part of the tree (they imply the v3
// containers). They are pushed as
// "!VALUE", the clear-text form of XR's password types; the device keeps
// and shows only its encrypted form, so a key is compared by presence on
// the device, and a new value behind a reference is re-sent as a
// rotation. The group a user names is declared too (snmp-server group
// NAME v3 priv|auth): without it XR gives the user no access.

// xrPassword is the prefix of a clear-text value of IOS-XR's password
// types (Proprietary-password): the device stores its own encryption.
const xrPassword = "!"

// xrAuthProtocols and xrPrivProtocols are the UM containers of the
// intent's protocols, below v3/auth and v3/priv.
var (
	xrAuthProtocols = map[string]string{"sha": "sha", "md5": "md5"}
	xrPrivProtocols = map[string]string{"aes128": "aes/aes-128", "des": "des56"}
)

// snmpUsers routes the SNMPv3 users to IOS-XR's native users and groups
// when base is IOS-XR's snmp-server and the release has the path; it
// reports whether it did (the caller refuses the users otherwise).
// Authoritative snmp.users owns the native users list whole.
func (s *render) snmpUsers(base string) bool {
	if base != xrSNMP || !s.nativeHas(base+"/users/user/v3/auth/sha/encryption-default") {
		return false
	}
	users := s.cfg.SNMP.Users
	levels, at := map[string]string{}, map[string]string{}
	for i := range users {
		u, p := &users[i], fmt.Sprintf("snmp.users[%d]", i)
		if !s.snmpUser(base, u, p) {
			continue
		}
		if _, seen := at[u.Group]; !seen {
			at[u.Group] = p + ".group"
		}
		if u.Priv == nil || levels[u.Group] == "auth" {
			levels[u.Group] = "auth" // the level every user of the group has
		} else {
			levels[u.Group] = "priv"
		}
	}
	for _, g := range slices.Sorted(maps.Keys(levels)) {
		group := fmt.Sprintf("%s/groups/group[group-name=%s]", base, keyEscape(g))
		s.native(group+"/v3/"+levels[g], nil, at[g])
		s.absentBut(group, "", base+"/groups/group", "v1", "v2c")
		s.absentBut(group+"/v3", levels[g], base+"/groups/group/v3", "auth", "noauth", "priv")
	}
	if s.dev.IsAuthoritative("snmp.users") && !slices.Contains(s.nativeOwned, base+"/users/user") {
		s.nativeOwned = append(s.nativeOwned, base+"/users/user")
		slices.Sort(s.nativeOwned)
	}
	return true
}

// snmpUser sets user u (intent path p) and binds its keys; it reports
// whether the user was routed.
func (s *render) snmpUser(base string, u *models.SNMPUser, p string) bool {
	if u.Group == "" {
		s.noRoute(providers.FeatureSNMP, p+".group", "IOS-XR needs the SNMP group of a user (group-name is mandatory in its model)")
		return false
	}
	auth, ok := xrAuthProtocols[cmp.Or(u.AuthProtocol, "sha")]
	if !ok || u.Auth == nil {
		s.noRoute(providers.FeatureSNMP, p+".auth", "IOS-XR takes an SNMPv3 user with an authentication key (sha or md5)")
		return false
	}
	priv, ok := xrPrivProtocols[cmp.Or(u.PrivProtocol, "aes128")]
	if !ok && u.Priv != nil {
		s.noRoute(providers.FeatureSNMP, p+".priv_protocol", "IOS-XR takes the privacy protocols aes128 and des")
		return false
	}
	entry := fmt.Sprintf("%s/users/user[user-name=%s]", base, keyEscape(u.Name))
	users := base + "/users/user"
	s.native(entry+"/group-name", u.Group, p+".group")
	s.bindPassword(entry+"/v3/auth/"+auth+"/encryption-default", u.Auth)
	s.absentBut(entry, "", users, "v1", "v2c")
	s.absentBut(entry+"/v3/auth", auth, users+"/v3/auth")
	if u.Priv == nil {
		s.absentBut(entry+"/v3", "", users+"/v3", "priv")
		return true
	}
	s.bindPassword(entry+"/v3/priv/"+priv+"/encryption-default", u.Priv)
	kind, size, _ := strings.Cut(priv, "/")
	s.absentBut(entry+"/v3/priv", kind, users+"/v3/priv")
	if size != "" {
		s.absentBut(entry+"/v3/priv/"+kind, size, users+"/v3/priv/"+kind)
	}
	return true
}

// absentBut records that the children of the native container at (a data
// path; schema, its path without keys) other than keep may not be on the
// device: the alternatives the intent did not choose (NativeAbsent). With
// names, only those children are looked at.
func (s *render) absentBut(at, keep, schema string, names ...string) {
	n := s.nativeNode(schema)
	if n == nil {
		return
	}
	if len(names) == 0 {
		names = slices.Sorted(maps.Keys(n.Children))
	}
	for _, c := range names {
		if c == keep || n.Children[c] == nil || n.Children[c].IsLeaf() {
			continue
		}
		p := at + "/" + c
		if cp, err := diff.CanonicalPath(p); err == nil {
			p = cp
		}
		s.nativeAbsent = append(s.nativeAbsent, p)
	}
}

// nativeNode returns the node of the release's native schema at path
// (module-qualified first element, no keys), or nil.
func (s *render) nativeNode(path string) *profiles.Node {
	if !s.nativeHas(path) {
		return nil
	}
	elems := strings.Split(strings.TrimPrefix(path, "/"), "/")
	n := s.prof.NativeTop(elems[0])
	for _, e := range elems[1:] {
		n = n.Children[e]
	}
	return n
}

// bindPassword binds the IOS-XR password leaf at path (a native data
// path) to ref: the push sends the value in clear-text form ("!VALUE").
func (s *render) bindPassword(path string, ref *models.SecretRef) {
	if p, err := diff.CanonicalPath(path); err == nil {
		path = p
	}
	s.secrets = append(s.secrets, providers.SecretBinding{Path: path, Ref: *ref, Prefix: xrPassword})
}
