package nxapisim_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
)

// post sends one cli_conf request; it reports whether an answer came.
func post(t *testing.T, d *nxapisim.Device, cmd string) bool {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(d.CAPEM())
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, DisableKeepAlives: true}}
	body := `{"jsonrpc":"2.0","method":"cli","params":{"cmd":"` + cmd + `","version":1},"id":1}`
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://"+d.Addr()+"/ins", bytes.NewReader([]byte(body)))
	req.SetBasicAuth("admin", "pw")
	resp, err := hc.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

func TestDropAfterAndLoseReplyAfter(t *testing.T) {
	d, _ := start(t, "")
	d.Knobs().DropAfter(1)
	if !post(t, d, "hostname one") {
		t.Fatal("first request dropped")
	}
	if post(t, d, "hostname two") {
		t.Fatal("second request answered, want dropped")
	}
	if strings.Contains(d.Running(), "hostname two") {
		t.Error("the dropped request was executed")
	}
	d.Knobs().LoseReplyAfter(0)
	if post(t, d, "hostname three") {
		t.Fatal("request answered, want its reply lost")
	}
	if !strings.Contains(d.Running(), "hostname three") {
		t.Errorf("the request whose reply was lost was not executed:\n%s", d.Running())
	}
	if !post(t, d, "hostname four") { // both knobs are one-shot
		t.Fatal("request after the knobs dropped")
	}
	d.Knobs().Reset() // Reset must not corrupt the knobs' mutex
	d.Knobs().Reset()
}
