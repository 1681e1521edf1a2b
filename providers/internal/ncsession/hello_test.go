package ncsession

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/transport/netconf"
	"github.com/switchyard/switchyard/profiles"
)

func TestCompareHello(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	xe, _ := set.Select("iosxe", "17.18.1")
	nx, _ := set.Select("nxos", "10.6(3)")
	if _, err := compareHello("acc1", xe, netconf.ModulesOf(xe.Hello()), xe.Hello()); err != nil {
		t.Errorf("the release's own hello: %v", err)
	}
	_, err = compareHello("acc1", xe, netconf.ModulesOf(nx.Hello()), nx.Hello())
	var me *profiles.MismatchError
	if !errors.As(err, &me) {
		t.Fatalf("an NX-OS hello against the XE profile: %v", err)
	}
	for _, want := range []string{
		"the device advertises openconfig-system@2024-09-24, the profile openconfig-system@2021-06-16",
		"confirmed-commit:1.1: device true, profile false",
		"acc1 does not say what iosxe 17.18.1 says",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	var noSystem []string
	for _, c := range xe.Hello() {
		if !strings.Contains(c, "module=openconfig-system&") {
			noSystem = append(noSystem, c)
		}
	}
	if _, err := compareHello("acc1", xe, netconf.ModulesOf(noSystem), noSystem); err == nil || !strings.Contains(err.Error(), "does not advertise openconfig-system") {
		t.Errorf("missing module: %v", err)
	}
}
