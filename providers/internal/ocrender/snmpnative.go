package ocrender

import (
	"fmt"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// SNMP communities and version 2c trap hosts over the native models. Both
// IOS-XE and IOS-XR key them by the community string itself, a secret: the
// rendering writes the reference's placeholder as the key
// (providers.KeyPlaceholder) and declares the lists secret-keyed, so that
// plans, drift, claims and errors name an entry by its alias, never by
// its value (see providers.AliasSecretKeys).

// snmpKeyed are the native lists keyed by a community string (or, for a
// version 3 host, a user name), by the route's SNMP root.
var snmpKeyed = map[string][]providers.SecretKeyed{
	xeNative + "/snmp-server": {
		{List: xeNative + "/snmp-server/community-config", Key: "name"},
		{List: xeNative + "/snmp-server/host-config/ip-community", Key: "community-or-user"},
		{List: xeNative + "/snmp-server/host-config/ip-community-port", Key: "community-or-user"},
		{List: xeNative + "/snmp-server/host-config/ip-vrf-community", Key: "community-or-user"},
		{List: xeNative + "/snmp-server/host-config/ip-vrf-community-port", Key: "community-or-user"},
	},
	xrSNMP: {
		{List: xrSNMP + "/community/unencrypted/unencrypted-string", Key: "community-string"},
		{List: xrSNMP + "/community/encrypted/encrypted-string", Key: "community-string"},
		{List: xrSNMP + "/hosts/host/traps/unencrypted/unencrypted-string", Key: "community-string"},
		{List: xrSNMP + "/hosts/host/traps/encrypted/encryption-defaults/encryption-default", Key: "community-string"},
		{List: xrSNMP + "/hosts/host/traps/encrypted/encryption-aeses/encryption-aes", Key: "community-string"},
		{List: xrSNMP + "/hosts/host/informs/unencrypted/unencrypted-string", Key: "community-string"},
		{List: xrSNMP + "/hosts/host/informs/encrypted/encryption-defaults/encryption-default", Key: "community-string"},
		{List: xrSNMP + "/hosts/host/informs/encrypted/encryption-aeses/encryption-aes", Key: "community-string"},
	},
}

// snmpOwned are the native lists that authoritative snmp.communities and
// snmp.hosts own whole, by the route's SNMP root.
var snmpOwned = map[string]map[string][]string{
	xeNative + "/snmp-server": {
		"snmp.communities": {xeNative + "/snmp-server/community-config"},
		"snmp.hosts": {xeNative + "/snmp-server/host-config/ip-community", xeNative + "/snmp-server/host-config/ip-community-port",
			xeNative + "/snmp-server/host-config/ip-vrf-community", xeNative + "/snmp-server/host-config/ip-vrf-community-port"},
	},
	xrSNMP: {
		"snmp.communities": {xrSNMP + "/community/unencrypted/unencrypted-string", xrSNMP + "/community/encrypted/encrypted-string"},
		"snmp.hosts":       {xrSNMP + "/hosts/host", xrSNMP + "/hosts/host/traps/unencrypted/unencrypted-string"},
	},
}

// secretKeyedLists declares the secret-keyed SNMP lists of base that the
// release's native schema has, whatever the intent says: a community set
// by hand must show as an alias too.
func (s *render) secretKeyedLists(base string) {
	for _, l := range snmpKeyed[base] {
		if s.nativeHas(l.List) {
			s.secretKeyed = append(s.secretKeyed, l)
		}
	}
}

// keyRef returns the placeholder of a list key that is the secret behind
// ref, recording the reference.
func (s *render) keyRef(ref models.SecretRef) string {
	ph := providers.KeyPlaceholder(ref)
	if s.keyRefs == nil {
		s.keyRefs = map[string]models.SecretRef{}
	}
	s.keyRefs[ph] = ref
	return ph
}

// snmpCommunities routes the communities (access, ACL) to base's native
// community list; it reports whether base has one.
func (s *render) snmpCommunities(base string, c *models.SNMP) bool {
	xe := base != xrSNMP
	list := base + "/community/unencrypted/unencrypted-string"
	if xe {
		list = base + "/community-config"
	}
	if !s.nativeHas(list) {
		return false
	}
	for i, cm := range c.Communities {
		at := fmt.Sprintf("snmp.communities[%d]", i)
		if cm.Secret == nil {
			continue // validation requires it
		}
		key := "name"
		if !xe {
			key = "community-string"
		}
		entry := fmt.Sprintf("%s[%s=%s]", list, key, keyEscape(s.keyRef(*cm.Secret)))
		access := cm.Access
		if access == "" {
			access = "ro"
		}
		if xe {
			s.native(entry+"/permission", access, at+".access")
			if cm.ACL != "" {
				s.native(entry+"/access-list-name", cm.ACL, at+".acl")
			}
			continue
		}
		s.native(entry+"/"+access, nil, at+".access")
		if cm.ACL != "" {
			s.native(entry+"/ipv4", cm.ACL, at+".acl")
		}
	}
	s.ownSNMP(base, "snmp.communities")
	return true
}

// snmpHosts routes the trap hosts to base's native host lists: version 2c
// with the community's secret as key, version 3 (IOS-XR, whose users go
// native) with the user name. It reports whether base has host lists.
func (s *render) snmpHosts(base string, c *models.SNMP) bool {
	xe := base != xrSNMP
	probe := base + "/hosts/host/traps/unencrypted/unencrypted-string/version/v2c"
	if xe {
		probe = base + "/host-config/ip-community/version"
	}
	if !s.nativeHas(probe) {
		return false
	}
	refs := map[string]*models.SecretRef{}
	for _, cm := range c.Communities {
		refs[cm.Name] = cm.Secret
	}
	for i, h := range c.Hosts {
		at := fmt.Sprintf("snmp.hosts[%d]", i)
		if h.Version == "3" {
			s.snmpHostV3(base, c, h, at)
			continue
		}
		ref := refs[h.Community]
		if ref == nil {
			continue // validation names the undeclared community
		}
		key := keyEscape(s.keyRef(*ref))
		if xe {
			s.native(fmt.Sprintf("%s/host-config/ip-community[ip-address=%s][community-or-user=%s]/version", base, keyEscape(h.Address), key), "2c", at)
			continue
		}
		s.native(fmt.Sprintf("%s/hosts/host[address=%s]/traps/unencrypted/unencrypted-string[community-string=%s]/version/v2c", base, keyEscape(h.Address), key), nil, at)
	}
	s.ownSNMP(base, "snmp.hosts")
	return true
}

// snmpHostV3 routes a version 3 trap host: on IOS-XR, keyed by its user
// with the security level the user's keys give; IOS-XE keeps no SNMPv3
// user in its configuration model, so its version 3 hosts are refused.
func (s *render) snmpHostV3(base string, c *models.SNMP, h models.SNMPHost, at string) {
	if base != xrSNMP {
		s.noRoute(providers.FeatureSNMP, at, "a version 3 trap host needs its SNMPv3 user, which IOS-XE keeps out of its configuration model")
		return
	}
	level := "noauth"
	for _, u := range c.Users {
		if u.Name != h.User {
			continue
		}
		switch {
		case u.Priv != nil:
			level = "priv"
		case u.Auth != nil:
			level = "auth"
		}
	}
	s.native(fmt.Sprintf("%s/hosts/host[address=%s]/traps/unencrypted/unencrypted-string[community-string=%s]/version/v3/security-level",
		base, keyEscape(h.Address), keyEscape(h.User)), level, at)
}

// ownSNMP owns whole the native lists of an authoritative SNMP kind.
func (s *render) ownSNMP(base, kind string) {
	if s.dev == nil || !s.dev.IsAuthoritative(kind) {
		return
	}
	s.nativeOwned = append(s.nativeOwned, snmpOwned[base][kind]...)
}
