package gnmisession_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/gnmisession"
)

// The target's Capabilities are compared with the release the intent
// declares: the same release connects, another one is a clear error.
func TestDialComparesCapabilitiesWithTheRelease(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	xr, _ := set.Select("iosxr", "26.2.1")
	xe, _ := set.Select("iosxe", "17.18.1")
	sim, err := gnmisim.Start(t.Context(), gnmisim.Config{Name: "r1", Username: testUser, Password: testPassword, Release: xr})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	tg := providers.Target{Name: "r1", Platform: "iosxr", Transport: "gnmi", Address: sim.Addr(), Username: testUser,
		Password: models.NewSecret(testPassword), CAFile: writeCA(t, sim), Timeout: 10 * time.Second, Profile: xr}
	s, err := gnmisession.Dial(t.Context(), tg)
	if err != nil {
		t.Fatalf("the target's own release: %v", err)
	}
	_ = s.Close()
	tg.Profile = xe
	_, err = gnmisession.Dial(t.Context(), tg)
	var me *profiles.MismatchError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "the device advertises openconfig-system@2024-09-24, the profile openconfig-system@2021-06-16") {
		t.Fatalf("an XR target declared as XE 17.18.1: %v", err)
	}
}
