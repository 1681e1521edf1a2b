package cliconf

import "testing"

func TestNodeChild(t *testing.T) {
	c, err := Parse("interface Gi1/0/1\n description up\nhostname sw1\n")
	if err != nil {
		t.Fatal(err)
	}
	iface := c.Root.Child("interface Gi1/0/1")
	if iface == nil || iface.Child("description up") == nil {
		t.Fatalf("Child did not find the interface or its description in %q", c.String())
	}
	if c.Root.Child("interface Gi1/0/2") != nil || iface.Child("description") != nil {
		t.Errorf("Child matched a line that is not exactly there")
	}
	var none *Node
	if none.Child("hostname sw1") != nil {
		t.Errorf("Child of a nil node is not nil")
	}
}
