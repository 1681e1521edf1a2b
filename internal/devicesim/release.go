package devicesim

import (
	"path"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Capability URIs whose presence in a release's hello changes behaviour.
const (
	capCandidate       = "urn:ietf:params:netconf:capability:candidate:1.0"
	capWritableRunning = "urn:ietf:params:netconf:capability:writable-running:1.0"
	capConfirmed10     = "urn:ietf:params:netconf:capability:confirmed-commit:1.0"
	capConfirmed11     = "urn:ietf:params:netconf:capability:confirmed-commit:1.1"
)

// hasCandidate reports whether the device has a candidate datastore.
func (d *Device) hasCandidate() bool {
	if r := d.cfg.Release; r != nil {
		return r.HasCapability(capCandidate)
	}
	return d.cfg.Profile == ProfileCandidate
}

// runningWritable reports whether edit-config may target running.
func (d *Device) runningWritable() bool {
	if r := d.cfg.Release; r != nil {
		return r.HasCapability(capWritableRunning)
	}
	return d.cfg.Profile == ProfileWritableRunning
}

// hasConfirmedCommit reports whether <commit> takes <confirmed/> and
// <cancel-commit> exists (RFC 6241 §8.4).
func (d *Device) hasConfirmedCommit() bool {
	if r := d.cfg.Release; r != nil {
		return r.HasCapability(capConfirmed11) || r.HasCapability(capConfirmed10)
	}
	return d.cfg.Profile == ProfileCandidate
}

// checkRelease refuses, as the release would in the edit-config reply,
// any node of config that its writable schema does not have (deviated
// away, not in the published module revision, or in a module it does not
// advertise) and any value outside its type.
func (d *Device) checkRelease(config *xmltree.Element) *RPCError {
	r := d.cfg.Release
	if r == nil || config == nil {
		return nil
	}
	refusals := r.CheckXML(config.Children)
	if len(refusals) == 0 {
		return nil
	}
	f := refusals[0]
	e := newError(ErrTypeApplication, f.Tag, f.Reason)
	e.Path = f.Path
	return e.withInfo("bad-element", path.Base(strings.SplitN(f.Path, "[", 2)[0]))
}
