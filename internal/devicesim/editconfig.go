package devicesim

import (
	"slices"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// editParams are the parameters of one edit-config.
type editParams struct {
	target    string
	defaultOp string
	test      string
	testGiven bool
	onError   string
	config    *xmltree.Element
}

// parseEditParams reads and checks the parameters of <edit-config>.
func parseEditParams(op *xmltree.Element) (editParams, *RPCError) {
	p := editParams{defaultOp: opMerge, test: "test-then-set", onError: "stop-on-error"}
	target, _, err := dsParam(op, "target")
	if err != nil {
		return p, err
	}
	p.target = target
	choices := []struct {
		name  string
		dst   *string
		valid []string
	}{
		{"default-operation", &p.defaultOp, []string{opMerge, opReplace, opNone}},
		{"test-option", &p.test, []string{"test-then-set", "set", "test-only"}},
		{"error-option", &p.onError, []string{"stop-on-error", "continue-on-error", "rollback-on-error"}},
	}
	for _, c := range choices {
		e := param(op, c.name)
		if e == nil {
			continue
		}
		if !slices.Contains(c.valid, e.Text) {
			return p, invalidValue(c.name+" "+e.Text+" is not valid").withInfo("bad-element", c.name)
		}
		*c.dst = e.Text
		p.testGiven = p.testGiven || c.name == "test-option"
	}
	if param(op, "url") != nil {
		return p, notSupported("the :url capability is not supported")
	}
	if p.config = param(op, "config"); p.config == nil {
		return p, missingElement("config", "<edit-config> needs <config>")
	}
	return p, nil
}

// opEditConfig is <edit-config> (RFC 6241 §7.2). The edit is applied to a
// copy of the target. Errors follow error-option: stop-on-error keeps what
// was applied before the first error, continue-on-error keeps every node
// that applied, rollback-on-error keeps nothing. Validation (test-then-set,
// test-only) runs on the result when the target is running or test-option
// was given; a candidate is otherwise validated at commit and validate.
func (d *Device) opEditConfig(s *session, op *xmltree.Element) result {
	p, err := parseEditParams(op)
	if err != nil {
		return fail(err)
	}
	if err := d.checkWritable(p.target, s.id); err != nil {
		return fail(err)
	}
	if err := d.checkRelease(p.config); err != nil {
		return fail(err)
	}
	if r := d.cfg.Release; r != nil && p.config != nil {
		r.CanonicalIdentities(p.config.Children)
	}
	cur, _ := d.lookup(p.target)
	work := cur.Clone()
	if p.defaultOp == opReplace {
		work.Children = nil
	}
	ed := &editor{schema: d.cfg.Schema, knobs: &d.knobs, keepGoing: p.onError == "continue-on-error",
		ignoring: p.defaultOp != opReplace}
	ed.children(work, p.config, level{}, p.defaultOp, nil)
	if len(ed.errs) > 0 {
		if p.onError != "rollback-on-error" && p.test != "test-only" {
			d.store(p.target, work, s.id)
		}
		return fail(ed.errs...)
	}
	storeSecrets(work)
	if p.test != "set" && (p.target == Running || p.testGiven) {
		if err := d.validate(work); err != nil {
			return fail(err)
		}
	}
	if p.test != "test-only" {
		d.store(p.target, work, s.id)
	}
	return result{}
}
