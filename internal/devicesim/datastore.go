package devicesim

import (
	"errors"
	"slices"

	"github.com/switchyard/switchyard/internal/ocxml"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// param returns the parameter child called name of operation op. Parameters
// are in the base namespace; like most devices, the simulator also accepts
// them unqualified (ncclient sends an unqualified <config>).
func param(op *xmltree.Element, name string) *xmltree.Element {
	if e := op.Child(NSBase, name); e != nil {
		return e
	}
	return op.Child("", name)
}

// dsParam reads the datastore named in the <name> child of op
// (<target><candidate/></target>). It returns the name, or for an inline
// <config> the name "config" and the element.
func dsParam(op *xmltree.Element, name string) (string, *xmltree.Element, *RPCError) {
	p := param(op, name)
	if p == nil {
		return "", nil, missingElement(name, "<"+op.Name.Local+"> needs <"+name+">")
	}
	if len(p.Children) != 1 {
		return "", nil, newError(ErrTypeProtocol, TagBadElement,
			"<"+name+"> must name exactly one datastore").withInfo("bad-element", name)
	}
	c := p.Children[0]
	switch {
	case c.Name.Space != NSBase && c.Name.Space != "":
		return "", nil, newError(ErrTypeProtocol, TagUnknownNamespace, "unknown datastore namespace").
			withInfo("bad-element", c.Name.Local, "bad-namespace", c.Name.Space)
	case c.Name.Local == "url":
		return "", nil, notSupported("the :url capability is not supported")
	case c.Name.Local == "config":
		return "config", c, nil
	}
	return c.Name.Local, nil, nil
}

// lookup returns the datastore called name, or invalid-value for one the
// device does not have.
func (d *Device) lookup(name string) (*xmltree.Element, *RPCError) {
	switch {
	case name == Running:
		return d.state.running, nil
	case name == Candidate && d.state.candidate != nil:
		return d.state.candidate, nil
	}
	return nil, invalidValue("datastore "+name+" is not supported on this device").
		withInfo("bad-element", name)
}

// checkWritable returns an error unless session sid may write datastore
// name: it must be writable in this profile and not locked by another
// session (in-use, naming the holder).
func (d *Device) checkWritable(name string, sid uint32) *RPCError {
	switch {
	case name == Candidate && d.state.candidate != nil:
	case name == Running && d.runningWritable():
	case name == Running:
		return notSupported("running is not writable on this device; edit candidate and commit").
			withInfo("bad-element", name)
	default:
		return invalidValue("datastore "+name+" is not supported on this device").
			withInfo("bad-element", name)
	}
	return d.checkLock(name, sid)
}

// checkLock returns in-use when another session holds the lock on name.
func (d *Device) checkLock(name string, sid uint32) *RPCError {
	if h, ok := d.state.locks[name]; ok && h != sid {
		return inUse(h, name+" is locked by session "+itoa(h))
	}
	return nil
}

// store replaces datastore name with root, tracking candidate changes.
func (d *Device) store(name string, root *xmltree.Element, sid uint32) {
	if name == Running {
		before := d.state.running
		d.state.running = root
		d.log.Info("running changed", "session", sid)
		d.changed(d.sessions[sid], before)
		return
	}
	d.state.candidate = root
	d.state.dirtyBy[sid] = true
}

// opGetConfig is <get-config> (RFC 6241 §7.1).
func (d *Device) opGetConfig(_ *session, op *xmltree.Element) result {
	name, _, err := dsParam(op, "source")
	if err != nil {
		return fail(err)
	}
	root, err := d.lookup(name)
	if err != nil {
		return fail(err)
	}
	return d.read(root, op)
}

// opGet is <get> (RFC 6241 §7.7); the simulator has no state data, so it
// returns the running configuration, and, on a release that advertises
// IOS-XR's Cisco-IOS-XR-config-cfgmgr-exec-oper, the commit list.
func (d *Device) opGet(_ *session, op *xmltree.Element) result {
	if !d.feat.commitList {
		return d.read(d.state.running, op)
	}
	root := xmltree.New(NSBase, "data")
	root.Children = append(slices.Clone(d.state.running.Children), d.commitList())
	return d.read(root, op)
}

// read answers get and get-config: root filtered by op's <filter>.
func (d *Device) read(root *xmltree.Element, op *xmltree.Element) result {
	data := xmltree.New(NSBase, "data")
	f := param(op, "filter")
	if f == nil {
		data.Children = root.Clone().Children
		return result{data: data}
	}
	if t, ok := f.Attr("", "type"); ok && t != "subtree" {
		if t == "xpath" {
			return fail(notSupported("the :xpath capability is not supported"))
		}
		return fail(newError(ErrTypeProtocol, TagBadAttribute, "unknown filter type "+t).
			withInfo("bad-attribute", "type", "bad-element", "filter"))
	}
	data.Children = subtreeFilter(root, f)
	return result{data: data}
}

// opCopyConfig is <copy-config> (RFC 6241 §7.3) between running, candidate
// and an inline <config>.
func (d *Device) opCopyConfig(s *session, op *xmltree.Element) result {
	target, _, err := dsParam(op, "target")
	if err != nil {
		return fail(err)
	}
	source, inline, err := dsParam(op, "source")
	if err != nil {
		return fail(err)
	}
	if err := d.checkWritable(target, s.id); err != nil {
		return fail(err)
	}
	var root *xmltree.Element
	if inline != nil {
		if e := d.rejectedIn(inline); e != nil {
			return fail(e)
		}
		root = stripOps(inline)
	} else {
		src, err := d.lookup(source)
		if err != nil {
			return fail(err)
		}
		if source == target {
			return fail(invalidValue("source and target are the same datastore"))
		}
		root = src.Clone()
	}
	root.Name = d.state.running.Name
	if target == Running {
		if err := d.validate(root); err != nil {
			return fail(err)
		}
	}
	d.store(target, root, s.id)
	if target == Candidate && source == Running {
		clear(d.state.dirtyBy)
	}
	return result{}
}

// opDeleteConfig is <delete-config> (RFC 6241 §7.4): only startup may be
// deleted, and the simulator has none.
func (d *Device) opDeleteConfig(_ *session, op *xmltree.Element) result {
	target, _, err := dsParam(op, "target")
	if err != nil {
		return fail(err)
	}
	if target == Running {
		return fail(invalidValue("the running configuration cannot be deleted").withInfo("bad-element", target))
	}
	return fail(invalidValue("datastore "+target+" is not supported on this device").
		withInfo("bad-element", target))
}

// validate runs the schema over root and converts its error.
func (d *Device) validate(root *xmltree.Element) *RPCError {
	ds, deterministic := d.cfg.Schema.(DeterministicSchema)
	deterministic = deterministic && ds.IsDeterministic()
	if deterministic && root != nil && root == d.state.valid {
		return nil
	}
	err := d.cfg.Schema.Validate(root)
	if err == nil {
		if deterministic {
			d.state.valid = root
		}
		return nil
	}
	var re *RPCError
	if errors.As(err, &re) {
		c := *re
		if c.Tag == "" {
			c.Tag = TagInvalidValue
		}
		return &c
	}
	var oe *ocxml.Error
	if errors.As(err, &oe) {
		tag := oe.Tag
		if tag == "" {
			tag = TagInvalidValue
		}
		return &RPCError{Tag: tag, Path: oe.XPath, Namespaces: oe.Namespaces, Message: oe.Message}
	}
	return &RPCError{Tag: TagOperationFailed, Message: err.Error()}
}

// opValidate is <validate> (RFC 6241 §8.6).
func (d *Device) opValidate(_ *session, op *xmltree.Element) result {
	name, inline, err := dsParam(op, "source")
	if err != nil {
		return fail(err)
	}
	root := inline
	if inline == nil {
		if root, err = d.lookup(name); err != nil {
			return fail(err)
		}
	} else {
		root = stripOps(inline)
	}
	if err := d.validate(root); err != nil {
		return fail(err)
	}
	return result{}
}
