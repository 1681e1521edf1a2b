package ocrender

import (
	"fmt"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// adminRole is the intent role that maps to SYSTEM_ROLE_ADMIN.
const adminRole = "network-admin"

// users renders /system/aaa/authentication/users. Passwords are secret
// bindings, never tree values.
func (s *render) users() {
	for i := range s.cfg.Users {
		p := fmt.Sprintf("users[%d]", i)
		if !s.supports(providers.FeatureUsers, p) {
			continue
		}
		u := &s.cfg.Users[i]
		role, ok := s.role(p, u)
		if !ok {
			continue
		}
		if len(u.SSHKeys) > 1 {
			s.unsupported(providers.FeatureUsers, p+".ssh_keys",
				"OpenConfig has a single ssh-key leaf per user; %d keys are declared", len(u.SSHKeys))
			continue
		}
		o := s.tree.GetOrCreateSystem().GetOrCreateAaa().GetOrCreateAuthentication().GetOrCreateUser(u.Name)
		o.Role = role
		if len(u.SSHKeys) == 1 {
			s.sshKey(o, u, p)
		}
		s.bind(fmt.Sprintf("/system/aaa/authentication/users/user[username=%s]/config/password", keyEscape(u.Name)), u.Password)
	}
}

// role maps a user's role and privilege. OpenConfig has no privilege leaf:
// privilege 15 is accepted with network-admin, 0 or 1 with other roles (or
// none), and 0 with any role, since the role implies it; anything else
// would be silently lost and is an UnsupportedError.
func (s *render) role(p string, u *models.User) (oc.System_Aaa_Authentication_User_Role_Union, bool) {
	admin := u.Role == adminRole
	switch {
	case u.Privilege == 0, admin && u.Privilege == 15, !admin && u.Privilege == 1:
	default:
		want := "0 or 1"
		if admin {
			want = "0 or 15"
		}
		s.unsupported(providers.FeatureUsers, p+".privilege",
			"OpenConfig has no privilege leaf, only the role; role %q implies privilege %s, not %d", u.Role, want, u.Privilege)
		return nil, false
	}
	switch {
	case u.Role == "":
		return nil, true
	case admin:
		return oc.OpenconfigAaaTypes_SYSTEM_DEFINED_ROLES_SYSTEM_ROLE_ADMIN, true
	}
	name, ok := s.p.Roles[u.Role]
	if !ok {
		s.unsupported(providers.FeatureUsers, p+".role", "the platform has no role matching %q", u.Role)
		return nil, false
	}
	return oc.UnionString(name), true
}

// aaaTypes maps intent server group types to OpenConfig.
var aaaTypes = map[string]oc.E_OpenconfigAaaTypes_AAA_SERVER_TYPE{
	"tacacs": oc.OpenconfigAaaTypes_AAA_SERVER_TYPE_TACACS,
	"radius": oc.OpenconfigAaaTypes_AAA_SERVER_TYPE_RADIUS,
}

// aaa renders /system/aaa/server-groups. Server keys are secret bindings.
func (s *render) aaa() {
	a := s.cfg.AAA
	if a == nil || len(a.ServerGroups) == 0 || !s.supports(providers.FeatureAAA, "aaa") {
		return
	}
	aaa := s.tree.GetOrCreateSystem().GetOrCreateAaa()
	for i, g := range a.ServerGroups {
		typ, ok := aaaTypes[g.Type]
		if !ok {
			s.unsupported(providers.FeatureAAA, fmt.Sprintf("aaa.server_groups[%d].type", i), "unknown server group type %q", g.Type)
			continue
		}
		og := aaa.GetOrCreateServerGroup(g.Name)
		og.Type = typ
		for _, srv := range g.Servers {
			os := og.GetOrCreateServer(srv.Address)
			path := fmt.Sprintf("/system/aaa/server-groups/server-group[name=%s]/servers/server[address=%s]/%s/config/secret-key",
				keyEscape(g.Name), keyEscape(srv.Address), g.Type)
			if typ == oc.OpenconfigAaaTypes_AAA_SERVER_TYPE_TACACS {
				if srv.Port != 0 {
					os.GetOrCreateTacacs().Port = ygot.Uint16(uint16(srv.Port))
				}
			} else if srv.Port != 0 {
				os.GetOrCreateRadius().AuthPort = ygot.Uint16(uint16(srv.Port))
			}
			s.bind(path, srv.Key)
		}
	}
}
