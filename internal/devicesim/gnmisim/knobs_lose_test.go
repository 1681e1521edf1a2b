package gnmisim_test

import (
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/transport/gnmi"
)

func TestLoseReplyAfter(t *testing.T) {
	tg, c := start(t)
	tg.Knobs().LoseReplyAfter(1)
	if _, err := c.Get(t.Context(), "/system"); err != nil {
		t.Fatalf("first Get: %v", err)
	}
	req := gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: "r2"}}}
	if err := c.Set(t.Context(), req); status.Code(err) != codes.Unavailable {
		t.Fatalf("Set whose reply is lost: %v, want Unavailable", err)
	}
	if got := hostname(t, tg); got != "r2" {
		t.Errorf("the Set whose reply was lost was not applied: hostname %q", got)
	}
	req.Updates[0].Value = "r3"
	if err := c.Set(t.Context(), req); err != nil { // knob is one-shot
		t.Fatalf("Set after: %v", err)
	}
}
