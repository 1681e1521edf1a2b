package ocrender

import (
	"github.com/openconfig/ygot/ygot"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// lineRoute is where one kind of terminal line goes in a native model:
// the entries that hold its settings and which settings the model takes.
type lineRoute struct {
	// entries are the line entries (IOS-XE keeps vty 0 4 and 5 15).
	entries []string
	// lasts are the last lines of entries (none: no last leaf).
	lasts []float64
	// accessClass, execMinutes, execSeconds, loginLocal, loginList are
	// paths below each entry ("" when the model does not take it).
	accessClass, execMinutes, execSeconds, loginLocal, loginList string
}

// vtyRoute and consoleRoute return the native line routes of the release,
// or nil.
func (s *render) vtyRoute() *lineRoute {
	switch {
	case s.nativeHas(xeNative + "/line/vty/access-class/acccess-list/access-list"):
		return &lineRoute{
			entries:     []string{xeNative + "/line/vty[first=0]", xeNative + "/line/vty[first=5]"},
			lasts:       []float64{4, 15},
			accessClass: "/access-class/acccess-list[direction=in]/access-list",
			execMinutes: "/exec-timeout/minutes", execSeconds: "/exec-timeout/seconds",
			loginLocal: "/login/local", loginList: "/login/authentication",
		}
	case s.nativeHas(xrLine + "/default/access-class/ingress"):
		return s.xrLineRoute("/default")
	}
	return nil
}

func (s *render) consoleRoute() *lineRoute {
	switch {
	case s.nativeHas(xeNative + "/line/console/exec-timeout/minutes"):
		return &lineRoute{entries: []string{xeNative + "/line/console[first=0]"},
			accessClass: "/access-class/acccess-list[direction=in]/access-list",
			execMinutes: "/exec-timeout/minutes", execSeconds: "/exec-timeout/seconds",
			loginLocal: "/login/local", loginList: "/login/authentication"}
	case s.nativeHas(xrLine + "/console/exec-timeout/timeout-in-minutes"):
		return s.xrLineRoute("/console")
	}
	return nil
}

// xrLineRoute is the route of an IOS-XR line (the vty lines take the
// default line template): the login method list goes to its login
// authentication (Cisco-IOS-XR-um-aaa-task-user-cfg) where the release's
// native schema has it. IOS-XR has no login local on a line.
func (s *render) xrLineRoute(entry string) *lineRoute {
	r := &lineRoute{entries: []string{xrLine + entry}, accessClass: "/access-class/ingress",
		execMinutes: "/exec-timeout/timeout-in-minutes",
		execSeconds: "/exec-timeout/timeout-in-seconds"}
	if s.nativeHas(xrLine + entry + "/login/authentication") {
		r.loginList = "/login/authentication"
	}
	return r
}

// lineNative sets line l (intent path p) on route r. With vty set, the
// exec-timeout is left to OpenConfig (the terminal servers' idle timeout).
func (s *render) lineNative(r *lineRoute, l *models.Line, p string, vty bool) {
	for i, e := range r.entries {
		if i < len(r.lasts) {
			s.native(e+"/last", r.lasts[i], p)
		}
		if l.AccessClass != "" {
			s.native(e+r.accessClass, l.AccessClass, p+".access_class")
		}
		if t := l.ExecTimeout; t != nil && !vty {
			s.native(e+r.execMinutes, float64(*t), p+".exec_timeout")
			s.native(e+r.execSeconds, float64(0), p+".exec_timeout")
		}
		switch {
		case l.Login == "":
		case r.loginList == "":
			if i == 0 {
				s.noRoute(providers.FeatureLines, p+".login",
					"the release's native line model has no login method list")
			}
		case l.Login == "local" && r.loginLocal == "":
			if i == 0 {
				s.noRoute(providers.FeatureLines, p+".login",
					"IOS-XR lines take a login method list by name (login authentication), not login local: "+
						"declare a list in aaa.login with methods [local] and name it here")
			}
		case l.Login == "local":
			s.native(e+r.loginLocal, empty, p+".login")
		default:
			s.native(e+r.loginList, l.Login, p+".login")
		}
	}
}

// vtyTransportNative routes the vty transport input to IOS-XR's line
// template (line default transport input ssh, or ssh telnet) where the
// release deviates the OpenConfig telnet server away; the other choices
// of that list (none, telnet alone, all; the model allows one) must be
// absent. It reports whether it did.
func (s *render) vtyTransportNative(telnet bool) bool {
	const input = xrLine + "/default/transport/input"
	if s.openconfigTakes("/system/telnet-server/config/enable") || !s.nativeHas(input+"/ssh/telnet") {
		return false
	}
	if telnet {
		s.native(input+"/ssh/telnet", nil, "lines.vty.transport_input")
	} else {
		s.native(input+"/ssh", nil, "lines.vty.transport_input")
		s.nativeAbsent = append(s.nativeAbsent, input+"/ssh/telnet")
	}
	for _, other := range []string{"none", "telnet", "all"} {
		s.nativeAbsent = append(s.nativeAbsent, input+"/"+other)
	}
	return true
}

// vtyTimeoutNative sets the vty idle timeout where the transport went
// native: the SSH server's over OpenConfig when SSH is the only protocol
// and the timeout fits OpenConfig's seconds, else the line template's
// exec-timeout, which covers telnet sessions too.
func (s *render) vtyTimeoutNative(v *models.Line, telnet bool) {
	t := v.ExecTimeout
	if t == nil {
		return
	}
	if !telnet && *t*60 <= 65535 {
		s.tree.GetOrCreateSystem().GetOrCreateSshServer().Timeout = ygot.Uint16(uint16(*t * 60))
		return
	}
	s.lineNative(s.vtyRoute(), &models.Line{ExecTimeout: t}, "lines.vty", false)
}
