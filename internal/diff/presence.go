package diff

import "github.com/openconfig/goyang/pkg/yang"

// A presence container of a native subtree ("local" of an IOS-XR login
// method list) means something by existing. Empty on both sides, it
// compares as a leaf whose value is {} (its RFC 7951 form): created when
// desired alone has it, released like a leaf. With members it is walked as
// any container: creating a member creates it.

// isPresence reports whether sch is a presence container (the native
// schema keeps its container statement as Node, see
// profiles.Profile.NativeEntry).
func isPresence(sch *yang.Entry) bool {
	c, ok := sch.Node.(*yang.Container)
	return ok && c.Presence != nil
}

// emptyPresence reports whether sch is a presence container that has no
// members in des nor in run.
func emptyPresence(sch *yang.Entry, des, run map[string]any) bool {
	return isPresence(sch) && len(des) == 0 && len(run) == 0
}

// presenceValue is the value of an empty presence container: {} when it
// exists, nil when not.
func presenceValue(exists bool) any {
	if exists {
		return map[string]any{}
	}
	return nil
}
