package devicesim

import (
	"strconv"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// NSCiscoIA is the namespace of IOS-XE's cisco-ia module, whose rpcs
// checkpoint, rollback and revert give a release without confirmed commit
// a timed rollback (the NETCONF face of "archive config", "configure
// replace URL time N" and "configure revert").
const NSCiscoIA = "http://cisco.com/yang/cisco-ia"

// Limits of the cisco-ia rpcs, from cisco-ia.yang: revert-timer, timer and
// idle are int16 with range 1..120 (minutes).
const (
	ciaMinMinutes = 1
	ciaMaxMinutes = 120
	// ArchivePath is the archive "path" the simulated device is configured
	// with; checkpoint files are ArchivePath-1, ArchivePath-2, ...
	ArchivePath = "flash:archive"
	// archiveMaximum is how many archive files are kept (IOS "maximum",
	// default 10): the oldest goes when a new one is saved.
	archiveMaximum = 10
)

// ciaState is the cisco-ia state of a Device, guarded by Device.mu.
type ciaState struct {
	// files are the archive files, oldest first.
	files []archiveFile
	seq   int
	// timed is the pending timed rollback ("Rollback Confirmed Change").
	timed *timedRollback
}

type archiveFile struct {
	name string
	tree *xmltree.Element
}

// timedRollback is a rollback with revert-timer that waits for its timer.
type timedRollback struct {
	// before is running as it was before the rollback: what the timer
	// restores.
	before *xmltree.Element
	backup string
	timer  Timer
	// gen identifies the current timer so a stale one does nothing.
	gen      uint64
	deadline time.Time
}

// hasCiscoIA reports whether the device's hello advertises cisco-ia, and so
// answers its rpcs.
func (d *Device) hasCiscoIA() bool {
	if r := d.cfg.Release; r != nil {
		return r.Module("cisco-ia") != nil
	}
	for _, c := range d.cfg.Capabilities {
		if strings.HasPrefix(c, NSCiscoIA+"?") {
			return true
		}
	}
	return false
}

// ciaHandler returns the handler of a cisco-ia rpc, or nil.
func (d *Device) ciaHandler(name string) func(*session, *xmltree.Element) result {
	switch name {
	case "checkpoint":
		return d.opCheckpoint
	case "rollback":
		return d.opRollback
	case "revert":
		return d.opRevert
	}
	return nil
}

// ciaResult is the cisco-ia-output of an rpc: <result> with text.
func ciaResult(text string) result {
	e := xmltree.New(NSCiscoIA, "result")
	e.Text = text
	return result{data: e}
}

// ciaParam returns the input leaf name of a cisco-ia rpc, or nil.
func ciaParam(op *xmltree.Element, name string) *xmltree.Element {
	if e := op.Child(NSCiscoIA, name); e != nil {
		return e
	}
	return op.Child("", name)
}

// ciaMinutes reads an int16 1..120 leaf (nil when absent).
func ciaMinutes(op *xmltree.Element, name string) (*int, *RPCError) {
	e := ciaParam(op, name)
	if e == nil {
		return nil, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(e.Text), 10, 16)
	if err != nil || n < ciaMinMinutes || n > ciaMaxMinutes {
		return nil, invalidValue(name+" "+e.Text+" is out of range 1..120 (minutes)").withInfo("bad-element", name)
	}
	m := int(n)
	return &m, nil
}

// opCheckpoint is cisco-ia's checkpoint ("archive config"): running is
// saved as the next archive file, whose name the result gives.
func (d *Device) opCheckpoint(_ *session, _ *xmltree.Element) result {
	name := d.archiveLocked(d.state.running)
	d.log.Info("checkpoint saved", "file", name)
	return ciaResult("Checkpoint saved to " + name)
}

// archiveLocked saves tree as the next archive file and returns its name.
func (d *Device) archiveLocked(tree *xmltree.Element) string {
	ia := &d.state.ia
	ia.seq++
	name := ArchivePath + "-" + strconv.Itoa(ia.seq)
	ia.files = append(ia.files, archiveFile{name: name, tree: tree.Clone()})
	if len(ia.files) > archiveMaximum {
		ia.files = ia.files[len(ia.files)-archiveMaximum:]
	}
	return name
}

func (d *Device) archiveFile(name string) *xmltree.Element {
	for _, f := range d.state.ia.files {
		if f.name == name {
			return f.tree
		}
	}
	return nil
}

// opRollback is cisco-ia's rollback ("configure replace URL [revert
// trigger error] [time N]"): running becomes the file's configuration;
// with revert-timer, the configuration before the rollback is backed up
// and restored when the timer runs out unless a revert (or a confirm)
// comes first. Refused while a timed rollback is pending, and while
// another session holds a lock on running (unless nolock).
func (d *Device) opRollback(s *session, op *xmltree.Element) result {
	url := ciaParam(op, "target-url")
	if url == nil || strings.TrimSpace(url.Text) == "" {
		return fail(missingElement("target-url", "rollback needs <target-url>"))
	}
	minutes, err := ciaMinutes(op, "revert-timer")
	if err != nil {
		return fail(err)
	}
	target := strings.TrimSpace(url.Text)
	file := d.archiveFile(target)
	switch {
	case file == nil:
		return fail(newError(ErrTypeApplication, TagOperationFailed, "%Error opening "+target+" (File not found)"))
	case d.state.ia.timed != nil:
		return fail(inUse(0, "Rollback Confirmed Change pending: confirm or revert it first"))
	}
	if nl := ciaParam(op, "nolock"); nl == nil || nl.Text != "true" {
		if err := d.checkLock(Running, s.id); err != nil {
			return fail(err)
		}
	}
	before := d.state.running
	d.replaceRunningLocked(s, file.Clone())
	if minutes == nil {
		d.log.Info("configure replace done", "file", target, "session", s.id)
		return ciaResult("Rollback Done")
	}
	t := &timedRollback{before: before, backup: d.archiveLocked(before)}
	d.state.ia.timed = t
	d.armRevertLocked(t, *minutes)
	d.log.Info("configure replace done; timed rollback armed", "file", target, "backup", t.backup, "minutes", *minutes, "session", s.id)
	return ciaResult("Rollback Done; scheduled to rollback to config " + t.backup + " in " + strconv.Itoa(*minutes) + " minutes")
}

// armRevertLocked (re)starts t's timer for minutes.
func (d *Device) armRevertLocked(t *timedRollback, minutes int) {
	if t.timer != nil {
		t.timer.Stop()
	}
	t.gen++
	gen := t.gen
	dur := time.Duration(minutes) * time.Minute
	t.deadline = d.cfg.Clock.Now().Add(dur)
	t.timer = d.cfg.Clock.AfterFunc(dur, func() { d.revertExpired(t, gen) })
}

// revertExpired restores the configuration before the timed rollback when
// its timer of generation gen runs out.
func (d *Device) revertExpired(t *timedRollback, gen uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || d.state.ia.timed != t || t.gen != gen {
		return
	}
	d.state.ia.timed = nil
	if d.knobs.revertTimerBroken() {
		d.log.Info("rollback timer expired; the revert did not happen (knob)", "backup", t.backup)
		return
	}
	d.replaceRunningLocked(nil, t.before)
	d.log.Info("rollback timer expired; rolled back", "backup", t.backup)
}

// opRevert is cisco-ia's revert ("configure revert"): with timer or idle,
// the pending timed rollback's timer restarts with that many minutes (the
// simulator treats idle like timer: it does not watch for activity);
// otherwise (now, or no input) the timer is cancelled and the
// configuration before the rollback is restored at once.
func (d *Device) opRevert(s *session, op *xmltree.Element) result {
	timer, err := ciaMinutes(op, "timer")
	if err != nil {
		return fail(err)
	}
	idle, err := ciaMinutes(op, "idle")
	if err != nil {
		return fail(err)
	}
	t := d.state.ia.timed
	if t == nil {
		return fail(newError(ErrTypeApplication, TagOperationFailed, "%No Rollback Confirmed Change pending"))
	}
	if err := d.checkLock(Running, s.id); err != nil {
		return fail(err)
	}
	if m := cmpOr(timer, idle); m != nil && ciaParam(op, "now") == nil {
		d.armRevertLocked(t, *m)
		d.log.Info("rollback timer reset", "minutes", *m, "session", s.id)
		return ciaResult("Rollback timer reset to " + strconv.Itoa(*m) + " minutes")
	}
	t.timer.Stop()
	d.state.ia.timed = nil
	d.replaceRunningLocked(s, t.before)
	d.log.Info("timed rollback reverted now", "backup", t.backup, "session", s.id)
	return ciaResult("Rollback to " + t.backup + " done")
}

func cmpOr(a, b *int) *int {
	if a != nil {
		return a
	}
	return b
}

// replaceRunningLocked makes root the running configuration (and the
// candidate, which follows running on a configure replace); by is the
// session that asked, nil when a timer did.
func (d *Device) replaceRunningLocked(by *session, root *xmltree.Element) {
	r := root.Clone()
	r.Name = d.state.running.Name
	before := d.state.running
	d.state.running = r
	d.changed(by, before)
	if d.state.candidate != nil {
		d.state.candidate = r.Clone()
		clear(d.state.dirtyBy)
	}
}

// RevertTimer reports the deadline of the pending cisco-ia timed rollback
// and whether one is pending.
func (d *Device) RevertTimer() (time.Time, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if t := d.state.ia.timed; t != nil {
		return t.deadline, true
	}
	return time.Time{}, false
}

// ArchiveFiles lists the names of the archive files, oldest first.
func (d *Device) ArchiveFiles() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]string, len(d.state.ia.files))
	for i, f := range d.state.ia.files {
		out[i] = f.name
	}
	return out
}
