package netconf

import "fmt"

// Capability URIs of RFC 6241 §8 that the Session checks before sending a
// request that needs them.
const (
	CapBase10            = "urn:ietf:params:netconf:base:1.0"
	CapBase11            = "urn:ietf:params:netconf:base:1.1"
	CapWritableRunning   = "urn:ietf:params:netconf:capability:writable-running:1.0"
	CapCandidate         = "urn:ietf:params:netconf:capability:candidate:1.0"
	CapConfirmedCommit10 = "urn:ietf:params:netconf:capability:confirmed-commit:1.0"
	CapConfirmedCommit11 = "urn:ietf:params:netconf:capability:confirmed-commit:1.1"
	CapRollbackOnError   = "urn:ietf:params:netconf:capability:rollback-on-error:1.0"
	CapValidate10        = "urn:ietf:params:netconf:capability:validate:1.0"
	CapValidate11        = "urn:ietf:params:netconf:capability:validate:1.1"
	CapStartup           = "urn:ietf:params:netconf:capability:startup:1.0"
)

// Datastore names of RFC 6241.
const (
	Running   = "running"
	Candidate = "candidate"
	Startup   = "startup"
)

// require returns an ErrUnsupported error naming what unless the server
// advertised one of caps.
func (s *Session) require(what string, caps ...string) error {
	for _, c := range caps {
		if s.Has(c) {
			return nil
		}
	}
	return fmt.Errorf("%s: %w (needs %s)", what, ErrUnsupported, caps[0])
}

// checkDatastore checks that the server has datastore name; forEdit
// additionally requires that it may be the target of edit-config.
func (s *Session) checkDatastore(name string, forEdit bool) error {
	switch name {
	case Running:
		if forEdit {
			return s.require("edit-config of running", CapWritableRunning)
		}
		return nil
	case Candidate:
		return s.require("the candidate datastore", CapCandidate)
	case Startup:
		return s.require("the startup datastore", CapStartup)
	}
	return fmt.Errorf("%w: unknown datastore %q (want running, candidate or startup)", ErrInvalidArgument, name)
}
