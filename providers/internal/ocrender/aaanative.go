package ocrender

import (
	"fmt"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// ocLoginMethods is the OpenConfig path of the login method list default.
const ocLoginMethods = "/system/aaa/authentication/config/authentication-method"

// defaultLoginOverOpenConfig returns the intent path of the login method
// list default when it goes over OpenConfig (the release takes the path),
// or "".
func (s *render) defaultLoginOverOpenConfig() string {
	if a := s.cfg.AAA; a != nil && s.openconfigTakes(ocLoginMethods) {
		for i, l := range a.Login {
			if l.Name == "default" {
				return fmt.Sprintf("aaa.login[%d]", i)
			}
		}
	}
	return ""
}

// xrLoginLists are IOS-XR's login method lists (aaa authentication login
// NAME) in its AAA unified model.
const xrLoginLists = "/Cisco-IOS-XR-um-aaa-cfg:aaa/authentication/login/authentication-list"

// loginListNative routes login method list l (intent path p) to the
// release's native AAA model: IOS-XE's aaa authentication login or
// IOS-XR's. It reports whether the release's native schema has one.
func (s *render) loginListNative(l *models.LoginMethodList, p string) bool {
	switch {
	case s.nativeHas(xeNative + "/aaa/authentication/login/a1/group"):
		s.xeLoginList(l, p)
	case s.nativeHas(xrLoginLists + "/groups/group-1/server-group-name"):
		s.xrLoginList(l, p)
	default:
		return false
	}
	return true
}

// xeLoginList sets IOS-XE's list: methods a1 to a4, each a server group,
// local or none.
func (s *render) xeLoginList(l *models.LoginMethodList, p string) {
	if len(l.Methods) > 4 {
		s.unsupported(providers.FeatureAAA, p+".methods", "IOS-XE takes at most four methods in a login list, not %d", len(l.Methods))
		return
	}
	entry := fmt.Sprintf("%s/aaa/authentication/login[name=%s]", xeNative, keyEscape(l.Name))
	for j, m := range l.Methods {
		at := fmt.Sprintf("%s/a%d/", entry, j+1)
		mp := fmt.Sprintf("%s.methods[%d]", p, j)
		switch m {
		case "local", "none":
			s.native(at+m, empty, mp)
		default:
			s.native(at+"group", m, mp)
		}
	}
}

// xrLoginList sets IOS-XR's list: the first method is local (a presence
// container of the list) or groups/group-1's server group; method n
// (from 2) is groups/group-n's local or server group. IOS-XR has no none
// method for login.
func (s *render) xrLoginList(l *models.LoginMethodList, p string) {
	if len(l.Methods) > 4 {
		s.unsupported(providers.FeatureAAA, p+".methods", "IOS-XR takes at most four methods in a login list, not %d", len(l.Methods))
		return
	}
	entry := fmt.Sprintf("%s[list-name=%s]", xrLoginLists, keyEscape(l.Name))
	for j, m := range l.Methods {
		mp := fmt.Sprintf("%s.methods[%d]", p, j)
		group := fmt.Sprintf("%s/groups/group-%d/", entry, j+1)
		switch {
		case m == "none":
			s.noRoute(providers.FeatureAAA, mp,
				"IOS-XR's aaa authentication login has no method none (it takes server groups, local and line)")
		case m == "local" && j == 0:
			s.native(entry+"/local", nil, mp)
		case m == "local":
			s.native(group+"local", nil, mp)
		default:
			s.native(group+"server-group-name", m, mp)
		}
	}
}
