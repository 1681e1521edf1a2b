//go:build peers

package peertest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// Binary finds a program on PATH or in /usr/sbin, or fails t with the
// command that installs the peers.
func Binary(t testing.TB, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	p := filepath.Join("/usr/sbin", name)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	t.Fatalf("%s not found on PATH or in /usr/sbin: the peer tests need Debian's netconfd and openssh-server (%s)",
		name, InstallHint)
	return ""
}

// YANGDir returns the OpenConfig YANG the project vendors
// (models/openconfig/yang/public: release/models and third_party): it
// walks up from the working directory (the package under test) to the
// module root, the directory with go.mod. SWITCHYARD_YANG_DIR overrides
// the search. It fails t when there is none.
func YANGDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("SWITCHYARD_YANG_DIR"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			cand := filepath.Join(dir, "models", "openconfig", "yang", "public")
			if _, err := os.Stat(filepath.Join(cand, "release", "models")); err != nil {
				t.Fatalf("vendored OpenConfig YANG missing: %v", err)
			}
			return cand
		}
		if dir == filepath.Dir(dir) {
			t.Fatalf("no go.mod in %s or above it (set SWITCHYARD_YANG_DIR)", wd)
		}
	}
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// WriteFile writes content to path with mode 0600 or fails t.
func WriteFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeKey generates an ed25519 key, writes its private half in OpenSSH
// format to path and returns the public half.
func writeKey(t testing.TB, path string) ssh.PublicKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	WriteFile(t, path, string(pem.EncodeToMemory(block)))
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// startProcess starts cmd with its output in logPath and returns a stop
// function: interrupt, wait up to 5 s, then kill. When t has failed by
// then, the output is logged.
func startProcess(t testing.TB, logPath string, cmd *exec.Cmd) (stop func()) {
	t.Helper()
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		_ = f.Close()
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	return func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		_ = f.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("%s output:\n%s", filepath.Base(cmd.Path), b)
		}
	}
}

// waitUntil polls ready every 50 ms for up to d, or fails t.
func waitUntil(t testing.TB, what string, d time.Duration, ready func() bool) {
	t.Helper()
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ready() {
			return
		}
	}
	t.Fatalf("%s not ready after %s", what, d)
}

// dials reports whether a connection to addr on network succeeds now.
func dials(network, addr string) bool {
	c, err := net.Dial(network, addr)
	if err == nil {
		_ = c.Close()
	}
	return err == nil
}
